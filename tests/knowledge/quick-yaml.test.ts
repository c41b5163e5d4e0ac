import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseFaqList, parseFaqListWithPositions } from '../../src/knowledge/faq-list.js';
import { readYamlQuickly } from '../../src/knowledge/quick-yaml.js';
import { lines } from './helpers.js';

/** CI runs a short version; `FUZZ_RUNS=20000 npm test` runs the long one. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 600);

/** Texts with what makes YAML scalars tricky: quotes, colons, '#', '&', '*', escapes, line breaks, non-ASCII. */
const trickyText = fc.string({
	unit: fc.oneof(
		fc.constantFrom(...'abcXYZ019 .,:;-?!#&*|>\'"\\/%@`[]{}~\t\n'.split('')),
		fc.constantFrom('é', 'ß', 'Ж', '漢', '😀', '\u00a0', '\u2028'),
	),
	minLength: 1,
	maxLength: 24,
});

const entry = fc.record({
	question: trickyText,
	answer: trickyText,
	alternates: fc.array(trickyText, { maxLength: 3 }),
});

const list = fc.record({ title: trickyText, faq: fc.array(entry, { minLength: 1, maxLength: 4 }) });

/** The ways authors and tools write the same list. */
const styles: ((value: unknown) => string)[] = [
	(value) => stringify(value),
	(value) => stringify(value, { defaultStringType: 'QUOTE_DOUBLE' }),
	(value) => stringify(value, { defaultStringType: 'QUOTE_SINGLE' }),
	(value) => stringify(value, { defaultStringType: 'BLOCK_LITERAL', lineWidth: 20 }),
	(value) => stringify(value, { defaultStringType: 'BLOCK_FOLDED', lineWidth: 20 }),
	(value) => stringify(value, { collectionStyle: 'flow' }),
];

describe('reading a FAQ list quickly (js-yaml) or with positions (yaml)', () => {
	it('gives the same document and problems either way, and reads most clean files quickly', { timeout: 600_000 }, () => {
		let quick = 0;
		let runs = 0;
		fc.assert(
			fc.property(list, fc.nat(styles.length - 1), fc.boolean(), (value, style, asJson) => {
				const file = asJson ? 'list.json' : 'list.yaml';
				const text = asJson ? JSON.stringify(value, null, 2) : styles[style]!(value);
				runs++;
				if (readYamlQuickly(text, file) !== undefined) quick++;
				expect(parseFaqList(file, text)).toEqual(parseFaqListWithPositions(file, text));
			}),
			{ numRuns: RUNS },
		);
		expect(quick).toBeGreaterThan(runs / 2);
	});

	it('gives the same result for mutated FAQ lists, broken or not (where js-yaml is lenient, it gives up)', { timeout: 600_000 }, () => {
		const bases = [
			lines(
				'title: House Rules',
				'aliases: [rules]',
				'faq:',
				'  - question: Can I post spoilers?',
				'    answer: Only in spoiler tags.',
				'    alternates: [Are spoilers allowed?, "x: y"]',
				'  - id: report',
				'    question: "Quoted \\"q\\""',
				'    answer: |',
				'      Message a moderator.',
				'    alternates:',
				"      - 'true'",
				'      - >-',
				'        folded',
				'        text',
			),
			lines('# comment', '---', 'id: my-list', 'title: "T"', 'synonyms:', '  - [a, b]', 'faq:', '- {question: q2, answer: a2}', '...'),
			JSON.stringify({ id: 'x', title: 'T', faq: [{ question: 'Q?', answer: 'A.', alternates: ['x'] }] }, null, 1),
		];
		const pieces = [' ', '  ', '\t', '\n', ':', ': ', '- ', '#', ' #', '"', "'", '|', '>', '[', ']', '{', '}', ',', '? ', '&a ', '*a', '!', '!!str ', '%', '`', '---', '...', '\\', 'é', '\u00a0', '\n  ', '"\n', '#x', '\\n'];
		const mutations = fc.array(fc.tuple(fc.nat(), fc.constantFrom(...pieces), fc.nat(3)), { minLength: 1, maxLength: 4 });
		fc.assert(
			fc.property(fc.nat(bases.length - 1), mutations, (which, edits) => {
				let text = bases[which]!;
				for (const [at, piece, cut] of edits) {
					const index = at % (text.length + 1);
					text = text.slice(0, index) + piece + text.slice(index + cut);
				}
				const file = which === 2 ? 'list.json' : 'list.yaml';
				// The id's line is left for later by the quick read (see load.test.ts); all else must agree.
				const quickly = parseFaqList(file, text);
				const withPositions = parseFaqListWithPositions(file, text);
				expect([quickly.id, quickly.document, quickly.problems]).toEqual([
					withPositions.id,
					withPositions.document,
					withPositions.problems,
				]);
			}),
			{ numRuns: RUNS },
		);
	});

	it.each([
		['a comment stuck to a closing quote', lines('title: T', 'faq:', "  - { question: Q?, answer: 'A.'#note }")],
		['a comment stuck to a closing bracket', lines('title: T', 'faq: [{ question: Q?, answer: A. }]#note')],
		['a comment stuck to the document start', lines('---#note', 'title: T', 'faq: [{ question: Q?, answer: A. }]')],
		['a document start followed by more', lines('---!', 'title: T', 'faq: [{ question: Q?, answer: A. }]')],
		['a tab in the indentation', lines('\t---', 'title: T', 'faq: [{ question: Q?, answer: A. }]')],
	])('reports %s as before, which js-yaml lets pass', (_, text) => {
		const result = parseFaqList('a.yaml', text);
		expect(result.problems).not.toEqual([]);
		expect(result).toEqual(parseFaqListWithPositions('a.yaml', text));
	});

	it.each(['-.5', '+.5', '1e3', '0x1F', '0o17', 'true', 'NULL', '~', '.inf'])(
		'still reports an unquoted %s where text belongs (js-yaml reads some of these as text)',
		(scalar) => {
			const { document, problems } = parseFaqList(
				'a.yaml',
				lines('title: T', 'faq:', '  - question: Q?', `    answer: ${scalar}`),
			);
			expect(document).toBeUndefined();
			expect(problems).toEqual([
				{ file: 'a.yaml', line: 4, field: 'faq.0.answer', message: expect.stringMatching(/^expected text, got /) as string },
			]);
		},
	);

	it('still refuses more than 100 alias references, which js-yaml would expand without a limit', () => {
		const text = lines(
			'title: &t T',
			'faq:',
			...Array.from({ length: 101 }, (_, index) => `  - { question: Q${index}?, answer: *t }`),
		);
		expect(parseFaqList('a.yaml', text).problems).toEqual([
			{ file: 'a.yaml', message: "invalid YAML: too many '*alias' references — write the values out" },
		]);
	});

	it('keeps texts like "Q&A" and "R & D" on the quick path', () => {
		const text = lines('title: Q&A', 'faq:', '  - question: What is R & D?', '    answer: Research & development.');
		expect(readYamlQuickly(text, 'a.yaml')).toEqual({
			title: 'Q&A',
			faq: [{ question: 'What is R & D?', answer: 'Research & development.' }],
		});
	});
});
