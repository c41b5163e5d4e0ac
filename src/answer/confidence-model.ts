import type { ConfidenceModel } from './confidence.js';

/**
 * The fitted confidence model. Written by `npx tsx bench/fit-confidence.ts --write` from the
 * public sets only (dev, dev2, the StackFAQ public split; the two kinds of knowledge weighted
 * equally, L2 1); its cross-validated figures are in that script's report. Do not edit by hand:
 * change the features or the data, then fit again.
 */
export const CONFIDENCE_MODEL: ConfidenceModel = {
	intercept: -3.6034,
	weights: {
		score: 2.1876,
		margin: 2.0844,
		coverage: 0.9959,
		uncovered: -0.4956,
		unknown: 0.3633,
		matchedIdf: 2.7104,
		precision: 1.0682,
		corrected: 0.2976,
		contentless: 1.5103,
		fromBody: -0.4406,
	},
};
