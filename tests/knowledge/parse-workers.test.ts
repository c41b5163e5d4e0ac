import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeCache } from '../../src/knowledge/cache.js';
import { MAX_FILE_BYTES } from '../../src/knowledge/files.js';
import { loadKnowledge, type LoadOptions } from '../../src/knowledge/load.js';
import type { LoadResult } from '../../src/knowledge/types.js';
import { FIXTURES, knowledgeFolder, lines } from './helpers.js';

/** Forces every parse into worker threads. */
const IN_WORKERS: LoadOptions = { workerThreshold: 0 };
/** Forces every parse into this thread, as small loads do. */
const IN_THREAD: LoadOptions = { workerThreshold: Number.POSITIVE_INFINITY };

/** The worker threads started (process 'worker' event) during a test, and how many have exited. */
const workers = { started: 0, exited: 0 };
function onWorker(worker: Worker): void {
	workers.started++;
	worker.once('exit', () => workers.exited++);
}
beforeEach(() => {
	workers.started = 0;
	workers.exited = 0;
	process.on('worker', onWorker);
});
afterEach(() => {
	process.off('worker', onWorker);
});

const markdown = (title: string, text: string) => lines('---', `title: ${title}`, '---', '', '## About', '', text);

/** Every kind of file and outcome: documents, synonyms, parse problems, unreadable files, a duplicate id. */
async function mixedFolder(): Promise<string> {
	return knowledgeFolder({
		'_synonyms.yaml': lines('synonyms:', '  - [film, movie]', '  - [cinema, theatre]'),
		'about.md': markdown('About us', 'We *like* films.\n\n## FAQ\n\n### When do you open?\n\nAt 9.'),
		'bad.md': lines('---', 'title: Bad', 'kind: movie', 'relese_date: 2025-01-01', '---', 'Text.'),
		'binary.md': new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00]),
		'empty.yaml': '',
		'hours.yaml': lines('title: Opening hours', 'faq:', '  - question: When does it open?', '    answer: At 9.'),
		'latin1.md': new Uint8Array([0xff, 0xfe, 0x41]),
		'list.json': JSON.stringify({ title: 'Bot help', faq: [{ question: 'How?', answer: 'Ask.', alternates: ['Why?'] }] }),
		'nested/about.yaml': lines('title: Clash', 'faq:', '  - { question: Q?, answer: A. }'),
		'oversized.md': 'x'.repeat(MAX_FILE_BYTES + 1),
		'unclosed.yaml': 'title: [unclosed\n',
	});
}

