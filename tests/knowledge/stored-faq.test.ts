/**
 * FAQ entries stored as packed UTF-8 (src/knowledge/stored-faq.ts): every text reads back exactly
 * as it was written, whatever it holds, and the loader hands out the same entries whether a file
 * was parsed in a worker or in the loading thread.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFaqList } from '../../src/knowledge/faq-list.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import {
	ANSWER_BLOCK_BYTES,
	packFaq,
	plainFaqEntry,
	StoredFaqEntry,
	storedFaq,
} from '../../src/knowledge/stored-faq.js';
import { Random } from '../../testkit/random.js';
import { slugify } from '../../src/knowledge/slug.js';
import type { FaqEntry } from '../../src/knowledge/types.js';
import { knowledgeFolder, lines } from './helpers.js';

/** Packs and reads back. */
function roundTrip(entries: FaqEntry[]): FaqEntry[] {
	const packed = packFaq(entries);
	if (!packed) throw new Error('not packed');
	return storedFaq(packed);
}

const entry = (
	question: string,
	answer: string,
	alternates: string[] = [],
	id = slugify(question),
): FaqEntry => ({
	id,
	question,
	answer,
	alternates,
});

describe('stored FAQ entries', () => {
	it('read back every text as written: accents, emoji, line breaks, NUL, long answers, own ids and lines', () => {
		const entries: FaqEntry[] = [
			entry('Où est la gare ?', 'À gauche, après le café — 🚉 then straight on.', ['gare où', 'la gare']),
			entry('Empty alternates?', 'Yes.'),
			// Lengths that need two- and three-byte varints.
			entry('Long?', 'x'.repeat(200), ['y'.repeat(20_000)]),
			entry('Own id?', 'Line one\n\nLine two\u0000after NUL', [], 'my-own-id'),
			{ ...entry('With a line?', 'Yes, line 7.'), line: 7 },
		];
		const stored = roundTrip(entries);
		expect(stored.every((e) => e instanceof StoredFaqEntry)).toBe(true);
		expect(stored.map(plainFaqEntry)).toEqual(entries);
		// JSON (what a reload compares documents by) is the parser's, key for key.
		expect(JSON.stringify(stored)).toBe(JSON.stringify(entries));
		expect(stored[1]!.line).toBeUndefined();
		expect(stored[3]!.id).toBe('my-own-id');
	});

	it('read back any text, property-based (any code points, any number of alternates)', () => {
		const text = fc.string({ unit: 'grapheme', maxLength: 300 });
		const arbitraryEntry = fc.record({
			id: fc.oneof(fc.constant(undefined), fc.stringMatching(/^[a-z0-9-]{1,20}$/)),
			question: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
			answer: text,
			alternates: fc.array(text, { maxLength: 6 }),
			line: fc.oneof(fc.constant(undefined), fc.nat(100_000)),
		});
		fc.assert(
			fc.property(fc.array(arbitraryEntry, { minLength: 1, maxLength: 20 }), (drawn) => {
				const entries = drawn.map(({ id, line, ...rest }) => ({
					...rest,
					id: id ?? slugify(rest.question),
					...(line === undefined ? {} : { line }),
				}));
				expect(roundTrip(entries).map(plainFaqEntry)).toEqual(entries);
			}),
			{ numRuns: 200 },
		);
	});

	it('read answers back in any order across many deflated blocks and documents', () => {
		const random = new Random(5);
		const answer = (d: number, i: number) =>
			`Answer ${i} of document ${d}: ${'lorem ipsum é '.repeat(1 + random.int(60))}${i % 7 === 0 ? 'x'.repeat(9_000) : ''}`;
		const documents = Array.from({ length: 12 }, (_, d) =>
			Array.from({ length: 80 }, (_, i) => entry(`Question ${i} of ${d}?`, answer(d, i))),
		);
		const packed = documents.map((entries) => packFaq(entries)!);
		// Several blocks per document, and deflated to well under the answers' size.
		const answerBytes = documents[0]!.reduce((sum, e) => sum + Buffer.byteLength(e.answer), 0);
		expect(packed[0]!.blockStarts.length - 1).toBeGreaterThan(5);
		expect(packed[0]!.blockStarts.length - 1).toBeLessThanOrEqual(answerBytes / ANSWER_BLOCK_BYTES + 1);
		expect(packed[0]!.answerBlocks.length).toBeLessThan(answerBytes / 4);
		const stored = packed.map(storedFaq);
		// More documents than blocks kept inflated, read in random order: every kind of cache miss.
		for (let n = 0; n < 2_000; n++) {
			const d = random.int(documents.length);
			const i = random.int(80);
			expect(stored[d]![i]!.answer).toBe(documents[d]![i]!.answer);
		}
	});

	it('leave texts UTF-8 cannot hold (a lone surrogate) unpacked', () => {
		expect(packFaq([entry('Q?', 'half a pair: \uD83D here')])).toBeUndefined();
		expect(packFaq([entry('Q?', 'A.', ['\uDC00'])])).toBeUndefined();
	});

	it('give a new list of alternates on every read, so changing one changes nothing stored', () => {
		const [stored] = roundTrip([entry('Q?', 'A.', ['one', 'two'])]);
		stored!.alternates.push('three');
		expect(stored!.alternates).toEqual(['one', 'two']);
	});
});

describe('the loader stores FAQ entries', () => {
	const list = lines(
		'title: Help',
		'faq:',
		'  - question: How do I join?',
		'    answer: "Click **Join** — it takes a second ✨"',
		'    alternates: [joining, sign up]',
		'  - id: custom',
		'    question: What does it cost?',
		'    answer: Nothing.',
	);
	const lone = lines('title: Odd', 'faq:', '  - question: Q?', '    answer: "lone \\uD800 surrogate"');

	for (const [how, workerThreshold] of [
		['in the loading thread', Number.POSITIVE_INFINITY],
		['in parse workers', 0],
	] as const) {
		it(`with the parser's texts, parsed ${how}; a document with a lone surrogate keeps plain entries`, async () => {
			const directory = await knowledgeFolder({ 'help.yaml': list, 'odd.yaml': lone });
			const { knowledge, problems } = await loadKnowledge(directory, { workerThreshold });
			expect(problems).toEqual([]);
			const [help, odd] = knowledge.documents;
			expect(help!.faq.every((e) => e instanceof StoredFaqEntry)).toBe(true);
			const parsed = parseFaqList('help.yaml', list).document!;
			expect(help!.faq.map(plainFaqEntry)).toEqual(parsed.faq);
			expect(odd!.faq[0]).not.toBeInstanceOf(StoredFaqEntry);
			expect(odd!.faq[0]!.answer).toBe('lone \uD800 surrogate');
		});
	}
});
