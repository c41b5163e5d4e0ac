import { Lexicon } from '../src/search/lexicon.js';
import {
	indexScope,
	scopeSynonymGroups,
	SearchIndex,
	type IndexSynonyms,
	type ScopeSegments,
	type SearchEntry,
} from '../src/search/search-index.js';
import { SynonymMap } from '../src/search/synonyms.js';

const NO_SYNONYMS: IndexSynonyms = { global: [], byScope: new Map() };

/**
 * An index over bare search entries, built the way the engine builds one (each scope's segments
 * with its synonyms, then one index over them), for tests and benchmarks that rank without an
 * engine. Consecutive entries of one scope form one scope's segments.
 */
export function indexEntries(
	entries: readonly SearchEntry[],
	synonyms: IndexSynonyms = NO_SYNONYMS,
	options: { wordPairs?: boolean } = {},
): SearchIndex {
	const lexicon = new Lexicon();
	const scopes: ScopeSegments[] = [];
	for (let start = 0; start < entries.length;) {
		const scope = entries[start]!.scope;
		let end = start + 1;
		while (end < entries.length && entries[end]!.scope === scope) end++;
		const map = new SynonymMap(scopeSynonymGroups(synonyms, scope));
		scopes.push(indexScope(scope, entries.slice(start, end), map, lexicon, options));
		start = end;
	}
	return SearchIndex.fromScopes(scopes, lexicon, options);
}
