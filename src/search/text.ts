import { stemmer } from 'stemmer';
import { eng as englishStopWords } from 'stopword';

/**
 * Text normalisation shared by indexing and querying: both sides must agree exactly, so every
 * transformation lives here and nowhere else.
 */

/**
 * Words people type in chat that carry no meaning for retrieval, on top of the standard English
 * stop-word list (which is written for prose, not for Discord messages).
 */
// prettier-ignore
const CHAT_FILLER = [
	'please', 'pls', 'plz', 'thx', 'hey', 'hi', 'hello', 'yo', 'lol', 'ok', 'okay', 'guys', 'bot',
	'anyone', 'someone', 'know', 'tell', 'wondering', 'question', 'quick', 'just', 'really',
	'actually', 'can', 'could', 'would', 'will', 'should', 'does', 'did', 'do', 'i', 'me', 'u', 'ya',
	'im', 'whats', 'whos', 'wheres', 'hows', 'thats', 'its', 'there', 'here', 'get', 'got', 'also',
	'even', 'like', 'want', 'wanna', 'gonna', 'need', 'let', 'lets', 'much', 'many', 'some', 'any',
	'very', 'so', 'else',
];

/**
 * Question words are stop words for prose but they tell what kind of answer is wanted ("when" ->
 * a date, "who" -> a person), so they are kept as weak terms instead of being dropped.
 */
export const QUESTION_WORDS: ReadonlySet<string> = new Set([
	'who',
	'when',
	'where',
	'how',
	'what',
	'why',
	'which',
]);

/** Stop words that do carry meaning in short questions: "when is it out?", "is it over?". */
const MEANINGFUL = new Set(['out', 'over', 'off', 'first', 'last', 'new', 'old']);

const STOP_WORDS: ReadonlySet<string> = new Set(
	[...englishStopWords, ...CHAT_FILLER].filter((word) => !QUESTION_WORDS.has(word) && !MEANINGFUL.has(word)),
);

/** Zero-width and other invisible formatting characters that survive copy-paste from the web. */
const INVISIBLE = /[\u00AD\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g;
/** Discord mention, channel, role and custom emoji syntax: never part of a question's meaning. */
const DISCORD_MARKUP = /<(?:@[!&]?|#|a?:\w+:)\d+>/g;
const COMBINING_MARKS = /\p{M}+/gu;

/** Folds case, diacritics, quotes and invisible characters; keeps letters, digits and spaces. */
export function foldText(text: string): string {
	return text
		.replace(DISCORD_MARKUP, ' ')
		.replace(INVISIBLE, '')
		.normalize('NFKD')
		.replace(COMBINING_MARKS, '')
		.toLowerCase()
		.replace(/[\u2018\u2019\u201B\u2032`´]/g, "'")
		.replace(/['’]s\b/g, '') // possessive: "Keanu's" -> "keanu"
		.replace(/n't\b/g, ' not')
		.replace(/'(re|ve|ll|d|m)\b/g, ' ')
		.replace(/'/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** Surface words of a text after folding, in order. */
export function words(text: string): string[] {
	const folded = foldText(text);
	return folded === '' ? [] : folded.split(' ');
}

export function isStopWord(word: string): boolean {
	return STOP_WORDS.has(word);
}

export function isQuestionWord(word: string): boolean {
	return QUESTION_WORDS.has(word);
}

const stemCache = new Map<string, string>();

/** Porter stem, memoised because the same few thousand words recur in every query and document. */
export function stem(word: string): string {
	let stemmed = stemCache.get(word);
	if (stemmed === undefined) {
		stemmed = /^\d+$/.test(word) ? word : stemmer(word);
		if (stemCache.size < 200_000) stemCache.set(word, stemmed);
	}
	return stemmed;
}

/** The index terms of a text: folded, stop words dropped, stemmed (question words kept). */
export function terms(text: string): string[] {
	return words(text)
		.filter((word) => !isStopWord(word))
		.map(stem);
}
