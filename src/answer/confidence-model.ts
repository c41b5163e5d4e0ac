import type { ConfidenceModel } from './confidence.js';

/**
 * The fitted confidence model. Written by `npx tsx bench/fit-confidence.ts --write` from the
 * public sets only (dev, dev2, the StackFAQ public split, CLINC150 val and oos_train; each kind
 * of knowledge weighted equally, L2 1); its cross-validated figures are in that script's report. Do not edit by hand:
 * change the features or the data, then fit again.
 */
export const CONFIDENCE_MODEL: ConfidenceModel = {
	intercept: -3.9065,
	weights: {
		score: 3.6038,
		margin: 1.3925,
		coverage: 0.0,
		uncovered: -0.2395,
		unknown: 0.0204,
		matchedIdf: 2.1204,
		precision: 0.6338,
		fromBody: -0.3388,
		semantic: 0.8991,
		semanticMargin: 2.5098,
	},
};
