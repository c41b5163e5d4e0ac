/**
 * A parser that throws (a bug, or an input no limit foresaw) costs its file, not the load: before,
 * the exception ended `loadKnowledge`, so the bot did not start and `/reload` failed.
 */
import { describe, expect, it, vi } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type * as Markdown from '../../src/knowledge/markdown.js';
import { formatProblem } from '../../src/knowledge/report.js';
import { knowledgeFolder, lines } from './helpers.js';

vi.mock('../../src/knowledge/markdown.js', async (importOriginal) => {
	const original = await importOriginal<typeof Markdown>();
	return {
		parseMarkdownDocument: (file: string, text: string) => {
			if (file === 'crash.md') throw new RangeError('Maximum call stack size exceeded');
			return original.parseMarkdownDocument(file, text);
		},
	};
});

describe('a parser exception', () => {
	it('becomes a problem for that file, and the other files load', async () => {
		const directory = await knowledgeFolder({
			'crash.md': lines('---', 'title: Crash', '---', 'Text.'),
			'good.md': lines('---', 'title: Good', '---', 'A good paragraph.'),
		});
		for (const workerThreshold of [Number.POSITIVE_INFINITY, 64 * 1024]) {
			const { knowledge, problems } = await loadKnowledge(directory, { workerThreshold });
			expect(knowledge.documents.map((document) => document.id)).toEqual(['good']);
			expect(problems.map((problem) => formatProblem(problem))).toEqual([
				'crash.md: could not be parsed (RangeError: Maximum call stack size exceeded) — simplify its formatting or split it into smaller files',
			]);
		}
	});
});
