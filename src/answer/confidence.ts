import type { QueryTerm } from '../search/query.js';
import type { Hit } from '../search/rank.js';

/**
 * What the engine knows about its best candidate when it decides whether to answer with it. Each
 * is a number so that one fitted model (./confidence-model.ts) turns them into the probability
 * that the answer is right, on any knowledge base.
 */
export interface ConfidenceFeatures {
	/** The ranking's similarity of the best candidate, 0..1. */
	score: number;
	/** How far it is ahead of the best candidate with another source, 0..1. */
	margin: number;
	/** Share of the question's weight the candidate matched. */
	coverage: number;
	/**
	 * Share of the question's content weight (question words aside) that the candidate does not
	 * contain, a word counting less the closer in meaning the candidate's nearest word comes to it:
	 * "who directed Casablanca" answered with the director of another film leaves "casablanca"
	 * uncovered, "does the movie drag" answered from a passage about the film leaves "movie" almost
	 * covered.
	 */
	uncovered: number;
	/** Share of the question's weight carried by words the knowledge never uses. */
	unknown: number;
	/**
	 * How much evidence the match carries in absolute terms: log(1 + the idf it matched, in units
	 * of the largest idf this knowledge has), so it means the same for 10 entries or 100,000.
	 */
	matchedIdf: number;
	/**
	 * Share of the closest text's own weight that the question matched, when that text is a
	 * question or heading (0 for body text, where a question naturally covers little of a long
	 * paragraph and `fromBody` stands for it).
	 */
	precision: number;
	/** 1 when the candidate's closest text was its answer or paragraph, not a question or heading. */
	fromBody: number;
	/** Closeness in meaning of the question to the candidate (word vectors), 0..1. */
	semantic: number;
	/** How much closer in meaning the candidate is than the closest candidate with another source. */
	semanticMargin: number;
}

export const FEATURE_NAMES = [
	'score',
	'margin',
	'coverage',
	'uncovered',
	'unknown',
	'matchedIdf',
	'precision',
	'fromBody',
	'semantic',
	'semanticMargin',
] as const satisfies readonly (keyof ConfidenceFeatures)[];

/** A logistic model: probability = 1 / (1 + e^-(intercept + Σ weight × feature)). */
export interface ConfidenceModel {
	intercept: number;
	weights: Record<keyof ConfidenceFeatures, number>;
}

/**
 * The question's weight the hit matched, question words included at their reduced weight; the
 * spelling similarity scales what a corrected word counts for.
 */
function matchedWeight(hit: Hit): number {
	let matched = 0;
	hit.terms.forEach((term, bit) => {
		if (hit.matchedMask & (1 << bit)) matched += term.weight * term.similarity;
	});
	return matched;
}

/**
 * Share of the question's content weight (question words aside) that the hit covers: a word it
 * matched counts for its spelling similarity, a word it did not for how close in meaning the hit
 * comes to it (`closenessTo`, 0..1; undefined counts as 0). 1 when the question has no content
 * word. The confidence reads 1 minus it as `uncovered`.
 */
export function contentCoverage(hit: Hit, closenessTo: (term: QueryTerm) => number | undefined): number {
	let covered = 0;
	let total = 0;
	hit.terms.forEach((term, bit) => {
		if (term.questionWord) return;
		total += term.weight;
		covered += term.weight * (hit.matchedMask & (1 << bit) ? term.similarity : (closenessTo(term) ?? 0));
	});
	return total === 0 ? 1 : covered / total;
}

export function confidenceFeatures(
	best: Hit,
	/** The best score among hits whose source differs from the best hit's; 0 when none. */
	runnerUp: number,
	/** The idf of a word no text of the knowledge uses: the largest there is. */
	largestIdf: number,
	/**
	 * Closeness in meaning of the candidate, and the most of any candidate with another source;
	 * undefined when no word of the question has a vector ("who's in it"): then the shared words
	 * are all the evidence there is, and they stand in for it, so such a question is not taken for
	 * one far in meaning from every answer.
	 */
	closeness: { best: number; other: number } | undefined,
	/**
	 * How close in meaning (0..1) the candidate comes to a question term it did not match; undefined
	 * (counted as 0) when that cannot be told.
	 */
	closenessTo: (term: QueryTerm) => number | undefined = () => undefined,
): ConfidenceFeatures {
	const margin = Math.max(0, best.score - runnerUp);
	return {
		score: best.score,
		margin,
		coverage: best.coverage,
		uncovered: 1 - contentCoverage(best, closenessTo),
		unknown: best.unknownShare,
		matchedIdf: Math.log1p(matchedWeight(best) / largestIdf),
		precision: best.bestFromBody ? 0 : best.precision,
		fromBody: best.bestFromBody ? 1 : 0,
		semantic: closeness ? closeness.best : best.score,
		semanticMargin: closeness ? Math.max(0, closeness.best - closeness.other) : margin,
	};
}

export function featureVector(features: ConfidenceFeatures): number[] {
	return FEATURE_NAMES.map((name) => features[name]);
}

/** The probability, under `model`, that an answer with these features is right. */
export function confidence(features: ConfidenceFeatures, model: ConfidenceModel): number {
	let z = model.intercept;
	for (const name of FEATURE_NAMES) z += model.weights[name] * features[name];
	return 1 / (1 + Math.exp(-z));
}
