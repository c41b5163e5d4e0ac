import { distance } from 'fastest-levenshtein';

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

/** Corrections asked for again and again (the same typo from many users) are remembered. */
const CACHE_LIMIT = 10_000;

/**
 * Corrects words that the knowledge never uses to the closest word it does, by true edit
 * distance. Known words are bucketed by length, and a candidate must share its first or second
 * letter with the typed word (people rarely get both wrong), so a lookup compares a few hundred
 * words at most, even with a vocabulary of many thousands.
 */
export class SpellingCorrector {
	readonly #known: ReadonlyMap<string, number>;
	readonly #byLength = new Map<number, string[]>();
	readonly #cache = new Map<string, Correction | null>();

	constructor(vocabulary: ReadonlyMap<string, number>) {
		this.#known = vocabulary;
		for (const word of [...vocabulary.keys()].sort()) {
			const list = this.#byLength.get(word.length);
			if (list) list.push(word);
			else this.#byLength.set(word.length, [word]);
		}
	}

	/** The known word fewest edits away, then the most frequent; undefined when none is close enough. */
	correct(word: string): Correction | undefined {
		if (this.#known.has(word)) return { word, similarity: 1 };
		const cached = this.#cache.get(word);
		if (cached !== undefined) return cached ?? undefined;
		const found = this.#search(word);
		if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
		this.#cache.set(word, found ?? null);
		return found;
	}

	#search(word: string): Correction | undefined {
		const edits = allowedEdits(word.length);
		if (edits === 0 || /\d/.test(word)) return undefined;
		let best: { word: string; edits: number; count: number } | undefined;
		for (let length = word.length - edits; length <= word.length + edits; length++) {
			for (const candidate of this.#byLength.get(length) ?? []) {
				if (candidate[0] !== word[0] && candidate[1] !== word[1]) continue;
				const d = distance(word, candidate);
				if (d > edits) continue;
				const count = this.#known.get(candidate) ?? 0;
				if (!best || d < best.edits || (d === best.edits && count > best.count)) {
					best = { word: candidate, edits: d, count };
				}
			}
		}
		return best && { word: best.word, similarity: 1 - best.edits / Math.max(word.length, best.word.length) };
	}
}
