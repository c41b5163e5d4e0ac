import type { SearchIndex } from '../search-index.js';
import type { QueryTerm } from '../query.js';
import type { RankSettings } from './options.js';
import { insertTop, MAX_NEIGHBOURS, scratchFor, type PreparedQuery } from './scratch.js';
import { entryScore, scoreBound, textSimilarity } from './scoring.js';
import { COMMON_TERM_MIN_UNITS, COMMON_TERM_SHARE, TermRole, termRoles } from './term-roles.js';
import type { TopHits } from './top-hits.js';

/*
 * The candidate-collection loop: postings narrow the question to the texts that share a term
 * with it, one segment at a time; each text is scored (./scoring.ts), each entry from its texts,
 * and entries that cannot reach the top hits are skipped. It only coordinates; what a score
 * means is decided in ./scoring.ts.
 */

/** Query terms beyond this many (the lightest) are ignored so a matched-term set fits a bit mask. */
const MAX_QUERY_TERMS = 30;

/** Ranks the entries of the given segments against one set of terms. */
export function rankSegments(
	index: SearchIndex,
	allTerms: QueryTerm[],
	segments: readonly number[],
	settings: RankSettings,
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
	// segment without a term that brings candidates has nothing to rank. Each segment's own ids
	// for the terms go into one array for all segments (100k entries are 400 segments: an array
	// and an object for each, every question, were most of what a question allocated).
	const termIds = terms.map((term) => index.termId(term.term) ?? -1);
	const termCount = terms.length;
	const locals = new Int32Array(segments.length * termCount);
	const bounds = new Float64Array(segments.length);
	const plans: number[] = [];
	segments.forEach((n, i) => {
		const segment = index.segments[n]!;
		let candidates = false;
		let reachable = 0;
		for (let bit = 0; bit < termCount; bit++) {
			const local = roles[bit] === TermRole.Skip ? -1 : (segment.localId(termIds[bit]!) ?? -1);
			locals[i * termCount + bit] = local;
			if (local < 0) continue;
			reachable += query.weights[bit]!;
			if (roles[bit] === TermRole.Candidates) candidates = true;
		}
		if (!candidates) return;
		bounds[i] = scoreBound(reachable / totalWeight, settings);
		plans.push(i);
	});
	// Most promising segments first, so the top hits fill early and prune the rest.
	plans.sort((a, b) => bounds[b]! - bounds[a]! || segments[a]! - segments[b]!);
	for (const i of plans) {
		if (bounds[i]! < Math.max(top.floor(), settings.minScore)) break;
		rankSegment(index, segments[i]!, locals, i * termCount, query, settings, top);
	}
}

/** Scores one segment's texts and entries and offers its entries to `top`. */
function rankSegment(
	index: SearchIndex,
	n: number,
	/**
	 * Per term, from `offset` on: its id in this segment, -1 when the segment lacks it or the term
	 * is skipped.
	 */
	locals: Int32Array,
	offset: number,
	query: PreparedQuery,
	settings: RankSettings,
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
		const local = locals[offset + bit]!;
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
		const isBody = segment.unitIsBody[unitId] === 1;
		const similarity = isBody
			? textSimilarity(logCoverage, logPrecision, settings.bodyBalance, settings.bodyWeight)
			: textSimilarity(logCoverage, logPrecision, settings.coverageBalance, 1);
		if (isBody) s.body[entry] = Math.max(s.body[entry]!, coverage);
		if (s.topCount[entry] === 0 || similarity > s.top[entry * MAX_NEIGHBOURS]!) {
			s.bestCoverage[entry] = coverage;
			s.bestIsBody[entry] = segment.unitIsBody[unitId]!;
			s.bestLogPrecision[entry] = logPrecision;
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
		const score = entryScore(
			best,
			coverage,
			s.bestCoverage[entry]!,
			s.body[entry]!,
			s.centroid[entry]! / totalWeight,
			settings,
		);
		if (top.accepts(score, entryBase + entry)) {
			top.add({
				entry: entryBase + entry,
				score,
				coverage,
				unknownShare,
				terms,
				matchedMask: s.entryMask[entry]!,
				bestFromBody: s.bestIsBody[entry] === 1,
				precision: Math.exp(s.bestLogPrecision[entry]!),
			});
		}
		s.topCount[entry] = 0;
		s.entryMask[entry] = 0;
		s.body[entry] = 0;
		s.centroid[entry] = 0;
	}
}
