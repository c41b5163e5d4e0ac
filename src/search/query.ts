import type { SearchIndex } from './search-index.js';
import { withWordPairs } from './segment.js';
import { isQuestionWord, isStopWord, stem, words } from './text.js';

/** A term of the question, with how much it should count and how sure we are of it. */
export interface QueryTerm {
	term: string;
	/** idf, scaled down for question words. */
	weight: number;
	/** 1 for a word the knowledge uses; less for a spelling correction. */
	similarity: number;
	/** True when the knowledge has no such word, even after spelling correction. */
	unknown: boolean;
	/** "who", "when", ...: says what kind of answer is wanted, not what it is about. */
	questionWord: boolean;
}

/** How much a question word ("who", "when") counts compared with a content word of the same idf. */
const QUESTION_WORD_WEIGHT = 0.3;

/**
 * A word the knowledge lacks may be a known word with an English prefix or suffix added
 * ("reinstall", "interconnections", "playfully"). The known word stands in for it, at this
 * similarity: weaker evidence than a typo, as the affix changes the meaning somewhat. Only these
 * affixes are stripped, so "xylophone" never becomes "phone".
 */
// prettier-ignore
const PREFIXES = [
	'anti', 'auto', 'co', 'counter', 'de', 'dis', 'inter', 'mis', 'multi', 'non', 'over', 'pre',
	're', 'semi', 'sub', 'super', 'un', 'under',
];
// prettier-ignore
const SUFFIXES = ['ly', 'ness', 'less', 'ful', 'able', 'ible', 'ment', 'ity', 'ish', 'wise'];
const MIN_WORD_PART = 4;
const WORD_PART_SIMILARITY = 0.6;

/** The known word left when an English prefix or suffix is taken off `word`. */
function knownWordPart(index: SearchIndex, word: string): string | undefined {
	const parts = [
		...PREFIXES.filter((prefix) => word.startsWith(prefix)).map((prefix) => word.slice(prefix.length)),
		...SUFFIXES.filter((suffix) => word.endsWith(suffix)).map((suffix) => word.slice(0, -suffix.length)),
	];
	return parts
		.filter((part) => part.length >= MIN_WORD_PART && index.knowsStem(stem(part)))
		.sort((a, b) => b.length - a.length)[0];
}

/** One word of a question, as typed and as the index sees it. */
export interface AnalysedWord {
	/** The folded word as typed. */
	typed: string;
	/** The word after spelling correction (the typed word when none was needed). */
	word: string;
	stem: string;
	/** 1 for a word as typed; less for a correction. */
	similarity: number;
	stopWord: boolean;
	questionWord: boolean;
}

/**
 * A question analysed once — folded, split, spell-corrected, stemmed — for everything that reads
 * it afterwards: the choice of index, ranking and the confidence.
 */
export interface AnalysedQuestion {
	words: AnalysedWord[];
	/** True when it has nothing but stop words and question words ("what's it about?"). */
	stopWordsOnly: boolean;
	/**
	 * True when it asks nothing that could be matched: no content word, and no question word with
	 * at least one other word to go with it ("a", "is it", "why"). "Who's in it?" is not vague.
	 */
	vague: boolean;
}

/**
 * Analyses a question against an index's vocabulary. A word the knowledge does not use is
 * corrected before stop words are set aside, so a typo of a stop word ("whta") becomes that stop
 * word instead of counting as an unknown word of the question.
 */
export function analyseQuestion(index: SearchIndex, question: string): AnalysedQuestion {
	const analysed = words(question).map((typed): AnalysedWord => {
		const plain = { typed, word: typed, stem: stem(typed), similarity: 1 };
		const known = isStopWord(typed) || isQuestionWord(typed) || index.knowsStem(plain.stem);
		const correction = known ? undefined : index.spelling.correct(typed);
		const part = known || correction ? undefined : knownWordPart(index, typed);
		const chosen =
			correction && correction.edits > 0
				? { typed, word: correction.word, stem: stem(correction.word), similarity: correction.similarity }
				: part
					? { typed, word: part, stem: stem(part), similarity: WORD_PART_SIMILARITY }
					: plain;
		return { ...chosen, stopWord: isStopWord(chosen.word), questionWord: isQuestionWord(chosen.word) };
	});
	const stopWordsOnly = analysed.every((w) => w.stopWord || w.questionWord);
	const asks = analysed.some((w) => w.questionWord) && analysed.length >= 2;
	return { words: analysed, stopWordsOnly, vague: stopWordsOnly && !asks };
}

/**
 * The question's content words as the index matched them (spelling corrected, stemmed), once
 * each in the order asked, joined by spaces: what two differently worded questions share.
 */
export function normalizedForm(question: AnalysedQuestion): string {
	const seen = new Set<string>();
	for (const word of question.words) if (!word.stopWord && !word.questionWord) seen.add(word.stem);
	return [...seen].join(' ');
}

/** The words an index ranks on: all of them for a stop-word index, else all but stop words. */
export function indexedWords(index: SearchIndex, question: AnalysedQuestion): AnalysedWord[] {
	return index.isStopWordIndex ? question.words : question.words.filter((w) => !w.stopWord);
}

/** The query terms as seen by one scope (its synonyms applied), distinct, heaviest first. */
export function queryTermsForScope(
	index: SearchIndex,
	stemmed: readonly AnalysedWord[],
	scope: string,
): QueryTerm[] {
	const similarityOf = new Map<string, number>();
	const questionWords = new Set<string>();
	for (const word of stemmed) {
		similarityOf.set(word.stem, Math.min(similarityOf.get(word.stem) ?? 1, word.similarity));
		if (word.questionWord) questionWords.add(word.stem);
	}
	const byTerm = new Map<string, QueryTerm>();
	const sequence = index.synonymsFor(scope).apply(
		stemmed.map((w) => w.stem),
		stemmed.map((w) => w.word),
	);
	const pairs = new Set(index.wordPairs ? withWordPairs(sequence).slice(sequence.length) : []);
	for (const term of index.wordPairs ? withWordPairs(sequence) : sequence) {
		if (byTerm.has(term)) continue;
		const unknown = !index.has(term);
		// A pair the knowledge never uses says nothing: its words already count on their own.
		if (unknown && pairs.has(term)) continue;
		const weight = index.idf(term) * (questionWords.has(term) ? QUESTION_WORD_WEIGHT : 1);
		byTerm.set(term, {
			term,
			weight,
			similarity: similarityOf.get(term) ?? 1,
			unknown,
			questionWord: questionWords.has(term),
		});
	}
	return [...byTerm.values()].sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term));
}
