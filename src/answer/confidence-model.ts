import type { ConfidenceModel } from './confidence.js';

/**
 * The fitted confidence model. Written by `npx tsx bench/fit-confidence.ts --write` from the
 * public sets only (dev, dev2, the StackFAQ public split, CLINC150 val and oos_train; each kind
 * of knowledge weighted equally, L2 1); its cross-validated figures are in that script's report. Do not edit by hand:
 * change the features or the data, then fit again.
 */
export const CONFIDENCE_MODEL: ConfidenceModel = {
	intercept: -3.9433,
	weights: {
		score: 3.1911,
		margin: 1.4746,
		coverage: 0.3956,
		uncovered: 0.0,
		unknown: -0.0419,
		matchedIdf: 2.0844,
		precision: 0.6532,
		fromBody: -0.3979,
		semantic: 0.7227,
		semanticMargin: 2.5686,
	},
};
