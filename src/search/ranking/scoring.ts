import type { RankSettings } from './options.js';

/*
 * The scoring functions of ranking, pure and small: the segment ranker calls them in its inner
 * loops, and their tests (tests/search/scoring.test.ts) pin down what each promises.
 */

/**
 * How well one text matches the question: coverage^balance × precision^(1 - balance) × weight,
 * from the logs of coverage (share of the question's weight the text matched) and precision
 * (share of the text's own weight the question matched), each in (-∞, 0]. 1 × weight for a
 * text that is the question; 0 when either share is 0.
 */
export function textSimilarity(
	logCoverage: number,
	logPrecision: number,
	balance: number,
	weight: number,
): number {
	return weight * Math.exp(balance * logCoverage + (1 - balance) * logPrecision);
}

/**
 * An entry's score: its best texts' similarity, plus what its other texts cover beyond the best
 * one (entryBlend), plus its body text's coverage (bodyBonus); mixed with the entry-level match
 * when centroidWeight > 0. Can exceed 1 (rank() caps what it returns). Positional arguments:
 * it runs once per candidate entry, and an argument object there would be garbage per entry.
 *
 * @param best the mean similarity of the entry's best `neighbours` texts
 * @param coverage share of the question's weight the entry's texts matched together
 * @param bestTextCoverage share its best text matched alone
 * @param bodyCoverage share its body text matched
 * @param centroidShare the entry-level match (centroid), as a share of the question's weight
 */
export function entryScore(
	best: number,
	coverage: number,
	bestTextCoverage: number,
	bodyCoverage: number,
	centroidShare: number,
	settings: RankSettings,
): number {
	const spread = Math.max(0, coverage - bestTextCoverage);
	const score = best + settings.entryBlend * spread + settings.bodyBonus * bodyCoverage;
	if (settings.centroidWeight <= 0) return score;
	return (1 - settings.centroidWeight) * score + settings.centroidWeight * centroidShare;
}

/**
 * The highest score an entry can reach when it matches `coverage` of the question's weight:
 * every part of the score grows with coverage and precision, so full precision bounds it.
 */
export function scoreBound(coverage: number, settings: RankSettings): number {
	const best = Math.max(
		coverage ** settings.coverageBalance,
		settings.bodyWeight * coverage ** settings.bodyBalance,
	);
	// The centroid share is at most `coverage`, which is below `best`, so it cannot raise the bound.
	return best + (settings.entryBlend + settings.bodyBonus) * coverage;
}
