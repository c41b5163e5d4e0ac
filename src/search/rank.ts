import type { FieldKind, SearchIndex } from './index.js';
import { isContentless, queryTermsForScope, stemQuestion, type QueryTerm } from './query.js';

export interface RankOptions {
	/** Only rank entries of these scopes (documents). */
	scopes?: readonly string[];
	/** How many hits to return. */
	limit?: number;
	/**
	 * Balance between how much of the question a text covers (1) and how much of the text the
	 * question covers (0), for question and heading texts.
	 */
	coverageBalance?: number;
	/** How much body text counts against a question or heading that matches as well. */
	bodyWeight?: number;
	/**
	 * coverageBalance for body text: near 1, because a paragraph is much longer than a question,
	 * but below 1 so a focused passage beats a long one that mentions the same words in passing.
	 */
	bodyBalance?: number;
	/**
	 * How much of the question an entry covers beyond its best text (a heading naming one word, the
	 * paragraph the other) adds to the best text's similarity.
	 */
	entryBlend?: number;
	/** Average the best this many texts of an entry (1 = best only); helps entries with many alternates. */
	neighbours?: number;
	/**
	 * Weight of the entry's body text alone. Small: it mostly decides between paragraphs of one
	 * section, which share the section's heading and alternates.
	 */
	bodyBonus?: number;
}

export interface Hit {
	entry: number;
	/** 0..1 */
	score: number;
	/** Share of the question's weight that the entry matched, 0..1. */
	coverage: number;
	/** Kind of the entry's best-matching text. */
	matchedField: FieldKind;
	/** Share of the question's weight carried by words the knowledge does not use at all. */
	unknownShare: number;
}

export const DEFAULT_RANK_OPTIONS: Required<Omit<RankOptions, 'scopes'>> = {
	limit: 10,
	coverageBalance: 0.65,
	bodyWeight: 0.8,
	bodyBalance: 0.85,
	entryBlend: 0.3,
	neighbours: 1,
	bodyBonus: 0.1,
};

/** Query terms beyond this many (the lightest) are ignored so a matched-term set fits a bit mask. */
const MAX_QUERY_TERMS = 30;

interface EntryState {
	best: number[];
	bestField: FieldKind;
	/** Coverage of the question by the best text alone. */
	bestCoverage: number;
	mask: number;
	body: number;
}

/** Ranks the index's entries against a question; deterministic for the same index and question. */
export function rank(index: SearchIndex, question: string, options: RankOptions = {}): Hit[] {
	// Stop words are all such a question has, so it is matched, word for word, against questions.
	if (index.contentless && isContentless(question)) return rank(index.contentless, question, options);
	const settings = { ...DEFAULT_RANK_OPTIONS, ...options };
	const stemmed = stemQuestion(index, question);
	if (stemmed.length === 0) return [];
	const scopes = options.scopes ?? index.scopes;
	const hits: Hit[] = [];
	for (const scope of scopes)
		hits.push(...rankScope(index, queryTermsForScope(index, stemmed, scope), scope, settings));
	// Sort on the raw score so the body bonus still separates entries that both reach 1.
	hits.sort((a, b) => b.score - a.score || a.entry - b.entry);
	return hits.slice(0, settings.limit).map((hit) => ({ ...hit, score: Math.min(1, hit.score) }));
}

function rankScope(
	index: SearchIndex,
	allTerms: QueryTerm[],
	scope: string,
	settings: typeof DEFAULT_RANK_OPTIONS,
): Hit[] {
	const terms = allTerms.slice(0, MAX_QUERY_TERMS);
	const totalWeight = terms.reduce((sum, t) => sum + t.weight, 0);
	if (totalWeight === 0) return [];
	const unknownShare = terms.reduce((sum, t) => sum + (t.unknown ? t.weight : 0), 0) / totalWeight;

	// Per unit: weight of the question it matched, idf of its own terms that were matched, terms matched.
	const matchedWeight = new Map<number, number>();
	const matchedIdf = new Map<number, number>();
	const matchedMask = new Map<number, number>();
	terms.forEach((term, bit) => {
		const units = index.postings.get(term.term);
		if (!units) return;
		const idf = index.idf(term.term);
		for (const unitId of units) {
			const unit = index.units[unitId];
			if (!unit || index.entries[unit.entry]?.scope !== scope) continue;
			matchedWeight.set(unitId, (matchedWeight.get(unitId) ?? 0) + term.weight * term.similarity);
			matchedIdf.set(unitId, (matchedIdf.get(unitId) ?? 0) + idf * term.similarity);
			matchedMask.set(unitId, (matchedMask.get(unitId) ?? 0) | (1 << bit));
		}
	});

	const entries = new Map<number, EntryState>();
	for (const [unitId, weight] of matchedWeight) {
		const unit = index.units[unitId]!;
		const coverage = weight / totalWeight;
		let state = entries.get(unit.entry);
		if (!state) {
			state = { best: [], bestField: unit.kind, bestCoverage: 0, mask: 0, body: 0 };
			entries.set(unit.entry, state);
		}
		const precision = Math.min(1, (matchedIdf.get(unitId) ?? 0) / unit.idfMass);
		let similarity: number;
		if (unit.kind === 'body') {
			similarity =
				settings.bodyWeight * coverage ** settings.bodyBalance * precision ** (1 - settings.bodyBalance);
			state.body = Math.max(state.body, coverage);
		} else {
			similarity = coverage ** settings.coverageBalance * precision ** (1 - settings.coverageBalance);
		}
		state.mask |= matchedMask.get(unitId) ?? 0;
		if (state.best.length === 0 || similarity > state.best[0]!) {
			state.bestField = unit.kind;
			state.bestCoverage = coverage;
		}
		insertTop(state.best, similarity, settings.neighbours);
	}

	const hits: Hit[] = [];
	for (const [entry, state] of entries) {
		let covered = 0;
		terms.forEach((term, bit) => {
			if (state.mask & (1 << bit)) covered += term.weight * term.similarity;
		});
		const coverage = covered / totalWeight;
		const best = state.best.reduce((sum, s) => sum + s, 0) / settings.neighbours;
		const spread = Math.max(0, coverage - state.bestCoverage);
		const score = best + settings.entryBlend * spread + settings.bodyBonus * state.body;
		hits.push({ entry, score, coverage, matchedField: state.bestField, unknownShare });
	}
	return hits;
}

/** Keeps `top` sorted descending with at most `size` values. */
function insertTop(top: number[], value: number, size: number): void {
	let i = top.length;
	while (i > 0 && top[i - 1]! < value) i--;
	if (i >= size) return;
	top.splice(i, 0, value);
	if (top.length > size) top.pop();
}
