import type { ConfidenceModel } from './confidence.js';

/**
 * The fitted confidence model. Written by `npx tsx bench/fit-confidence.ts --write` from the
 * public sets only (dev, dev2, the StackFAQ public split, CLINC150 val and oos_train; each kind
 * of knowledge weighted equally, L2 1); its cross-validated figures are in that script's report. Do not edit by hand:
 * change the features or the data, then fit again.
 */
export const CONFIDENCE_MODEL: ConfidenceModel = {
	intercept: -2.3762,
	weights: {
		score: 1.7873,
		margin: 1.4953,
		coverage: 0.0,
		uncovered: -3.7147,
		unknown: 0.057,
		matchedIdf: 2.0029,
		precision: 0.9902,
		fromBody: -0.4285,
		semantic: 0.8285,
		semanticMargin: 2.5309,
	},
};
