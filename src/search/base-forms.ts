import { createRequire } from 'node:module';

/**
 * The base form of an irregular English verb form: "sent" → "send", "found" → "find", "wrote" →
 * "write". The Porter stemmer strips regular endings only, so without this a question that says
 * "sent" never meets an answer that says "send". The forms come from WordNet's verb exception
 * list (the `wink-lexicon` package, the list WordNet's own lemmatiser uses).
 *
 * Nouns are left out on purpose: WordNet's noun exceptions turn everyday words into rarer ones
 * ("data" → "datum", "media" → "medium"), which would merge topics a FAQ keeps apart. Stop words
 * are left out too ("was", "did"): in the stop-word index their tense tells intents apart.
 */
let verbBases: Readonly<Record<string, string>> | undefined;

function loadVerbBases(): Readonly<Record<string, string>> {
	const data: unknown = createRequire(import.meta.url)('wink-lexicon/src/wn-verb-exceptions.js');
	if (typeof data !== 'object' || data === null) {
		throw new Error('wink-lexicon/src/wn-verb-exceptions.js: expected an object of forms');
	}
	return data as Record<string, string>;
}

/** The verb `word` is an irregular form of, or undefined when it is none (or a base form already). */
export function irregularVerbBase(word: string): string | undefined {
	const bases = (verbBases ??= loadVerbBases());
	const base = Object.hasOwn(bases, word) ? bases[word] : undefined;
	return typeof base === 'string' && base !== word ? base : undefined;
}
