import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RANK_OPTIONS } from '../../src/search/rank.js';
import { entryScore, scoreBound, textSimilarity } from '../../src/search/ranking/scoring.js';

const share = fc.double({ min: 0.001, max: 1, noNaN: true });

describe('textSimilarity', () => {
	it('is the text weight for a text that is exactly the question', () => {
		expect(textSimilarity(0, 0, 0.65, 1)).toBe(1);
		expect(textSimilarity(0, 0, 0.85, 0.8)).toBe(0.8);
	});

	it('weighs coverage by the balance and precision by the rest', () => {
		// Half the question covered, all of the text: 0.5^0.65.
		expect(textSimilarity(Math.log(0.5), 0, 0.65, 1)).toBeCloseTo(0.5 ** 0.65, 12);
		expect(textSimilarity(0, Math.log(0.5), 0.65, 1)).toBeCloseTo(0.5 ** 0.35, 12);
	});

	it('grows with coverage and with precision, and stays within 0..weight', () => {
		fc.assert(
			fc.property(share, share, share, (a, b, precision) => {
				const [low, high] = a < b ? [a, b] : [b, a];
				const lp = Math.log(precision);
				const lower = textSimilarity(Math.log(low), lp, 0.65, 1);
				const higher = textSimilarity(Math.log(high), lp, 0.65, 1);
				return lower <= higher && higher <= 1 && lower >= 0;
			}),
		);
	});
});

describe('entryScore', () => {
	const score = (
		parts: Partial<{ best: number; coverage: number; bestText: number; body: number; centroid: number }>,
		settings = DEFAULT_RANK_OPTIONS,
	) => {
		const p = { best: 0.6, coverage: 0.8, bestText: 0.5, body: 0.4, centroid: 0.7, ...parts };
		return entryScore(p.best, p.coverage, p.bestText, p.body, p.centroid, settings);
	};

	it('adds what the other texts cover beyond the best one, and the body text’s coverage', () => {
		const { entryBlend, bodyBonus } = DEFAULT_RANK_OPTIONS;
		expect(score({})).toBeCloseTo(0.6 + entryBlend * 0.3 + bodyBonus * 0.4, 12);
	});

	it('adds nothing for the other texts when the best text covers the most', () => {
		const alone = score({ coverage: 0.5, body: 0 });
		expect(alone).toBe(0.6);
	});

	it('mixes in the entry-level match by centroidWeight', () => {
		const settings = { ...DEFAULT_RANK_OPTIONS, centroidWeight: 0.5 };
		expect(score({}, settings)).toBeCloseTo(0.5 * score({}) + 0.5 * 0.7, 12);
	});
});

describe('scoreBound', () => {
	it('is never below the score an entry with that coverage can reach', () => {
		fc.assert(
			fc.property(share, share, share, share, (coverage, textShare, precision, bodyShare) => {
				const bestTextCoverage = coverage * textShare;
				const lp = Math.log(precision);
				const s = DEFAULT_RANK_OPTIONS;
				const best = Math.max(
					textSimilarity(Math.log(bestTextCoverage), lp, s.coverageBalance, 1),
					textSimilarity(Math.log(bestTextCoverage), lp, s.bodyBalance, s.bodyWeight),
				);
				const reached = entryScore(best, coverage, bestTextCoverage, coverage * bodyShare, 0, s);
				return reached <= scoreBound(coverage, s) + 1e-12;
			}),
		);
	});

	it('grows with coverage, so an entry matching less of the question can be skipped', () => {
		expect(scoreBound(0.2, DEFAULT_RANK_OPTIONS)).toBeLessThan(scoreBound(0.6, DEFAULT_RANK_OPTIONS));
	});
});
