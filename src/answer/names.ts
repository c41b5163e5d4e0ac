import type { KnowledgeDocument } from '../knowledge/types.js';
import { matchedContent, type Hit } from '../search/rank.js';
import type { SynonymMap } from '../search/synonyms.js';
import { stem } from '../search/text.js';

/**
 * The terms of the names a document's facts mention: people and the characters they play.
 * Matching only a name says who a question is about, not what it asks about them.
 */
export function nameTerms(document: KnowledgeDocument, synonyms: SynonymMap): Set<string> {
	const facts = document.facts;
	if (!facts) return new Set();
	const names = [
		...facts.cast.flatMap((member) => [member.name, member.role ?? '']),
		...facts.directors.map((director) => director.name),
		...facts.composers,
	];
	return new Set(names.flatMap((name) => synonyms.applyToText(name)));
}

/**
 * Question words that ask for more than who someone is: a place, a time, a reason, a manner.
 * A person's entry that matched only their name says who they are, not where they are from.
 */
const ASKS_BEYOND_WHO: ReadonlySet<string> = new Set(['where', 'when', 'why', 'how'].map(stem));

/**
 * True when an entry matched nothing but names while the question also asks about something
 * else ("how tall is Keanu Reeves", "where is Keanu Reeves from"): the passage is about the right
 * person but cannot answer the question, and a confident reply would be wrong.
 */
export function matchesOnlyNames(hit: Hit, names: ReadonlySet<string>): boolean {
	const { matched, unmatched } = matchedContent(hit);
	if (matched.length === 0 || !matched.every((term) => names.has(term))) return false;
	const asksBeyondWho = hit.terms.some(
		(term, bit) => term.questionWord && ASKS_BEYOND_WHO.has(term.term) && !(hit.matchedMask & (1 << bit)),
	);
	return unmatched.length > 0 || asksBeyondWho;
}
