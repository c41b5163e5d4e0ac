/**
 * The options of ranking. Every option states its meaning, its range and its default; the
 * defaults are the engine's for every knowledge base (chosen on the public development sets, see
 * the README), and the intent-style settings CLINC150 uses are the documented exceptions.
 */
export interface RankOptions {
	/**
	 * Rank every question on the stop-word index: against questions and headings word for word,
	 * stop words included. For intent-style knowledge (short utterances, no prose), where "my" and
	 * "your" tell intents apart. (Questions made only of stop words use it anyway.) Default: false.
	 */
	stopWordIndex?: boolean;
	/** Only rank entries of these scopes (documents). Default: every scope. */
	scopes?: readonly string[];
	/** How many hits to return, best first. Range: 1 and up. Default: 10. */
	limit?: number;
	/**
	 * Only hits scoring at least this are returned. A question whose best possible score is
	 * lower (its only known word is a common one, say) is not ranked at all, which is what keeps
	 * such questions fast on a large knowledge base. Range: 0..1. Default: 0.
	 */
	minScore?: number;
	/**
	 * Balance between how much of the question a text covers (1) and how much of the text the
	 * question covers (0), for question and heading texts. Range: 0..1. Default: 0.65.
	 */
	coverageBalance?: number;
	/**
	 * How much body text counts against a question or heading that matches as well.
	 * Range: 0..1. Default: 0.8.
	 */
	bodyWeight?: number;
	/**
	 * coverageBalance for body text: near 1, because a paragraph is much longer than a question,
	 * but below 1 so a focused passage beats a long one that mentions the same words in passing.
	 * Range: 0..1. Default: 0.85.
	 */
	bodyBalance?: number;
	/**
	 * How much of the question an entry covers beyond its best text (a heading naming one word, the
	 * paragraph the other) adds to the best text's similarity. Range: 0 and up. Default: 0.3.
	 */
	entryBlend?: number;
	/**
	 * Average the best this many texts of an entry (1 = best only); helps entries with many
	 * alternates. Range: 1..5 (rounded). Default: 1.
	 */
	neighbours?: number;
	/**
	 * Weight of the entry's body text alone. Small: it mostly decides between paragraphs of one
	 * section, which share the section's heading and alternates. Range: 0 and up. Default: 0.1.
	 */
	bodyBonus?: number;
	/**
	 * Weight of the entry-level match: for each question word, the share of the entry's questions
	 * that use it. Entries with many alternates (intents) are described better by all of them
	 * together than by the single closest one. Range: 0..1 (0 = off). Default: 0.
	 */
	centroidWeight?: number;
}

/** Every option but the scopes, filled in. */
export type RankSettings = Required<Omit<RankOptions, 'scopes'>>;

export const DEFAULT_RANK_OPTIONS: RankSettings = {
	stopWordIndex: false,
	limit: 10,
	minScore: 0,
	coverageBalance: 0.65,
	bodyWeight: 0.8,
	bodyBalance: 0.85,
	entryBlend: 0.3,
	neighbours: 1,
	bodyBonus: 0.1,
	centroidWeight: 0,
};
