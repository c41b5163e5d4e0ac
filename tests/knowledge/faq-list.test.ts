import { describe, expect, it } from 'vitest';
import { parseFaqList } from '../../src/knowledge/faq-list.js';
import { lines } from './helpers.js';

describe('a FAQ list file', () => {
	it('becomes a general document with FAQ entries only (YAML)', () => {
		const { document, problems } = parseFaqList(
			'rules.yaml',
			lines(
				'title: House Rules',
				'aliases: [rules]',
				'synonyms:',
				'  - [ban, kick]',
				'faq:',
				'  - question: Can I post spoilers?',
				'    answer: Only in spoiler tags.',
				'    alternates: [Are spoilers allowed?]',
				'  - question: How do I report someone?',
				'    answer: |',
				'      Message a moderator.',
			),
		);
		expect(problems).toEqual([]);
		expect(document).toEqual({
			id: 'rules',
			title: 'House Rules',
			aliases: ['rules'],
			kind: 'general',
			file: 'rules.yaml',
			sections: [],
			faq: [
				{
					id: 'can-i-post-spoilers',
					question: 'Can I post spoilers?',
					answer: 'Only in spoiler tags.',
					alternates: ['Are spoilers allowed?'],
				},
				{
					id: 'how-do-i-report-someone',
					question: 'How do I report someone?',
					answer: 'Message a moderator.',
					alternates: [],
				},
			],
			synonyms: [['ban', 'kick']],
		});
		expect(document).not.toHaveProperty('facts');
	});

	it('reads JSON the same way', () => {
		const { document, problems } = parseFaqList(
			'help.json',
			lines(
				'{',
				'\t"id": "bot-help",',
				'\t"title": "Using the Bot",',
				'\t"faq": [',
				'\t\t{ "question": "How do I ask?", "answer": "Use /ask." }',
				'\t]',
				'}',
			),
		);
		expect(problems).toEqual([]);
		expect(document?.id).toBe('bot-help');
		expect(document?.faq).toEqual([
			{ id: 'how-do-i-ask', question: 'How do I ask?', answer: 'Use /ask.', alternates: [] },
		]);
	});

	it('reports empty questions and answers, unknown keys and duplicates with their lines (YAML)', () => {
		const { document, problems } = parseFaqList(
			'rules.yaml',
			lines(
				'title: Rules',
				'faq:',
				'  - question: What?',
				'    answer: ""',
				'  - question:',
				'    answer: Yes.',
				'    note: hidden',
			),
		);
		expect(document).toBeUndefined();
		expect(problems).toEqual([
			{ file: 'rules.yaml', line: 4, field: 'faq.0.answer', message: 'must not be empty' },
			{ file: 'rules.yaml', line: 5, field: 'faq.1.question', message: 'expected text, got nothing' },
			{
				file: 'rules.yaml',
				line: 7,
				field: 'faq.1.note',
				message: "unknown key 'note' — allowed: id, question, answer, alternates",
			},
		]);
	});

	it('reports a question asked twice (after slugging), naming the first', () => {
		const { problems } = parseFaqList(
			'rules.yaml',
			lines('title: Rules', 'faq:', '  - question: What is it?', '    answer: A.', '  - question: what is it', '    answer: B.'),
		);
		expect(problems).toEqual([
			{
				file: 'rules.yaml',
				line: 5,
				field: 'faq.1.question',
				message: "duplicate question 'what is it' — also at line 3",
			},
		]);
	});

	it('reports JSON problems on the right line', () => {
		const { problems } = parseFaqList(
			'help.json',
			lines('{', '  "title": "Help",', '  "faq": [', '    { "question": "", "answer": "A", "extra": 1 }', '  ]', '}'),
		);
		expect(problems).toEqual([
			{ file: 'help.json', line: 4, field: 'faq.0.question', message: 'must not be empty' },
			{ file: 'help.json', line: 4, field: 'faq.0.extra', message: expect.stringContaining("unknown key 'extra'") as string },
		]);
	});

	it('reports broken JSON with its line, and holds .json files to strict JSON', () => {
		expect(parseFaqList('help.json', lines('{', '  "title": "Help",', '  "faq": [', '}')).problems).toEqual([
			{ file: 'help.json', line: 4, message: "invalid JSON: Unexpected token '}'" },
		]);
		// YAML would accept the trailing comma; JSON does not.
		expect(parseFaqList('help.json', lines('{', '  "title": "Help",', '}')).problems).toEqual([
			{ file: 'help.json', line: 3, message: expect.stringMatching(/^invalid JSON: /) as string },
		]);
	});

	it('reports a missing or empty faq list and a missing title', () => {
		expect(parseFaqList('a.yaml', lines('title: A', 'faq: []')).problems).toEqual([
			{ file: 'a.yaml', line: 2, field: 'faq', message: expect.stringContaining('at least one entry') as string },
		]);
		expect(parseFaqList('a.yaml', lines('faq:', '  - { question: Q, answer: A }')).problems).toEqual([
			{ file: 'a.yaml', line: 1, field: 'title', message: "missing required key 'title'" },
		]);
		expect(parseFaqList('a.yaml', '# nothing yet\n').problems).toEqual([
			{ file: 'a.yaml', message: expect.stringContaining('empty') as string },
		]);
	});
});
