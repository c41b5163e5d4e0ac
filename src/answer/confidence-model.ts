import type { ConfidenceModel } from './confidence.js';

/**
 * The fitted confidence model. Written by `npx tsx bench/fit-confidence.ts --write` from the
 * public sets only (dev, dev2, the StackFAQ public split, CLINC150 val and oos_train; each kind
 * of knowledge weighted equally, L2 1); its cross-validated figures are in that script's report. Do not edit by hand:
 * change the features or the data, then fit again.
 */
export const CONFIDENCE_MODEL: ConfidenceModel = {
	intercept: -2.3757,
	weights: {
		score: 1.7899,
		margin: 1.4943,
		coverage: 0.0,
		uncovered: -3.726,
		unknown: 0.0619,
		matchedIdf: 1.9993,
		precision: 0.996,
		fromBody: -0.4245,
		semantic: 0.8232,
		semanticMargin: 2.5339,
	},
};
