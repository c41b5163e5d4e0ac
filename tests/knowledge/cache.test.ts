import { mkdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeCache } from '../../src/knowledge/cache.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { KnowledgeDocument, LoadResult } from '../../src/knowledge/types.js';
import { deepFreeze } from '../support/deep-freeze.js';
import { FIXTURES, knowledgeFolder, lines, located } from './helpers.js';

const faqList = (title: string, answer: string) =>
	lines(`title: ${title}`, 'faq:', '  - question: When does it open?', `    answer: ${answer}`);

const markdown = (title: string, text: string) => lines('---', `title: ${title}`, '---', '', '## About', '', text);

function byId(result: LoadResult): Map<string, KnowledgeDocument> {
	return new Map(result.knowledge.documents.map((document) => [document.id, document]));
}

/** Overwrites a file, keeping its modification time: only the content tells that it changed. */
async function rewriteKeepingTime(file: string, content: string): Promise<void> {
	const before = await stat(file);
	await writeFile(file, content);
	await utimes(file, before.atime, before.mtime);
}

describe('loadKnowledge with a KnowledgeCache', () => {
	it('returns the very same document objects for unchanged files', async () => {
		const cache = new KnowledgeCache();
		const first = await loadKnowledge(path.join(FIXTURES, 'good'), { cache });
		const second = await loadKnowledge(path.join(FIXTURES, 'good'), { cache });

		expect(second.problems).toEqual([]);
		expect(second.knowledge.documents).toHaveLength(4);
		second.knowledge.documents.forEach((document, index) => {
			expect(document).toBe(first.knowledge.documents[index]);
		});
		expect(second.knowledge.synonyms).toEqual(first.knowledge.synonyms);
		// The lists themselves are fresh: the caller may keep or change them without touching the cache.
		expect(second.knowledge.documents).not.toBe(first.knowledge.documents);
	});

	it('returns the same result as loading without a cache', async () => {
		const cache = new KnowledgeCache();
		await loadKnowledge(path.join(FIXTURES, 'good'), { cache });
		const cached = await loadKnowledge(path.join(FIXTURES, 'good'), { cache });
		const uncached = await loadKnowledge(path.join(FIXTURES, 'good'));
		expect(cached).toEqual(uncached);
		expect(JSON.stringify(cached)).toBe(JSON.stringify(uncached));
	});

	it('parses an edited file again and serves its new content, even at the same size and time', async () => {
		const directory = await knowledgeFolder({
			'hours.yaml': faqList('Opening hours', 'At 9.'),
			'rules.md': markdown('Rules', 'Be kind.'),
		});
		const cache = new KnowledgeCache();
		const first = byId(await loadKnowledge(directory, { cache }));

		await rewriteKeepingTime(path.join(directory, 'hours.yaml'), faqList('Opening hours', 'At 8.'));
		const second = await loadKnowledge(directory, { cache });

		expect(second.problems).toEqual([]);
		const hours = byId(second).get('hours');
		expect(hours?.faq[0]?.answer).toBe('At 8.');
		expect(hours).not.toBe(first.get('hours'));
		expect(byId(second).get('rules')).toBe(first.get('rules'));
	});

	it('still reports the problems of an unchanged file, every time', async () => {
		const directory = await knowledgeFolder({
			'bad.md': lines('---', 'title: Bad', 'kind: movie', '---', 'Text.'),
			'good.md': markdown('Good', 'Fine.'),
		});
		const cache = new KnowledgeCache();
		const first = await loadKnowledge(directory, { cache });
		const second = await loadKnowledge(directory, { cache });
		const third = await loadKnowledge(directory, { cache });

		expect(located(first.problems)).toEqual([{ file: 'bad.md', line: 3, field: 'kind' }]);
		expect(second.problems).toEqual(first.problems);
		expect(third.problems).toEqual(first.problems);
		expect(third.knowledge.documents.map((document) => document.id)).toEqual(['good']);
	});

	it('drops a deleted file from the knowledge and from the cache', async () => {
		const directory = await knowledgeFolder({
			'a.md': markdown('A', 'One.'),
			'b.md': markdown('B', 'Two.'),
			'_synonyms.yaml': lines('synonyms:', '  - [film, movie]'),
		});
		const cache = new KnowledgeCache();
		await loadKnowledge(directory, { cache });
		expect(cache.size).toBe(3);

		await rm(path.join(directory, 'b.md'));
		await rm(path.join(directory, '_synonyms.yaml'));
		const after = await loadKnowledge(directory, { cache });

		expect(after.problems).toEqual([]);
		expect(after.knowledge.documents.map((document) => document.id)).toEqual(['a']);
		expect(after.knowledge.synonyms).toEqual([]);
		expect(cache.size).toBe(1);
	});

	it('reports a duplicate id between a cached file and one renamed to clash with it, and forgets it once resolved', async () => {
		const directory = await knowledgeFolder({
			'alpha.md': markdown('Alpha', 'First.'),
			'beta.md': markdown('Beta', 'Second.'),
		});
		const cache = new KnowledgeCache();
		const first = byId(await loadKnowledge(directory, { cache }));

		await mkdir(path.join(directory, 'old'));
		await rename(path.join(directory, 'beta.md'), path.join(directory, 'old', 'alpha.md'));
		const clash = await loadKnowledge(directory, { cache });

		expect(clash.knowledge.documents).toEqual([]);
		expect(clash.problems).toEqual([
			{
				file: 'alpha.md',
				field: 'id',
				message: expect.stringContaining("duplicate document id 'alpha' — also used by old/alpha.md") as string,
			},
			{
				file: 'old/alpha.md',
				field: 'id',
				message: expect.stringContaining("duplicate document id 'alpha' — also used by alpha.md") as string,
			},
		]);

		// Once the clash is gone, the unchanged file loads again, without the old clash's problem.
		await rm(path.join(directory, 'old'), { recursive: true });
		const resolved = await loadKnowledge(directory, { cache });
		expect(resolved.problems).toEqual([]);
		expect(byId(resolved).get('alpha')).toBe(first.get('alpha'));
	});

	it('reports a duplicate id when an edit makes a file clash with an unchanged one', async () => {
		const directory = await knowledgeFolder({
			'a.md': lines('---', 'id: first', 'title: A', '---', 'One.'),
			'b.md': lines('---', 'id: other', 'title: B', '---', 'Two.'),
		});
		const cache = new KnowledgeCache();
		await loadKnowledge(directory, { cache });
		await writeFile(path.join(directory, 'b.md'), lines('---', 'id: first', 'title: B', '---', 'Two.'));
		const clash = await loadKnowledge(directory, { cache });
		expect(clash.knowledge.documents).toEqual([]);
		expect(located(clash.problems)).toEqual([
			{ file: 'a.md', line: 2, field: 'id' },
			{ file: 'b.md', line: 2, field: 'id' },
		]);
	});

	it('never changes a document or synonym group it handed out, even when it clashes', async () => {
		const directory = await knowledgeFolder({
			'a.md': lines('---', 'id: first', 'title: A', '---', 'One.'),
			'b.md': lines('---', 'id: other', 'title: B', 'kind: movie', '---', 'Two.'),
			'_synonyms.yaml': lines('synonyms:', '  - [film, movie]'),
		});
		const cache = new KnowledgeCache();
		const first = await loadKnowledge(directory, { cache });
		deepFreeze(first);

		await writeFile(path.join(directory, 'c.md'), lines('---', 'id: other', 'title: C', '---', 'Three.'));
		const second = await loadKnowledge(directory, { cache });
		expect(located(second.problems)).toEqual([
			{ file: 'b.md', line: 2, field: 'id' },
			{ file: 'b.md', line: 4, field: 'kind' },
			{ file: 'c.md', line: 2, field: 'id' },
		]);
		expect(second.knowledge.documents[0]).toBe(first.knowledge.documents[0]);
	});

	it('gives a file moved to another path that path, not the cached one', async () => {
		const directory = await knowledgeFolder({ 'a.md': markdown('A', 'One.') });
		const cache = new KnowledgeCache();
		await loadKnowledge(directory, { cache });
		await rename(path.join(directory, 'a.md'), path.join(directory, 'b.md'));
		const moved = await loadKnowledge(directory, { cache });
		expect(moved.knowledge.documents.map((document) => [document.id, document.file])).toEqual([['b', 'b.md']]);
	});

	it('reports a file that becomes broken, and serves it again once fixed', async () => {
		const directory = await knowledgeFolder({
			'hours.yaml': faqList('Opening hours', 'At 9.'),
			'rules.md': markdown('Rules', 'Be kind.'),
		});
		const file = path.join(directory, 'hours.yaml');
		const cache = new KnowledgeCache();
		const first = byId(await loadKnowledge(directory, { cache }));

		await writeFile(file, 'title: [unclosed\n');
		const broken = await loadKnowledge(directory, { cache });
		expect(located(broken.problems).map((problem) => problem.file)).toEqual(['hours.yaml']);
		expect(broken.knowledge.documents.map((document) => document.id)).toEqual(['rules']);
		expect(byId(broken).get('rules')).toBe(first.get('rules'));

		await writeFile(file, faqList('Opening hours', 'At 10.'));
		const fixed = await loadKnowledge(directory, { cache });
		expect(fixed.problems).toEqual([]);
		expect(byId(fixed).get('hours')?.faq[0]?.answer).toBe('At 10.');
	});

	it('rejects a cached file that became unreadable, and forgets it', async () => {
		const directory = await knowledgeFolder({ 'a.md': markdown('A', 'One.'), 'b.md': markdown('B', 'Two.') });
		const cache = new KnowledgeCache();
		await loadKnowledge(directory, { cache });

		await writeFile(path.join(directory, 'a.md'), new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00]));
		await writeFile(path.join(directory, 'b.md'), new Uint8Array([0xff, 0xfe, 0x41]));
		const after = await loadKnowledge(directory, { cache });

		expect(after.knowledge.documents).toEqual([]);
		expect(after.problems).toEqual([
			{ file: 'a.md', message: expect.stringContaining('binary') as string },
			{ file: 'b.md', message: expect.stringContaining('UTF-8') as string },
		]);
		expect(cache.size).toBe(0);
	});

	it('serves an edited _synonyms.yaml and keeps the unchanged documents', async () => {
		const directory = await knowledgeFolder({
			'_synonyms.yaml': lines('synonyms:', '  - [film, movie]'),
			'a.md': markdown('A', 'One.'),
		});
		const cache = new KnowledgeCache();
		const first = await loadKnowledge(directory, { cache });
		await rewriteKeepingTime(path.join(directory, '_synonyms.yaml'), lines('synonyms:', '  - [film, flick]'));
		const second = await loadKnowledge(directory, { cache });
		expect(second.knowledge.synonyms).toEqual([['film', 'flick']]);
		expect(second.knowledge.documents[0]).toBe(first.knowledge.documents[0]);
	});
});
