import type { SearchIndex } from '../search-index.js';
import type { QueryTerm } from '../query.js';

/** A term found in more texts than this share of the index (and this many) is a common term. */
export const COMMON_TERM_SHARE = 0.02;
export const COMMON_TERM_MIN_UNITS = 500;

/** How a query term takes part in ranking. */
export const enum TermRole {
	/** Not used: the knowledge lacks it, or it is common and nothing rarer found candidates. */
	Skip,
	/** Makes every text that has it a candidate. */
	Candidates,
	/** Only adds to texts that a rarer term already made candidates. */
	AddsOnly,
}

/**
 * Decides each term's role over the whole group of segments, so that ranking them one segment
 * at a time (which keeps each segment's scratch space in the CPU cache) gives exactly the result
 * of one pass over all of them.
 */
export function termRoles(
	index: SearchIndex,
	terms: readonly QueryTerm[],
	segments: readonly number[],
	commonLimit: number,
): TermRole[] {
	let anyCandidates = false;
	return terms.map((term) => {
		if (index.unitFrequency(term.term) === 0) return TermRole.Skip;
		// A term in a large share of all texts ("how", "what") only adds to texts that a rarer
		// term already matched, so it cannot make the whole index a candidate.
		// A common question word never brings candidates of its own: "how tall is big ben" has
		// nothing in common with a game FAQ just because many of its questions start with "how".
		const common = index.unitFrequency(term.term) > commonLimit;
		const addsOnly = common && (anyCandidates || (term.questionWord && !index.isStopWordIndex));
		if (addsOnly) return anyCandidates ? TermRole.AddsOnly : TermRole.Skip;
		const id = index.termId(term.term)!;
		anyCandidates ||= segments.some((n) => index.segments[n]!.localId(id) !== undefined);
		return TermRole.Candidates;
	});
}
