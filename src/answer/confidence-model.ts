import type { ConfidenceModel } from './confidence.js';

/**
 * The fitted confidence model. Written by `npx tsx bench/fit-confidence.ts --write` from the
 * public sets only (dev, dev2, the StackFAQ public split, CLINC150 val and oos_train; each kind
 * of knowledge weighted equally, L2 1); its cross-validated figures are in that script's report. Do not edit by hand:
 * change the features or the data, then fit again.
 */
export const CONFIDENCE_MODEL: ConfidenceModel = {
	intercept: -5.8682,
	weights: {
		score: 3.024,
		margin: 4.0453,
		coverage: 0.0493,
		uncovered: 0.0,
		unknown: 0.1093,
		matchedIdf: 2.0517,
		precision: 0.7282,
		fromBody: -0.8395,
		semantic: 3.2347,
		semanticMargin: 0.97,
	},
};
