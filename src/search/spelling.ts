import Fuse from 'fuse.js';

export interface Correction {
	word: string;
	/** 1 for an exact word, less the further the correction had to go. */
	similarity: number;
}

/**
 * How many typing errors a word of this length may carry, in the spirit of Elasticsearch's
 * AUTO fuzziness but stricter on short words: "cost" must never become "cast".
 */
export function allowedEdits(length: number): number {
	if (length <= 4) return 0;
	if (length <= 6) return 1;
	return 2;
}

/**
 * Corrects words that the knowledge never uses to the closest word it does. fuse.js does the
 * approximate matching (Bitap); words are bucketed by length so a query only searches the
 * few buckets a correction could come from, which keeps this fast on large vocabularies.
 */
export class SpellingCorrector {
	readonly #known: ReadonlyMap<string, number>;
	readonly #buckets = new Map<number, Fuse<string>>();

	constructor(vocabulary: ReadonlyMap<string, number>) {
		this.#known = vocabulary;
		const byLength = new Map<number, string[]>();
		for (const word of vocabulary.keys()) {
			const list = byLength.get(word.length);
			if (list) list.push(word);
			else byLength.set(word.length, [word]);
		}
		for (const [length, list] of byLength) {
			list.sort();
			this.#buckets.set(
				length,
				new Fuse(list, { includeScore: true, ignoreLocation: true, threshold: 0.34 }),
			);
		}
	}

	has(word: string): boolean {
		return this.#known.has(word);
	}

	/** The best known word within the allowed edits, preferring closer, then more frequent, words. */
	correct(word: string): Correction | undefined {
		if (this.#known.has(word)) return { word, similarity: 1 };
		const edits = allowedEdits(word.length);
		if (edits === 0 || /\d/.test(word)) return undefined;
		const limit = edits / word.length + 1e-9;
		let best: { word: string; score: number; count: number } | undefined;
		for (let length = word.length - edits; length <= word.length + edits; length++) {
			const bucket = this.#buckets.get(length);
			if (!bucket) continue;
			for (const { item, score = 1 } of bucket.search(word, { limit: 5 })) {
				if (score > limit) continue;
				const count = this.#known.get(item) ?? 0;
				if (
					!best ||
					score < best.score - 1e-9 ||
					(Math.abs(score - best.score) < 1e-9 && count > best.count)
				) {
					best = { word: item, score, count };
				}
			}
		}
		return best && { word: best.word, similarity: 1 - best.score };
	}
}
