import damerauLevenshtein from 'damerau-levenshtein';
import { distance } from 'fastest-levenshtein';
import { englishFrequency, isEnglishWord, loadEnglish } from './english.js';

export interface Correction {
	word: string;
	/** 1 for an exact word, less the further the correction had to go. */
	similarity: number;
	/** Typing errors corrected (a swap of two neighbouring letters is one). */
	edits: number;
}

/**
 * How many typing errors a word of this length may carry: Elasticsearch's AUTO fuzziness. Words
 * of one or two letters are too short to tell a typo from another word; that a real word is never
 * rewritten ("cost" is not a typo of "cast") is decided by the English word list, not by length.
 */
export function allowedEdits(length: number): number {
	if (length <= 2) return 0;
	if (length <= 5) return 1;
	return 2;
}

/**
 * What one corrected error costs a word's weight, relative to its length: a typo says less than
 * the word spelt right, but a question with one typo must not fall from a sure answer to none.
 */
const EDIT_COST = 0.5;

/** Corrections asked for again and again (the same typo from many users) are remembered. */
const CACHE_LIMIT = 10_000;

/** A candidate may differ in its first letter or its second, or have the two swapped ("hte"). */
function plausibleStart(typed: string, candidate: string): boolean {
	return (
		candidate[0] === typed[0] ||
		candidate[1] === typed[1] ||
		(candidate[0] === typed[1] && candidate[1] === typed[0])
	);
}

/**
 * Corrects words that the knowledge never uses to the closest word it does, or to a common word
 * of questions ("whta" -> "what"), by edit distance with swaps of neighbouring letters counted as
 * one edit. Words people really use are left alone. Known words are bucketed by length, and a
 * candidate must start plausibly like the typed word, so a lookup compares a few hundred words at
 * most, even with a vocabulary of many thousands.
 */
export class SpellingCorrector {
	readonly #known: ReadonlyMap<string, number>;
	readonly #byLength = new Map<number, string[]>();
	readonly #cache = new Map<string, Correction | null>();

	/**
	 * @param vocabulary the knowledge's words and how often each occurs
	 * @param commonWords words of questions that are not in the knowledge's index (stop words,
	 *   question words) but that a typo may stand for
	 */
	constructor(vocabulary: ReadonlyMap<string, number>, commonWords: Iterable<string> = []) {
		loadEnglish();
		const known = new Map(vocabulary);
		for (const word of commonWords) if (!known.has(word)) known.set(word, 0);
		this.#known = known;
		for (const word of [...known.keys()].sort()) {
			const list = this.#byLength.get(word.length);
			if (list) list.push(word);
			else this.#byLength.set(word.length, [word]);
		}
	}

	/** The known word fewest edits away, then the commonest; undefined when none is close enough. */
	correct(word: string): Correction | undefined {
		if (this.#known.has(word)) return { word, similarity: 1, edits: 0 };
		const cached = this.#cache.get(word);
		if (cached !== undefined) return cached ?? undefined;
		const found = this.#search(word);
		if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
		this.#cache.set(word, found ?? null);
		return found;
	}

	#search(word: string): Correction | undefined {
		const edits = allowedEdits(word.length);
		if (edits === 0 || /\d/.test(word) || isEnglishWord(word)) return undefined;
		let best: { word: string; edits: number; frequency: number; count: number } | undefined;
		for (let length = word.length - edits; length <= word.length + edits; length++) {
			for (const candidate of this.#byLength.get(length) ?? []) {
				if (!plausibleStart(word, candidate)) continue;
				// Plain edit distance is fast; a swap costs two there, so it only narrows the field.
				if (distance(word, candidate) > edits + 1) continue;
				const d = damerauLevenshtein(word, candidate).steps;
				if (d > edits) continue;
				const frequency = englishFrequency(candidate);
				const count = this.#known.get(candidate) ?? 0;
				if (
					!best ||
					d < best.edits ||
					(d === best.edits &&
						(frequency > best.frequency || (frequency === best.frequency && count > best.count)))
				) {
					best = { word: candidate, edits: d, frequency, count };
				}
			}
		}
		if (!best) return undefined;
		const similarity = 1 - (EDIT_COST * best.edits) / Math.max(word.length, best.word.length);
		return { word: best.word, similarity, edits: best.edits };
	}
}
