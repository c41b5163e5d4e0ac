import type { ConfidenceModel } from './confidence.js';

/**
 * The fitted confidence model. Written by `npx tsx bench/fit-confidence.ts --write` from the
 * public sets only (dev, dev2, the StackFAQ public split, CLINC150 val and oos_train; each kind
 * of knowledge weighted equally, L2 1); its cross-validated figures are in that script's report. Do not edit by hand:
 * change the features or the data, then fit again.
 */
export const CONFIDENCE_MODEL: ConfidenceModel = {
	intercept: -4.4416,
	weights: {
		score: 3.9844,
		margin: 4.2019,
		coverage: 0.3486,
		uncovered: 0.0,
		unknown: 0.4992,
		matchedIdf: 2.7698,
		precision: 0.4417,
		fromBody: -0.4382,
	},
};
