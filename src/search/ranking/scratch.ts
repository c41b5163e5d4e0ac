import type { SearchIndex } from '../search-index.js';
import type { QueryTerm } from '../query.js';
import { DEFAULT_RANK_OPTIONS, type RankSettings } from './options.js';
import { scoreBound } from './scoring.js';
import type { TermRole } from './term-roles.js';

/** Most neighbours an entry's score may average; keeps the per-entry scratch space fixed. */
export const MAX_NEIGHBOURS = 5;

/**
 * Accumulators for one index, reused by every question: ranking is synchronous, so two questions
 * never use them at once, and a question allocates almost nothing however large the index.
 * Indexed by a segment's own unit and entry numbers.
 */
export interface Scratch {
	/** Per unit: which of the question's terms it matched (bit i = term i). */
	mask: Int32Array;
	touched: Int32Array;
	/** Per entry: its best similarities (MAX_NEIGHBOURS slots each) and how many are filled. */
	top: Float64Array;
	topCount: Uint8Array;
	bestCoverage: Float64Array;
	bestIsBody: Uint8Array;
	/** Per entry: the log precision of its closest text (exponentiated only for the hits kept). */
	bestLogPrecision: Float64Array;
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
	#settings: RankSettings = DEFAULT_RANK_OPTIONS;

	/** Starts a question (a mask is never 0, so 0 marks an empty slot). */
	reset(query: PreparedQuery, settings: RankSettings): void {
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

export function scratchFor(index: SearchIndex): Scratch {
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
			bestLogPrecision: new Float64Array(entries),
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

/** A question's terms as one group of segments ranks them. */
export interface PreparedQuery {
	terms: readonly QueryTerm[];
	roles: readonly TermRole[];
	/** Per term: idf and query weight, both scaled by the term's spelling similarity. */
	idfs: readonly number[];
	weights: readonly number[];
	totalWeight: number;
	unknownShare: number;
	needTwoTerms: boolean;
}

/** Keeps an entry's best similarities sorted descending, at most `size` of them. */
export function insertTop(s: Scratch, entry: number, value: number, size: number): void {
	const base = entry * MAX_NEIGHBOURS;
	const count = s.topCount[entry]!;
	let i = count;
	while (i > 0 && s.top[base + i - 1]! < value) i--;
	if (i >= size) return;
	for (let k = Math.min(count, size - 1); k > i; k--) s.top[base + k] = s.top[base + k - 1]!;
	s.top[base + i] = value;
	s.topCount[entry] = Math.min(size, count + 1);
}
