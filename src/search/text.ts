import { irregularVerbBase } from './base-forms.js';
import { stemmer } from 'stemmer';
// The English list alone: the package's main entry loads the lists of all its 62 languages, about
// 10 MiB of the bot's memory for words it never looks at.
import { eng as englishStopWords } from 'stopword/src/stopwords_eng.js';

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
	'very', 'so', 'else', 'quite', 'rather', 'somewhat',
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

/**
 * The full folding: the reference behaviour. `foldText` and `words` take a faster route for the
 * usual text, which must give exactly what this gives (tests/search/text-fast.test.ts checks it).
 */
function foldFully(text: string): string {
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

/*
 * The fast route, for text made of ASCII and a few common typographic marks. On such text the
 * invisible-character, NFKD and combining-mark steps of `foldFully` change nothing (the marks
 * below are either left alone by NFKD or decompose to ASCII punctuation), lower-casing is per
 * character, and every other step only ever looks inside a run of word characters and apostrophes
 * (a "chunk"): `\b` there is ASCII-only, so the character after a chunk acts exactly like the end
 * of the text. So the words of a text are the words of its chunks, in order; a chunk without
 * apostrophes or underscores is one word as it stands (lower-cased), and any other chunk is folded
 * by `foldFully` itself (and remembered, as "what's", "can't" and "I'm" recur).
 */
const SEPARATOR = 0;
/** a-z, 0-9 */
const PLAIN = 1;
const UPPER = 2;
const UNDERSCORE = 4;
/** ' and `, and the marks `foldFully` turns into one. */
const APOSTROPHE = 8;
/** `<`, which may open Discord markup. */
const MARKUP = 16;
/** A character the fast route does not handle. */
const OTHER = 32;
const WORD = PLAIN | UPPER | UNDERSCORE | APOSTROPHE;

const ASCII_KINDS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
	const char = String.fromCharCode(c);
	if (/[a-z0-9]/.test(char)) ASCII_KINDS[c] = PLAIN;
	else if (/[A-Z]/.test(char)) ASCII_KINDS[c] = UPPER;
	else if (char === '_') ASCII_KINDS[c] = UNDERSCORE;
	else if (char === "'" || char === '`') ASCII_KINDS[c] = APOSTROPHE;
	else if (char === '<') ASCII_KINDS[c] = MARKUP;
	else ASCII_KINDS[c] = SEPARATOR;
}

/** The kind of a non-ASCII code unit. ´ is not an apostrophe here: NFKD turns it into a space and a mark. */
function otherKind(code: number): number {
	switch (code) {
		case 0x2018: // ‘
		case 0x2019: // ’
		case 0x201b: // ‛
		case 0x2032: // ′
			return APOSTROPHE;
		case 0x00a0: // no-break space (NFKD: a space)
		case 0x2013: // –
		case 0x2014: // —
		case 0x201c: // “
		case 0x201d: // ”
		case 0x2026: // … (NFKD: three full stops)
			return SEPARATOR;
		default:
			return OTHER;
	}
}

const chunkCache = new Map<string, readonly string[]>();

/**
 * The words of a chunk that has apostrophes or underscores, by the full folding. Short chunks are
 * remembered; a long one is not, as it can be a view into the whole text that would keep the text
 * alive (V8 copies substrings of fewer than 13 characters).
 */
function chunkWords(chunk: string): readonly string[] {
	let found = chunkCache.get(chunk);
	if (found === undefined) {
		const folded = foldFully(chunk);
		found = folded === '' ? [] : folded.split(' ');
		if (chunk.length < 13 && chunkCache.size < 50_000) chunkCache.set(chunk, found);
	}
	return found;
}

/** The words of `text` by the fast route, or undefined when the text needs the full folding. */
function fastWords(text: string, markupRemoved: boolean): string[] | undefined {
	const found: string[] = [];
	const length = text.length;
	let start = -1; // where the current chunk began
	let kinds = 0; // the kinds of character in the current chunk
	for (let i = 0; i <= length; i++) {
		let kind = SEPARATOR;
		if (i < length) {
			const code = text.charCodeAt(i);
			kind = code < 128 ? ASCII_KINDS[code]! : otherKind(code);
			if (kind & WORD) {
				if (start < 0) start = i;
				kinds |= kind;
				continue;
			}
			if (kind === OTHER) return undefined;
			if (kind === MARKUP && !markupRemoved) return fastWords(text.replace(DISCORD_MARKUP, ' '), true);
		}
		if (start < 0) continue;
		if (kinds === PLAIN) found.push(text.slice(start, i));
		else if ((kinds & (UNDERSCORE | APOSTROPHE)) === 0) found.push(text.slice(start, i).toLowerCase());
		else for (const word of chunkWords(text.slice(start, i))) found.push(word);
		start = -1;
		kinds = 0;
	}
	return found;
}

/** Folds case, diacritics, quotes and invisible characters; keeps letters, digits and spaces. */
export function foldText(text: string): string {
	return fastWords(text, false)?.join(' ') ?? foldFully(text);
}

/** Surface words of a text after folding, in order. */
export function words(text: string): string[] {
	const fast = fastWords(text, false);
	if (fast !== undefined) return fast;
	const folded = foldFully(text);
	return folded === '' ? [] : folded.split(' ');
}

export function isStopWord(word: string): boolean {
	return STOP_WORDS.has(word);
}

/**
 * The words of questions that the content index leaves out (stop words, question words): a typo
 * may stand for one of them ("whta", "whn"), and correcting it to one keeps it from counting as
 * an unknown word.
 */
export function questionGlue(): Iterable<string> {
	return [...STOP_WORDS, ...QUESTION_WORDS].filter((word) => word.length >= 3);
}

export function isQuestionWord(word: string): boolean {
	return QUESTION_WORDS.has(word);
}

const stemCache = new Map<string, string>();

/**
 * Porter stem, of the verb's base form for an irregular form ("sent" stems as "send"); memoised
 * because the same few thousand words recur in every query and document.
 */
export function stem(word: string): string {
	let stemmed = stemCache.get(word);
	if (stemmed === undefined) {
		const base = STOP_WORDS.has(word) ? undefined : irregularVerbBase(word);
		stemmed = /^\d+$/.test(word) ? word : stemmer(base ?? word);
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
