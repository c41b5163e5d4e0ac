import type { ConfidenceModel } from './confidence.js';

/**
 * The fitted confidence model. Written by `npx tsx bench/fit-confidence.ts --write` from the
 * public sets only (dev, dev2, the StackFAQ public split, CLINC150 val and oos_train; each kind
 * of knowledge weighted equally, L2 1); its cross-validated figures are in that script's report. Do not edit by hand:
 * change the features or the data, then fit again.
 */
export const CONFIDENCE_MODEL: ConfidenceModel = {
	intercept: -4.4531,
	weights: {
		score: 4.0877,
		margin: 4.1919,
		coverage: 0.3561,
		uncovered: 0.0,
		unknown: 0.5843,
		matchedIdf: 2.7513,
		precision: 0.4211,
		contentless: 2.4749,
		fromBody: -0.4751,
	},
};
