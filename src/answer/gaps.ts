import { matchedContent, type Hit } from '../search/rank.js';
import type { TargetList } from './targets.js';

/**
 * A known gap (a film fact the front matter cannot hold: the budget, a sequel, ...) means "the
 * knowledge does not say" only when no text of the knowledge speaks of it. When the best hit is a
 * gap but a lower one — a paragraph, an FAQ answer — matched every content word the gap matched,
 * that one is the candidate instead: a review that discusses sequel plans answers "will there be a
 * sequel" from its text.
 */
export function candidateBesideGap(hits: readonly Hit[], targets: TargetList): Hit | undefined {
	const [gap] = hits;
	if (!gap) return undefined;
	const wanted = matchedContent(gap).matched;
	if (wanted.length === 0) return undefined;
	return hits.find((hit) => {
		if (targets.at(hit.entry).kind === 'gap') return false;
		const matched = new Set(matchedContent(hit).matched);
		return wanted.every((term) => matched.has(term));
	});
}
