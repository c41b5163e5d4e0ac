import type { KnowledgeDocument } from '../knowledge/types.js';
import { matchedContent, type Hit } from '../search/rank.js';
import type { SynonymMap } from '../search/synonyms.js';
import { terms } from '../search/text.js';

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
	return new Set(names.flatMap((name) => synonyms.apply(terms(name))));
}

/**
 * True when an entry matched nothing but names while the question also asks about something
 * else ("how tall is Keanu Reeves"): the passage is about the right person but cannot answer
 * the question, and a confident reply would be wrong.
 */
export function matchesOnlyNames(hit: Hit, names: ReadonlySet<string>): boolean {
	const { matched, unmatched } = matchedContent(hit);
	return matched.length > 0 && unmatched.length > 0 && matched.every((term) => names.has(term));
}
