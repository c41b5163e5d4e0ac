import { describe, expect, it } from 'vitest';
import { SemanticSimilarity } from '../../src/search/semantic-similarity.js';
import { encodeWordVectors, WordVectors } from '../../src/search/word-vectors.js';

const vectors = WordVectors.fromBuffer(
	encodeWordVectors(
		[
			['boat', [1, 0, 0]],
			['ship', [0.95, 0.05, 0]],
			['cheese', [0, 1, 0]],
			['tax', [0, 0, 1]],
		],
		'a test set',
	),
	'test.bin',
);
const texts = [['a boat', 'some cheese'], ['tax'], ['cheese']];

function similarityWith(cacheLimit: number) {
	const calls: number[] = [];
	const similarity = new SemanticSimilarity(
		vectors,
		(entry) => {
			calls.push(entry);
			return texts[entry]!;
		},
		{ entryCount: texts.length, cacheLimit },
	);
	// Building it reads the texts once to estimate their common direction; what follows is the cache's.
	calls.length = 0;
	return { similarity, calls };
}

/** A help centre whose every text mentions the product: "gmail" says nothing about which entry fits. */
const product = WordVectors.fromBuffer(
	encodeWordVectors(
		[
			['gmail', [1, 0, 0, 0, 0]],
			['label', [0, 1, 0, 0, 0]],
			['filter', [0, 0, 1, 0, 0]],
			['attachment', [0, 0, 0, 1, 0]],
			['signature', [0, 0, 0, 0, 1]],
		],
		'a test set',
	),
	'product.bin',
);
const productTexts = ['gmail label', 'gmail filter', 'gmail attachment', 'gmail signature'];

describe('SemanticSimilarity', () => {
	it('does not find an entry close for a word every text of the knowledge shares', () => {
		// Twelve entries, each a Gmail topic: the common direction is "gmail".
		const entries = Array.from({ length: 12 }, (_, i) => productTexts[i % productTexts.length]!);
		const similarity = new SemanticSimilarity(product, (entry) => [entries[entry]!], {
			entryCount: entries.length,
		});
		const question = similarity.questionVector(['gmail', 'attachment'].map((w) => ({ typed: w, word: w })))!;
		expect(similarity.similarity(question, 2)).toBeGreaterThan(0.9);
		// Without the shared direction taken out, "gmail label" would be about 0.4 close to it.
		expect(similarity.similarity(question, 0)).toBeLessThan(0.1);
	});

	it('takes the shared direction of an instance over the same texts instead of reading them all again', () => {
		const entries = Array.from({ length: 12 }, (_, i) => productTexts[i % productTexts.length]!);
		const first = new SemanticSimilarity(product, (entry) => [entries[entry]!], {
			entryCount: entries.length,
		});
		const read: number[] = [];
		const again = new SemanticSimilarity(
			product,
			(entry) => {
				read.push(entry);
				return [entries[entry]!];
			},
			{ entryCount: entries.length, sameTextsAs: first },
		);
		expect(read).toEqual([]);
		const question = again.questionVector(['gmail', 'attachment'].map((w) => ({ typed: w, word: w })))!;
		expect(again.similarity(question, 0)).toBeLessThan(0.1);
	});

	it('keeps the shared direction when the knowledge has too few texts to estimate it', () => {
		const similarity = new SemanticSimilarity(product, (entry) => [productTexts[entry]!], {
			entryCount: productTexts.length,
		});
		const question = similarity.questionVector(['gmail', 'attachment'].map((w) => ({ typed: w, word: w })))!;
		expect(similarity.similarity(question, 0)).toBeGreaterThan(0.3);
	});

	it('scores an entry by the text of it closest to the question, 0 for the unrelated', () => {
		const { similarity } = similarityWith(100);
		const question = similarity.questionVector([{ typed: 'ship', word: 'ship' }])!;
		expect(similarity.similarity(question, 0)).toBeGreaterThan(0.99);
		expect(similarity.similarity(question, 1)).toBe(0);
	});

	it('finds how close an entry comes to one word through the closest word of its texts', () => {
		const { similarity } = similarityWith(100);
		const ship = similarity.wordVector('ship')!;
		expect(similarity.closenessToWord(ship, 0)).toBeGreaterThan(0.99);
		expect(similarity.closenessToWord(ship, 1)).toBe(0);
		expect(similarity.closenessToWord(similarity.wordVector('tax')!, 1)).toBeCloseTo(1, 2);
		expect(similarity.wordVector('unheardof')).toBeUndefined();
	});

	it('uses a spelling correction only for a typed word that has no vector of its own', () => {
		const { similarity } = similarityWith(100);
		const corrected = similarity.questionVector([{ typed: 'chese', word: 'cheese' }])!;
		expect(similarity.similarity(corrected, 2)).toBeCloseTo(1, 5);
		// "tax" is a word of its own: it is not read as the knowledge's "cheese".
		const real = similarity.questionVector([{ typed: 'tax', word: 'cheese' }])!;
		expect(similarity.similarity(real, 2)).toBe(0);
	});

	it('makes an entry’s vectors once while cached, and again after the cache let it go', () => {
		const { similarity, calls } = similarityWith(2);
		const question = similarity.questionVector([{ typed: 'boat', word: 'boat' }])!;
		similarity.similarity(question, 0); // two vectors: the cache is full
		similarity.similarity(question, 0);
		expect(calls).toEqual([0]);
		similarity.similarity(question, 1); // one more: entry 0 is let go
		similarity.similarity(question, 0);
		expect(calls).toEqual([0, 1, 0]);
	});
});
