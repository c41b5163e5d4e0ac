import { describe, expect, it } from 'vitest';
import {
	confidence,
	contentCoverage,
	FEATURE_NAMES,
	type ConfidenceFeatures,
} from '../../src/answer/confidence.js';
import type { QueryTerm } from '../../src/search/query.js';
import type { Hit } from '../../src/search/rank.js';
import { CONFIDENCE_MODEL } from '../../src/answer/confidence-model.js';

const sure: ConfidenceFeatures = {
	score: 1,
	margin: 0.5,
	coverage: 1,
	uncovered: 0,
	unknown: 0,
	matchedIdf: 1,
	precision: 1,
	fromBody: 0,
	semantic: 1,
	semanticMargin: 0.5,
};

const vague: ConfidenceFeatures = {
	score: 0.3,
	margin: 0.01,
	coverage: 0.3,
	uncovered: 0.7,
	unknown: 0.5,
	matchedIdf: 0.2,
	precision: 0.3,
	fromBody: 1,
	semantic: 0.3,
	semanticMargin: 0,
};

describe('the fitted confidence model', () => {
	it('gives a probability: between 0 and 1, high for a close match and low for a vague one', () => {
		expect(confidence(sure, CONFIDENCE_MODEL)).toBeGreaterThan(0.9);
		expect(confidence(vague, CONFIDENCE_MODEL)).toBeLessThan(0.1);
	});

	it.each(['score', 'margin', 'coverage', 'matchedIdf', 'precision', 'semantic', 'semanticMargin'] as const)(
		'never grows less sure as %s grows',
		(feature) => {
			const lower = confidence({ ...vague, [feature]: 0.2 }, CONFIDENCE_MODEL);
			const higher = confidence({ ...vague, [feature]: 0.8 }, CONFIDENCE_MODEL);
			expect(higher).toBeGreaterThanOrEqual(lower);
		},
	);

	it('never grows surer as more of the question is left uncovered', () => {
		const covered = confidence({ ...sure, uncovered: 0, coverage: 1 }, CONFIDENCE_MODEL);
		const halfCovered = confidence({ ...sure, uncovered: 0.5, coverage: 0.5 }, CONFIDENCE_MODEL);
		expect(halfCovered).toBeLessThan(covered);
	});

	it('has a weight for every feature the engine computes', () => {
		expect(Object.keys(CONFIDENCE_MODEL.weights).sort()).toEqual([...FEATURE_NAMES].sort());
	});
});

describe('confidence()', () => {
	it('is the logistic function of the weighted features', () => {
		const model = {
			intercept: -1,
			weights: {
				...CONFIDENCE_MODEL.weights,
				...Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])),
				score: 2,
			},
		};
		expect(confidence({ ...vague, score: 0.5 }, model)).toBeCloseTo(0.5, 10);
		expect(confidence({ ...vague, score: 1 }, model)).toBeCloseTo(1 / (1 + Math.exp(-1)), 10);
	});
});

describe('contentCoverage()', () => {
	const term = (name: string, weight: number, extra: Partial<QueryTerm> = {}): QueryTerm => ({
		term: name,
		weight,
		similarity: 1,
		unknown: false,
		questionWord: false,
		...extra,
	});
	// "who plays the criminals": "who" is a question word; the hit matched "play" but not "criminal".
	const terms = [term('who', 0.5, { questionWord: true }), term('play', 1), term('crimin', 3)];
	const hit = (matchedMask: number, termList: readonly QueryTerm[] = terms): Hit => ({
		entry: 0,
		score: 0.5,
		coverage: 0.5,
		unknownShare: 0,
		terms: termList,
		matchedMask,
		bestFromBody: false,
		precision: 1,
	});
	const closeTo = (closeness: number) => (t: QueryTerm) => (t.term === 'crimin' ? closeness : undefined);

	it('counts a word the hit lacks for how close in meaning the hit comes to it', () => {
		expect(contentCoverage(hit(0b010), closeTo(0))).toBeCloseTo(1 / 4, 10);
		expect(contentCoverage(hit(0b010), closeTo(0.8))).toBeCloseTo((1 + 3 * 0.8) / 4, 10);
		expect(contentCoverage(hit(0b110), closeTo(0))).toBe(1);
	});

	it('counts a corrected word for its spelling similarity and leaves question words out', () => {
		const corrected = [terms[0]!, term('play', 1, { similarity: 0.5 }), terms[2]!];
		expect(contentCoverage(hit(0b111, corrected), () => undefined)).toBeCloseTo((0.5 + 3) / 4, 10);
		expect(contentCoverage(hit(0b001, [terms[0]!]), () => undefined)).toBe(1);
	});
});
