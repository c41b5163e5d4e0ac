import type { QueryTerm } from '../query.js';

/** One ranked entry, with what the confidence needs to know about how it matched. */
export interface Hit {
	entry: number;
	/** 0..1 */
	score: number;
	/** Share of the question's weight that the entry matched, 0..1. */
	coverage: number;
	/** Share of the question's weight carried by words the knowledge does not use at all. */
	unknownShare: number;
	/** The question's terms (shared between hits), and which of them the entry matched (bit i = terms[i]). */
	terms: readonly QueryTerm[];
	matchedMask: number;
	/** True when the entry's closest text was body text (an answer or paragraph), not a question or heading. */
	bestFromBody: boolean;
	/** Share of the closest text's own weight that the question matched, 0..1. */
	precision: number;
}

/** The question's content terms (not question words) that an entry did and did not match. */
export function matchedContent(hit: Hit): { matched: string[]; unmatched: string[] } {
	const matched: string[] = [];
	const unmatched: string[] = [];
	hit.terms.forEach((term, bit) => {
		if (term.questionWord) return;
		(hit.matchedMask & (1 << bit) ? matched : unmatched).push(term.term);
	});
	return { matched, unmatched };
}