describe('loadKnowledge in parse workers', () => {
	it('gives the same knowledge and problems as parsing in this thread', async () => {
		const mixed = await mixedFolder();
		for (const directory of [path.join(FIXTURES, 'good'), path.join(FIXTURES, 'broken'), mixed]) {
			workers.started = 0;
			const inThread = await loadKnowledge(directory, IN_THREAD);
			expect(workers.started).toBe(0);
			const inWorkers = await loadKnowledge(directory, IN_WORKERS);
			expect(workers.started).toBeGreaterThan(0);
			expect(inWorkers).toEqual(inThread);
			expect(JSON.stringify(inWorkers)).toBe(JSON.stringify(inThread));
			if (directory !== mixed) continue;
			// The mixed folder really has every outcome in it.
			expect(inWorkers.knowledge.documents.map((document) => document.id)).toEqual(['hours', 'list']);
			expect(inWorkers.knowledge.synonyms).toHaveLength(2);
			expect(new Set(inWorkers.problems.map((problem) => problem.file))).toEqual(
				new Set([
					'about.md',
					'bad.md',
					'binary.md',
					'empty.yaml',
					'latin1.md',
					'nested/about.yaml',
					'oversized.md',
					'unclosed.yaml',
				]),
			);
		}
	});

	it('keeps small loads in this thread, and stops every worker it starts', async () => {
		await loadKnowledge(path.join(FIXTURES, 'good'));
		expect(workers.started).toBe(0);
		await loadKnowledge(path.join(FIXTURES, 'good'), { ...IN_WORKERS, parseWorkers: 2 });
		expect(workers.started).toBe(2);
		expect(workers.exited).toBe(2);
	});

	it('caches what the workers parsed: unchanged files keep their document objects and are not parsed again', async () => {
		const directory = await mixedFolder();
		// Bytes that are not text are found again on every load (see cache.test.ts), so not cached.
		await rm(path.join(directory, 'binary.md'));
		await rm(path.join(directory, 'latin1.md'));
		const cache = new KnowledgeCache();
		const first = await loadKnowledge(directory, { ...IN_WORKERS, cache });
		workers.started = 0;
		const second = await loadKnowledge(directory, { ...IN_WORKERS, cache });
		expect(workers.started).toBe(0);
		expect(second).toEqual(first);
		second.knowledge.documents.forEach((document, index) => {
			expect(document).toBe(first.knowledge.documents[index]);
		});

		await writeFile(path.join(directory, 'about.md'), markdown('About', 'Changed.'));
		const third = await loadKnowledge(directory, { ...IN_WORKERS, cache });
		expect(workers.started).toBe(1);
		expect(third).toEqual(await loadKnowledge(directory, IN_THREAD));
		expect(third.knowledge.documents.find((document) => document.id === 'hours')).toBe(
			first.knowledge.documents.find((document) => document.id === 'hours'),
		);
	});

	it('reports a file that takes too long to parse, stops its worker and loads the rest with a new one', async () => {
		// 900 KB of emphasis markers, in paragraphs small enough to pass the inline-markup limit:
		// the Markdown parser takes several seconds on it. The file comes first, so the other files
		// wait for the worker it holds.
		const slow = markdown('Slow', Array.from({ length: 3000 }, () => 'a*'.repeat(150)).join('\n\n'));
		const directory = await knowledgeFolder({
			'a-slow.md': slow,
			'b.md': markdown('B', 'Fine.'),
			'c.yaml': lines('title: C', 'faq:', '  - { question: Q?, answer: A. }'),
		});
		const cache = new KnowledgeCache();
		const started = performance.now();
		const result = await loadKnowledge(directory, { ...IN_WORKERS, cache, parseWorkers: 1, parseTimeLimitMs: 500 });
		expect(performance.now() - started).toBeLessThan(10_000);

		expect(result.problems).toEqual([
			{
				file: 'a-slow.md',
				message: 'took longer than 500 ms to parse — split it into smaller files or simplify its formatting',
			},
		]);
		expect(result.knowledge.documents.map((document) => document.id)).toEqual(['b', 'c']);
		// The stopped worker, and its replacement.
		expect(workers.started).toBe(2);
		expect(workers.exited).toBe(2);
		// The time limit is not the file's parse result: it is not cached (the next load tries again).
		expect(cache.size).toBe(2);
	});

	it('keeps the event loop responsive while the workers parse large files', async () => {
		// Four Markdown documents of 160 KiB: parsing one in this thread blocks it for a few hundred
		// ms. (FAQ lists no longer do: a 1 MiB list is read in ~0.1 s, see quick-yaml.ts.)
		const files: Record<string, string> = {};
		for (let file = 0; file < 4; file++) {
			const parts: string[] = ['---', `title: Product ${file}`, '---', ''];
			for (let section = 0, bytes = 0; bytes < 160 * 1024; section++) {
				const text = [
					`## How do I configure widget ${section} of product ${file}?`,
					'',
					`Open the settings page, choose widget ${section} and follow the steps shown there; it takes a minute on a desktop computer.`,
					'',
				].join('\n');
				parts.push(text);
				bytes += text.length + 1;
			}
			files[`product-${file}.md`] = lines(...parts);
		}
		const directory = await knowledgeFolder(files);

		/** The longest the event loop went without running a 5 ms timer while `load` ran. */
		const longestStall = async (load: () => Promise<LoadResult>): Promise<number> => {
			let last = performance.now();
			let longestGap = 0;
			const ticker = setInterval(() => {
				const now = performance.now();
				longestGap = Math.max(longestGap, now - last);
				last = now;
			}, 5);
			try {
				const result = await load();
				longestGap = Math.max(longestGap, performance.now() - last);
				expect(result.problems).toEqual([]);
				expect(result.knowledge.documents).toHaveLength(4);
			} finally {
				clearInterval(ticker);
			}
			return longestGap;
		};
		// Compared with parsing the same files in this thread, not with a fixed number of
		// milliseconds, so that a busy machine slows both alike.
		const inThread = await longestStall(() => loadKnowledge(directory, { workerThreshold: Infinity }));
		const inWorkers = await longestStall(() => loadKnowledge(directory, { cache: new KnowledgeCache() }));
		expect(inWorkers).toBeLessThan(inThread / 2);
		expect(workers.started).toBeGreaterThan(0);
	});
});
