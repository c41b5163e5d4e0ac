import type { SearchIndex } from './index.js';
import {
	analyseQuestion,
	indexedWords,
	queryTermsForScope,
	type AnalysedQuestion,
	type QueryTerm,
} from './query.js';

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
	 * Only hits scoring at least this are returned. A question whose best possible score is
	 * lower (its only known word is a common one, say) is not ranked at all, which is what keeps
	 * such questions fast on a large knowledge base.
	 */
	minScore?: number;
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

export const DEFAULT_RANK_OPTIONS: Required<Omit<RankOptions, 'scopes'>> = {
	keepStopWords: false,
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

/** Query terms beyond this many (the lightest) are ignored so a matched-term set fits a bit mask. */
const MAX_QUERY_TERMS = 30;
/** A term found in more texts than this share of the index (and this many) is a common term. */
const COMMON_TERM_SHARE = 0.02;
const COMMON_TERM_MIN_UNITS = 500;

/** Most neighbours an entry's score may average; keeps the per-entry scratch space fixed. */
const MAX_NEIGHBOURS = 5;

/**
 * Accumulators for one index, reused by every question: ranking is synchronous, so two questions
 * never use them at once, and a question allocates almost nothing however large the index.
 * Indexed by a segment's own unit and entry numbers.
 */
interface Scratch {
	/** Per unit: which of the question's terms it matched (bit i = term i). */
	mask: Int32Array;
	touched: Int32Array;
	/** Per entry: its best similarities (MAX_NEIGHBOURS slots each) and how many are filled. */
	top: Float64Array;
	topCount: Uint8Array;
	bestCoverage: Float64Array;
	bestIsBody: Uint8Array;
	bestPrecision: Float64Array;
	entryMask: Int32Array;
	body: Float64Array;
	entriesTouched: Int32Array;
	/** Per entry: how many of its questions contain the current term; the entry-level match so far. */
	termCount: Int32Array;
	termEntries: Int32Array;
	centroid: Float64Array;
	/** Per entry: whether it cannot reach the top hits. */
	skipped: Uint8Array;
	matched: MatchedTerms;
}

/** Slots of the MatchedTerms cache; a question rarely produces more than a few dozen term sets. */
const MATCHED_SLOTS = 1024;

/**
 * What a text's or an entry's score takes from the set of question terms it matched: the share of
 * the question's weight (coverage), the idf it matched, and the best score that set allows. A
 * question produces few distinct sets, so these are computed once per set (direct-mapped cache)
 * instead of once per text, and the sums are made in term order, exactly as accumulating them
 * per text would.
 */
class MatchedTerms {
	readonly #keys = new Int32Array(MATCHED_SLOTS);
	readonly coverage = new Float64Array(MATCHED_SLOTS);
	readonly logCoverage = new Float64Array(MATCHED_SLOTS);
	readonly logIdf = new Float64Array(MATCHED_SLOTS);
	readonly bound = new Float64Array(MATCHED_SLOTS);
	#query: PreparedQuery | undefined;
	#settings: typeof DEFAULT_RANK_OPTIONS = DEFAULT_RANK_OPTIONS;

	/** Starts a question (a mask is never 0, so 0 marks an empty slot). */
	reset(query: PreparedQuery, settings: typeof DEFAULT_RANK_OPTIONS): void {
		if (this.#query === query) return;
		this.#query = query;
		this.#settings = settings;
		this.#keys.fill(0);
	}

	/** The slot holding the figures of a set of matched terms. */
	slot(mask: number): number {
		const slot = (mask ^ (mask >>> 10) ^ (mask >>> 20)) & (MATCHED_SLOTS - 1);
		if (this.#keys[slot] === mask) return slot;
		const { weights, idfs, totalWeight } = this.#query!;
		let covered = 0;
		let idf = 0;
		for (let bit = 0; bit < weights.length; bit++) {
			if (mask & (1 << bit)) {
				covered += weights[bit]!;
				idf += idfs[bit]!;
			}
		}
		this.#keys[slot] = mask;
		this.coverage[slot] = covered / totalWeight;
		this.logCoverage[slot] = Math.log(covered / totalWeight);
		this.logIdf[slot] = Math.log(idf);
		this.bound[slot] = scoreBound(covered / totalWeight, this.#settings);
		return slot;
	}
}

const scratchByIndex = new WeakMap<SearchIndex, Scratch>();

function scratchFor(index: SearchIndex): Scratch {
	let scratch = scratchByIndex.get(index);
	if (!scratch) {
		// Ranking goes one segment at a time, so scratch space for the largest segment is enough.
		let units = 0;
		let entries = 0;
		for (const segment of index.segments) {
			units = Math.max(units, segment.unitCount);
			entries = Math.max(entries, segment.entryCount);
		}
		scratch = {
			mask: new Int32Array(units),
			touched: new Int32Array(units),
			top: new Float64Array(entries * MAX_NEIGHBOURS),
			topCount: new Uint8Array(entries),
			bestCoverage: new Float64Array(entries),
			bestIsBody: new Uint8Array(entries),
			bestPrecision: new Float64Array(entries),
			entryMask: new Int32Array(entries),
			body: new Float64Array(entries),
			entriesTouched: new Int32Array(entries),
			termCount: new Int32Array(entries),
			termEntries: new Int32Array(entries),
			centroid: new Float64Array(entries),
			skipped: new Uint8Array(entries),
			matched: new MatchedTerms(),
		};
		scratchByIndex.set(index, scratch);
	}
	return scratch;
}

/** Keeps the best `limit` hits, best first, ties broken by entry order (determinism). */
class TopHits {
	readonly hits: Hit[] = [];
	constructor(private readonly limit: number) {}

	/** The score an entry must beat to enter (ties go to the lower entry number); -Infinity until full. */
	floor(): number {
		return this.hits.length === this.limit ? this.hits[this.limit - 1]!.score : -Infinity;
	}

	/** False when a hit with this score could not enter: lets the caller skip building it. */
	accepts(score: number, entry: number): boolean {
		const last = this.hits.length === this.limit ? this.hits[this.limit - 1] : undefined;
		return last === undefined || score > last.score || (score === last.score && entry < last.entry);
	}

	add(hit: Hit): void {
		const { hits } = this;
		if (!this.accepts(hit.score, hit.entry)) return;
		let i = hits.length;
		while (i > 0 && better(hit, hits[i - 1]!)) i--;
		hits.splice(i, 0, hit);
		if (hits.length > this.limit) hits.pop();
	}
}

function better(a: Hit, b: Hit): boolean {
	return a.score > b.score || (a.score === b.score && a.entry < b.entry);
}

/** Ranks the index's entries against a question; deterministic for the same index and question. */
export function rank(
	index: SearchIndex,
	question: string | AnalysedQuestion,
	options: RankOptions = {},
): Hit[] {
	const analysed = typeof question === 'string' ? analyseQuestion(index, question) : question;
	// Stop words are all such a question has, so it is matched, word for word, against questions.
	if (index.contentless && (options.keepStopWords || analysed.contentless)) {
		return rank(index.contentless, analysed, options);
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

/**
 * The highest score an entry can reach when it matches `coverage` of the question's weight:
 * every part of the score grows with coverage and precision, so full precision bounds it.
 */
function scoreBound(coverage: number, settings: typeof DEFAULT_RANK_OPTIONS): number {
	const best = Math.max(
		coverage ** settings.coverageBalance,
		settings.bodyWeight * coverage ** settings.bodyBalance,
	);
	// The centroid share is at most `coverage`, which is below `best`, so it cannot raise the bound.
	return best + (settings.entryBlend + settings.bodyBonus) * coverage;
}

/** How a query term takes part in ranking. */
const enum TermRole {
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
function termRoles(
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
		const addsOnly = common && (anyCandidates || (term.questionWord && !index.keepStopWords));
		if (addsOnly) return anyCandidates ? TermRole.AddsOnly : TermRole.Skip;
		const id = index.termId(term.term)!;
		anyCandidates ||= segments.some((n) => index.segments[n]!.localId(id) !== undefined);
		return TermRole.Candidates;
	});
}

/** Ranks the entries of the given segments against one set of terms. */
function rankSegments(
	index: SearchIndex,
	allTerms: QueryTerm[],
	segments: readonly number[],
	settings: typeof DEFAULT_RANK_OPTIONS,
	top: TopHits,
): void {
	const terms = allTerms.slice(0, MAX_QUERY_TERMS);
	const totalWeight = terms.reduce((sum, t) => sum + t.weight, 0);
	if (totalWeight === 0) return;
	const unknownShare = terms.reduce((sum, t) => sum + (t.unknown ? t.weight : 0), 0) / totalWeight;
	const commonLimit = Math.max(COMMON_TERM_MIN_UNITS, index.unitCount * COMMON_TERM_SHARE);
	const roles = termRoles(index, terms, segments, commonLimit);
	// When even the rarest word of a several-word question is common ("reset password" in a
	// large game FAQ), only texts sharing at least two of its words are scored: a text with one
	// common word cannot cover enough of the question to matter, and scoring them all is slow.
	const known = terms.filter((t) => index.has(t.term));
	const needTwoTerms = known.length >= 2 && index.unitFrequency(known[0]!.term) > commonLimit;
	const query: PreparedQuery = {
		terms,
		roles,
		idfs: terms.map((term) => index.idf(term.term) * term.similarity),
		weights: terms.map((term) => term.weight * term.similarity),
		totalWeight,
		unknownShare,
		needTwoTerms,
	};
	// What each segment can reach at best: the weight of the question's terms it has at all. A
	// segment without a term that brings candidates has nothing to rank.
	const termIds = terms.map((term) => index.termId(term.term) ?? -1);
	const plans = segments.flatMap((n) => {
		const locals = termIds.map((id, bit) =>
			roles[bit] === TermRole.Skip ? -1 : (index.segments[n]!.localId(id) ?? -1),
		);
		if (!locals.some((local, bit) => local >= 0 && roles[bit] === TermRole.Candidates)) return [];
		const reachable = locals.reduce((sum, local, bit) => sum + (local >= 0 ? query.weights[bit]! : 0), 0);
		return [{ n, locals, bound: scoreBound(reachable / totalWeight, settings) }];
	});
	// Most promising segments first, so the top hits fill early and prune the rest.
	plans.sort((a, b) => b.bound - a.bound || a.n - b.n);
	for (const { n, locals, bound } of plans) {
		if (bound < Math.max(top.floor(), settings.minScore)) break;
		rankSegment(index, n, locals, query, settings, top);
	}
}

interface PreparedQuery {
	terms: readonly QueryTerm[];
	roles: readonly TermRole[];
	/** Per term: idf and query weight, both scaled by the term's spelling similarity. */
	idfs: readonly number[];
	weights: readonly number[];
	totalWeight: number;
	unknownShare: number;
	needTwoTerms: boolean;
}

/** Scores one segment's texts and entries and offers its entries to `top`. */
function rankSegment(
	index: SearchIndex,
	n: number,
	/** Per term: its id in this segment, -1 when the segment lacks it or the term is skipped. */
	locals: readonly number[],
	query: PreparedQuery,
	settings: typeof DEFAULT_RANK_OPTIONS,
	top: TopHits,
): void {
	const { terms, roles, weights, totalWeight, unknownShare, needTwoTerms } = query;
	const segment = index.segments[n]!;
	const unitBase = index.unitBase[n]!;
	const entryBase = index.entryBase[n]!;
	const neighbours = Math.min(MAX_NEIGHBOURS, Math.max(1, Math.round(settings.neighbours)));
	const s = scratchFor(index);
	const matched = s.matched;
	matched.reset(query, settings);
	const useCentroid = settings.centroidWeight > 0;
	let touchedCount = 0;

	for (let bit = 0; bit < terms.length; bit++) {
		const local = locals[bit]!;
		if (local < 0) continue;
		const addsOnly = roles[bit] === TermRole.AddsOnly;
		if (addsOnly && touchedCount === 0) continue;
		const weight = weights[bit]!;
		const flag = 1 << bit;
		let termEntries = 0;
		const end = segment.postingStart[local + 1]!;
		for (let p = segment.postingStart[local]!; p < end; p++) {
			const unitId = segment.postingUnits[p]!;
			if (s.mask[unitId] === 0) {
				if (addsOnly) continue;
				s.touched[touchedCount++] = unitId;
			}
			s.mask[unitId]! |= flag;
			if (useCentroid && segment.unitIsBody[unitId] === 0) {
				const entry = segment.unitEntry[unitId]!;
				if (s.termCount[entry] === 0) s.termEntries[termEntries++] = entry;
				s.termCount[entry]!++;
			}
		}
		for (let e = 0; e < termEntries; e++) {
			const entry = s.termEntries[e]!;
			const share = s.termCount[entry]! / Math.max(1, segment.questionCount[entry]!);
			s.centroid[entry] = s.centroid[entry]! + weight * Math.sqrt(share);
			s.termCount[entry] = 0;
		}
	}

	// Which entries the candidate texts belong to, and which of the question's terms each matched.
	let entryCount = 0;
	for (let t = 0; t < touchedCount; t++) {
		const unitId = s.touched[t]!;
		const mask = s.mask[unitId]!;
		if (needTwoTerms && (mask & (mask - 1)) === 0) {
			s.mask[unitId] = 0;
			continue;
		}
		const entry = segment.unitEntry[unitId]!;
		if (s.entryMask[entry] === 0) s.entriesTouched[entryCount++] = entry;
		s.entryMask[entry]! |= mask;
	}
	// An entry that could not enter the top hits even if each of its texts matched with full
	// precision is not scored at all: what keeps questions made of common words fast.
	const floor = Math.max(top.floor(), settings.minScore);
	for (let e = 0; e < entryCount; e++) {
		const entry = s.entriesTouched[e]!;
		s.skipped[entry] = matched.bound[matched.slot(s.entryMask[entry]!)]! < floor ? 1 : 0;
	}

	// Similarity = coverage^balance x precision^(1 - balance), computed in logs: the coverage
	// part is per set of matched terms, the precision part needs the text's own idf mass.
	const a = settings.coverageBalance;
	const bodyA = settings.bodyBalance;
	for (let t = 0; t < touchedCount; t++) {
		const unitId = s.touched[t]!;
		const mask = s.mask[unitId]!;
		if (mask === 0) continue;
		s.mask[unitId] = 0;
		const entry = segment.unitEntry[unitId]!;
		if (s.skipped[entry] === 1) continue;
		const slot = matched.slot(mask);
		const coverage = matched.coverage[slot]!;
		const logCoverage = matched.logCoverage[slot]!;
		const logPrecision = Math.min(0, matched.logIdf[slot]! - index.unitLogIdfMass[unitBase + unitId]!);
		let similarity: number;
		if (segment.unitIsBody[unitId] === 1) {
			similarity = settings.bodyWeight * Math.exp(bodyA * logCoverage + (1 - bodyA) * logPrecision);
			s.body[entry] = Math.max(s.body[entry]!, coverage);
		} else {
			similarity = Math.exp(a * logCoverage + (1 - a) * logPrecision);
		}
		if (s.topCount[entry] === 0 || similarity > s.top[entry * MAX_NEIGHBOURS]!) {
			s.bestCoverage[entry] = coverage;
			s.bestIsBody[entry] = segment.unitIsBody[unitId]!;
			s.bestPrecision[entry] = Math.exp(logPrecision);
		}
		insertTop(s, entry, similarity, neighbours);
	}

	for (let e = 0; e < entryCount; e++) {
		const entry = s.entriesTouched[e]!;
		if (s.skipped[entry] === 1) {
			s.entryMask[entry] = 0;
			s.centroid[entry] = 0;
			s.skipped[entry] = 0;
			continue;
		}
		const coverage = matched.coverage[matched.slot(s.entryMask[entry]!)]!;
		let best = 0;
		for (let k = 0; k < s.topCount[entry]!; k++) best += s.top[entry * MAX_NEIGHBOURS + k]!;
		best /= neighbours;
		const spread = Math.max(0, coverage - s.bestCoverage[entry]!);
		let score = best + settings.entryBlend * spread + settings.bodyBonus * s.body[entry]!;
		if (useCentroid)
			score =
				(1 - settings.centroidWeight) * score + (settings.centroidWeight * s.centroid[entry]!) / totalWeight;
		if (top.accepts(score, entryBase + entry)) {
			top.add({
				entry: entryBase + entry,
				score,
				coverage,
				unknownShare,
				terms,
				matchedMask: s.entryMask[entry]!,
				bestFromBody: s.bestIsBody[entry] === 1,
				precision: s.bestPrecision[entry]!,
			});
		}
		s.topCount[entry] = 0;
		s.entryMask[entry] = 0;
		s.body[entry] = 0;
		s.centroid[entry] = 0;
	}
}

/** Keeps an entry's best similarities sorted descending, at most `size` of them. */
function insertTop(s: Scratch, entry: number, value: number, size: number): void {
	const base = entry * MAX_NEIGHBOURS;
	const count = s.topCount[entry]!;
	let i = count;
	while (i > 0 && s.top[base + i - 1]! < value) i--;
	if (i >= size) return;
	for (let k = Math.min(count, size - 1); k > i; k--) s.top[base + k] = s.top[base + k - 1]!;
	s.top[base + i] = value;
	s.topCount[entry] = Math.min(size, count + 1);
}
