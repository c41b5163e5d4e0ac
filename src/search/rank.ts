import type { FieldKind, SearchIndex } from './index.js';
import { isContentless, queryTermsForScope, stemQuestion, type QueryTerm } from './query.js';

export interface RankOptions {
	/**
	 * Match every question against questions word for word, stop words included. For intent-style
	 * knowledge (short utterances, no prose), where "my" and "your" tell intents apart.
	 */
	keepStopWords?: boolean;
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
	/**
	 * Weight of the entry-level match: for each question word, the share of the entry's questions
	 * that use it. Entries with many alternates (intents) are described better by all of them
	 * together than by the single closest one.
	 */
	centroidWeight?: number;
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
	keepStopWords: false,
	limit: 10,
	coverageBalance: 0.65,
	bodyWeight: 0.8,
	bodyBalance: 0.85,
	entryBlend: 0.3,
	neighbours: 1,
	bodyBonus: 0.1,
	centroidWeight: 0,
};

/** Query terms beyond this many (the lightest) are ignored so a matched-term set fits a bit mask. */
const MAX_QUERY_TERMS = 30;
/** A term found in more texts than this share of the index (and this many) is a common term. */
const COMMON_TERM_SHARE = 0.02;
const COMMON_TERM_MIN_UNITS = 500;

interface Scratch {
	weight: Float64Array;
	idf: Float64Array;
	mask: Int32Array;
	touched: Int32Array;
	/** Per entry: how many of its questions contain the current term; the entry-level match so far. */
	entryCount: Int32Array;
	centroid: Float64Array;
	entriesTouched: Int32Array;
}

/** One set of accumulators per index: ranking is synchronous, so questions never share them at once. */
const scratchByIndex = new WeakMap<SearchIndex, Scratch>();

function scratchFor(index: SearchIndex): Scratch {
	let scratch = scratchByIndex.get(index);
	if (!scratch) {
		const size = index.units.length;
		scratch = {
			weight: new Float64Array(size),
			idf: new Float64Array(size),
			mask: new Int32Array(size),
			touched: new Int32Array(size),
			entryCount: new Int32Array(index.entries.length),
			centroid: new Float64Array(index.entries.length),
			entriesTouched: new Int32Array(index.entries.length),
		};
		scratchByIndex.set(index, scratch);
	}
	return scratch;
}

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
	if (index.contentless && (options.keepStopWords || isContentless(question))) {
		return rank(index.contentless, question, options);
	}
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

	// Per unit: weight of the question it matched, idf of its own terms that were matched, terms
	// matched. Typed arrays reused across questions keep this allocation-free on large indexes.
	const scratch = scratchFor(index);
	const {
		weight: matchedWeight,
		idf: matchedIdf,
		mask: matchedMask,
		touched,
		entryCount,
		centroid,
	} = scratch;
	const useCentroid = settings.centroidWeight > 0;
	let touchedCount = 0;
	const scopeNumber = index.scopes.indexOf(scope);
	const commonLimit = Math.max(COMMON_TERM_MIN_UNITS, index.units.length * COMMON_TERM_SHARE);
	terms.forEach((term, bit) => {
		const units = index.postings.get(term.term);
		if (!units) return;
		// A term in a large share of all texts ("how", "what") only adds to texts that a rarer
		// term already matched, so it cannot make the whole index a candidate.
		const onlyScoreCandidates = touchedCount > 0 && units.length > commonLimit;
		const idf = index.idf(term.term);
		const weight = term.weight * term.similarity;
		let termEntries = 0;
		for (const unitId of units) {
			if (index.unitScope[unitId] !== scopeNumber) continue;
			if (matchedMask[unitId] === 0) {
				if (onlyScoreCandidates) continue;
				touched[touchedCount++] = unitId;
			}
			matchedWeight[unitId] = matchedWeight[unitId]! + weight;
			matchedIdf[unitId] = matchedIdf[unitId]! + idf * term.similarity;
			matchedMask[unitId] = matchedMask[unitId]! | (1 << bit);
			if (useCentroid && index.units[unitId]!.kind !== 'body') {
				const entry = index.units[unitId]!.entry;
				if (entryCount[entry] === 0) termEntries = markEntry(scratch, entry, termEntries);
				entryCount[entry] = entryCount[entry]! + 1;
			}
		}
		for (let e = 0; e < termEntries; e++) {
			const entry = scratch.entriesTouched[e]!;
			const share = entryCount[entry]! / Math.max(1, index.questionCount[entry]!);
			centroid[entry] = centroid[entry]! + weight * Math.sqrt(share);
			entryCount[entry] = 0;
		}
	});

	const entries = new Map<number, EntryState>();
	for (let t = 0; t < touchedCount; t++) {
		const unitId = touched[t]!;
		const unit = index.units[unitId]!;
		const coverage = matchedWeight[unitId]! / totalWeight;
		let state = entries.get(unit.entry);
		if (!state) {
			state = { best: [], bestField: unit.kind, bestCoverage: 0, mask: 0, body: 0 };
			entries.set(unit.entry, state);
		}
		const precision = Math.min(1, matchedIdf[unitId]! / unit.idfMass);
		let similarity: number;
		if (unit.kind === 'body') {
			similarity =
				settings.bodyWeight * coverage ** settings.bodyBalance * precision ** (1 - settings.bodyBalance);
			state.body = Math.max(state.body, coverage);
		} else {
			similarity = coverage ** settings.coverageBalance * precision ** (1 - settings.coverageBalance);
		}
		state.mask |= matchedMask[unitId]!;
		if (state.best.length === 0 || similarity > state.best[0]!) {
			state.bestField = unit.kind;
			state.bestCoverage = coverage;
		}
		insertTop(state.best, similarity, settings.neighbours);
	}

	for (let t = 0; t < touchedCount; t++) {
		const unitId = touched[t]!;
		matchedWeight[unitId] = 0;
		matchedIdf[unitId] = 0;
		matchedMask[unitId] = 0;
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
		let score = best + settings.entryBlend * spread + settings.bodyBonus * state.body;
		if (useCentroid) {
			score =
				(1 - settings.centroidWeight) * score + (settings.centroidWeight * centroid[entry]!) / totalWeight;
			centroid[entry] = 0;
		}
		hits.push({ entry, score, coverage, matchedField: state.bestField, unknownShare });
	}
	return hits;
}

/** Records that the current term matched `entry`; returns the new count of such entries. */
function markEntry(scratch: Scratch, entry: number, count: number): number {
	scratch.entriesTouched[count] = entry;
	return count + 1;
}

/** Keeps `top` sorted descending with at most `size` values. */
function insertTop(top: number[], value: number, size: number): void {
	let i = top.length;
	while (i > 0 && top[i - 1]! < value) i--;
	if (i >= size) return;
	top.splice(i, 0, value);
	if (top.length > size) top.pop();
}
