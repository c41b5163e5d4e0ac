import type { SearchIndex } from './index.js';
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

interface StemmedWord {
	stem: string;
	similarity: number;
	questionWord: boolean;
}

/** True when a question has nothing but stop words and question words ("what's it about?"). */
export function isContentless(question: string): boolean {
	return words(question).every((word) => isStopWord(word) || isQuestionWord(word));
}

/** Turns a question into stemmed, spell-corrected words, as the index sees words. */
export function stemQuestion(index: SearchIndex, question: string): StemmedWord[] {
	const all = words(question);
	const kept = index.keepStopWords ? all : all.filter((word) => !isStopWord(word));
	return kept.map((word) => {
		const questionWord = isQuestionWord(word);
		const stemmed = stem(word);
		if (questionWord || index.knowsStem(stemmed)) return { stem: stemmed, similarity: 1, questionWord };
		const correction = index.spelling.correct(word);
		if (!correction) return { stem: stemmed, similarity: 1, questionWord };
		return { stem: stem(correction.word), similarity: correction.similarity, questionWord };
	});
}

/** The query terms as seen by one scope (its synonyms applied), distinct, heaviest first. */
export function queryTermsForScope(
	index: SearchIndex,
	stemmed: readonly StemmedWord[],
	scope: string,
): QueryTerm[] {
	const similarityOf = new Map<string, number>();
	const questionWords = new Set<string>();
	for (const word of stemmed) {
		similarityOf.set(word.stem, Math.min(similarityOf.get(word.stem) ?? 1, word.similarity));
		if (word.questionWord) questionWords.add(word.stem);
	}
	const byTerm = new Map<string, QueryTerm>();
	const sequence = index.synonymsFor(scope).apply(stemmed.map((w) => w.stem));
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
