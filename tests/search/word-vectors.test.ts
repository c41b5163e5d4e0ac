import { describe, expect, it } from 'vitest';
import { bundledWordVectors, encodeWordVectors, WordVectors } from '../../src/search/word-vectors.js';

/** Three words in three dimensions, most frequent first; "boat" and "ship" point the same way. */
const file = encodeWordVectors(
	[
		['boat', [1, 0.1, 0]],
		['ship', [0.9, 0.2, 0]],
		['cheese', [0, 0, 3]],
	],
	'a test set',
);
const vectors = WordVectors.fromBuffer(file, 'test.bin');
const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, d) => sum + x * b[d]!, 0);

describe('WordVectors', () => {
	it('reads back what was written, as unit vectors within the int8 rounding', () => {
		const boat = vectors.sentenceVector(['boat'])!;
		expect(Math.hypot(...boat)).toBeCloseTo(1, 5);
		const norm = Math.hypot(1, 0.1, 0);
		expect(boat[0]).toBeCloseTo(1 / norm, 2);
		expect(boat[1]).toBeCloseTo(0.1 / norm, 2);
	});

	it('leaves stop words, question words and words without a vector out of a sentence', () => {
		const plain = vectors.sentenceVector(['boat'])!;
		expect([...vectors.sentenceVector(['what', 'is', 'the', 'boat', 'zzyzx'])!]).toEqual([...plain]);
		expect(vectors.sentenceVector(['what', 'is', 'zzyzx'])).toBeUndefined();
	});

	it('puts a sentence closer to the one sharing its meaning than to an unrelated one', () => {
		const question = vectors.sentenceVector(['ship'])!;
		expect(dot(question, vectors.sentenceVector(['boat'])!)).toBeGreaterThan(0.95);
		expect(dot(question, vectors.sentenceVector(['cheese'])!)).toBeLessThan(0.05);
	});

	it("keeps a text's distinct content words, the most characteristic first when told how many", () => {
		const all = vectors.contentWordVectors(['the', 'boat', 'and', 'the', 'cheese', 'boat', 'zzyzx']);
		expect(all.scales.length).toBe(2);
		// Used once each, the rarer word (cheese comes last in frequency order) is the characteristic one.
		const one = vectors.contentWordVectors(['boat', 'cheese'], 1);
		expect(one.scales.length).toBe(1);
		expect(one.components[2]).toBe(127);
		// Used three times, the common word outweighs the rare one.
		const often = vectors.contentWordVectors(['boat', 'boat', 'boat', 'cheese'], 1);
		expect(often.components[0]).toBe(127);
	});

	it('gives the members of a synonym group one meaning, words without a vector included', () => {
		const withSynonyms = vectors.withSynonyms([
			['cheese', 'fromage'],
			['boat', 'Ship'],
		]);
		expect(withSynonyms.has('fromage')).toBe(true);
		expect([...withSynonyms.sentenceVector(['fromage'])!]).toEqual([
			...withSynonyms.sentenceVector(['cheese'])!,
		]);
		expect(dot(withSynonyms.sentenceVector(['ship'])!, withSynonyms.sentenceVector(['boat'])!)).toBeCloseTo(
			1,
			5,
		);
		// The original is unchanged.
		expect(vectors.has('fromage')).toBe(false);
	});

	it('names the file and the way to rebuild it when the file is damaged', () => {
		expect(() => WordVectors.fromBuffer(Buffer.from('hello'), 'x.bin')).toThrow(
			/x\.bin: not a word-vector file.*build-word-vectors/,
		);
		expect(() => WordVectors.fromBuffer(file.subarray(0, file.length - 1), 'x.bin')).toThrow(
			/x\.bin: truncated/,
		);
	});
});

describe('the bundled vectors', () => {
	const bundled = bundledWordVectors();

	it('know everyday English and place related words closer than unrelated ones', () => {
		for (const word of ['delete', 'remove', 'film', 'movie', 'banana'])
			expect(bundled.has(word), word).toBe(true);
		const near = (a: string, b: string) => dot(bundled.sentenceVector([a])!, bundled.sentenceVector([b])!);
		expect(near('film', 'movie')).toBeGreaterThan(near('film', 'banana') + 0.5);
		expect(near('remove', 'delete')).toBeGreaterThan(near('remove', 'banana'));
	});
});
