import type { SearchIndex } from './search-index.js';
import {
	analyseQuestion,
	indexedWords,
	queryTermsForScope,
	type AnalysedQuestion,
	type QueryTerm,
} from './query.js';
import type { Hit } from './ranking/hit.js';
import { DEFAULT_RANK_OPTIONS, type RankOptions } from './ranking/options.js';
import { rankSegments } from './ranking/segment-ranker.js';
import { TopHits } from './ranking/top-hits.js';

export { matchedContent, type Hit } from './ranking/hit.js';
export { DEFAULT_RANK_OPTIONS, type RankOptions } from './ranking/options.js';

/** Ranks the index's entries against a question; deterministic for the same index and question. */
export function rank(
	index: SearchIndex,
	question: string | AnalysedQuestion,
	options: RankOptions = {},
): Hit[] {
	const analysed = typeof question === 'string' ? analyseQuestion(index, question) : question;
	// Stop words are all such a question has, so it is matched, word for word, against questions.
	if (index.stopWordIndex && (options.stopWordIndex || analysed.stopWordsOnly)) {
		return rank(index.stopWordIndex, analysed, options);
	}
	const settings = { ...DEFAULT_RANK_OPTIONS, ...options };
	const stemmed = indexedWords(index, analysed);
	if (stemmed.length === 0) return [];
	// Scopes whose synonyms leave the question's terms the same are ranked in one pass: with
	// hundreds of documents, a pass per document would multiply the work by their number.
	const bySynonyms = new Map<string, { scope: string; segments: number[] }>();
	for (const scope of new Set(options.scopes ?? index.scopes)) {
		const segments = index.segmentsOf(scope);
		if (segments.length === 0) continue;
		const key = index.synonymsFor(scope).key;
		const group = bySynonyms.get(key);
		if (group) group.segments.push(...segments);
		else bySynonyms.set(key, { scope, segments: [...segments] });
	}
	const groups = new Map<string, { terms: QueryTerm[]; segments: number[] }>();
	for (const { scope, segments } of bySynonyms.values()) {
		const terms = queryTermsForScope(index, stemmed, scope);
		const key = terms.map((t) => `${t.term} ${t.weight} ${t.similarity}`).join('|');
		const group = groups.get(key);
		if (group) group.segments.push(...segments);
		else groups.set(key, { terms, segments });
	}
	// Kept on the raw score so the body bonus still separates entries that both reach 1.
	const top = new TopHits(settings.limit);
	for (const { terms, segments } of groups.values()) rankSegments(index, terms, segments, settings, top);
	return top.hits
		.map((hit) => ({ ...hit, score: Math.min(1, hit.score) }))
		.filter((hit) => hit.score >= settings.minScore);
}
