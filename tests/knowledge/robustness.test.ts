import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFaqList } from '../../src/knowledge/faq-list.js';
import { parseMarkdownDocument } from '../../src/knowledge/markdown.js';
import { lines, loadFiles } from './helpers.js';

/** Text built from the pieces knowledge files are made of, so random input reaches deep code paths. */
const knowledgeish = fc
	.array(
		fc.oneof(
			fc.constantFrom(
				'---',
				'title: T',
				'id: x',
				'kind: film',
				'releaseDate: 2025-02-30',
				'director:',
				'  - name: A',
				'    knownFor: [B]',
				'cast: [{actor: C}]',
				'synonyms: [[a]]',
				'faq:',
				'  - question: Q?',
				'    answer: A.',
				'## FAQ',
				'## Section',
				'### 1. Question?',
				'#### deeper',
				'<!-- alternates:',
				'- other way',
				'-->',
				'<!--',
				'&anchor [1]',
				'*anchor',
				'{ "title": "J", "faq": [',
				']}',
				'- item',
				'> quote',
				'```',
				'',
			),
			fc.string(),
		),
		{ maxLength: 30 },
	)
	.map((parts) => parts.join('\n'));

describe('parsers never throw for bad input', () => {
	it('Markdown documents: either a document or problems, never both, never an exception', () => {
		fc.assert(
			fc.property(knowledgeish, (text) => {
				const result = parseMarkdownDocument('doc.md', text);
				expect(result.document === undefined).toBe(result.problems.length > 0);
				for (const problem of result.problems) expect(problem.message.length).toBeGreaterThan(0);
			}),
			{ numRuns: 400 },
		);
	});

	it('FAQ lists, YAML or JSON', () => {
		fc.assert(
			fc.property(knowledgeish, fc.constantFrom('list.yaml', 'list.json'), (text, file) => {
				const result = parseFaqList(file, text);
				expect(result.document === undefined).toBe(result.problems.length > 0);
			}),
			{ numRuns: 400 },
		);
	});

	it('a YAML alias bomb is a problem, not a hang or a crash', async () => {
		const bomb = lines(
			'a: &a [x, x, x, x, x, x, x, x, x]',
			'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
			'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
			'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
			'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
			'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
		);
		const { problems } = await loadFiles({ 'bomb.yaml': bomb });
		expect(problems).toHaveLength(1);
		expect(problems[0]?.file).toBe('bomb.yaml');
	});
});

describe('limits that keep a reload fast', () => {
	it('refuses a body with thousands of list items before the Markdown parser slows to a crawl', () => {
		const started = Date.now();
		const { problems } = parseMarkdownDocument(
			'big.md',
			lines('---', 'title: T', '---', ...Array.from({ length: 3000 }, () => '- item\n  - nested')),
		);
		expect(Date.now() - started).toBeLessThan(5000);
		expect(problems).toEqual([
			{ file: 'big.md', line: 3 + 1001, message: expect.stringContaining('too many list items') as string },
		]);
	});

	it('refuses deeply nested quotes', () => {
		const { problems } = parseMarkdownDocument('deep.md', lines('---', 'title: T', '---', `${'>'.repeat(50_000)} x`));
		expect(problems).toEqual([
			{ file: 'deep.md', line: 4, message: expect.stringContaining('nested more than 16 deep') as string },
		]);
	});

	it('refuses a paragraph of thousands of emphasis markers (nested emphasis takes the parser minutes)', () => {
		const { problems } = parseMarkdownDocument(
			'emphasis.md',
			lines('---', 'title: T', '---', '## Story', '', 'A fine first paragraph.', '', `${'*'.repeat(16_384)}a${'*'.repeat(16_383)}`),
		);
		expect(problems).toEqual([
			{ file: 'emphasis.md', line: 8, message: expect.stringContaining('too much emphasis, link and code markup') as string },
		]);
	});

	it('counts markup inside fenced code for a third, and lets ordinary emphasis and links through', () => {
		const { document, problems } = parseMarkdownDocument(
			'code.md',
			lines(
				'---',
				'title: T',
				'---',
				'## Setup',
				'',
				'```',
				'*'.repeat(800),
				'```',
				'',
				Array.from({ length: 40 }, (_, i) => `*note ${i}* and [link](https://example.com/${i})`).join(' '),
			),
		);
		expect(problems).toEqual([]);
		expect(document?.sections[0]?.paragraphs).toHaveLength(2);
	});

	it('reports at most 50 problems per file, then sums up the rest', () => {
		const text = lines('title: T', ...Array.from({ length: 5000 }, (_, index) => `key${index}: x`), 'faq: []');
		const { problems } = parseFaqList('keys.yaml', text);
		expect(problems).toHaveLength(51);
		expect(problems[0]).toMatchObject({ file: 'keys.yaml', line: 2, field: 'key0' });
		expect(problems[50]).toEqual({ file: 'keys.yaml', message: '… and 4951 more problems in this file' });
	});
});
