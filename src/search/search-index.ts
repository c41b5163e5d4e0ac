import type { Lexicon } from './lexicon.js';
import { PrefixCompleter } from './prefix.js';
import { buildSegments, type BuiltSegments, type IndexSegment, type SearchEntry } from './segment.js';
import { SpellingCorrector } from './spelling.js';
import { SynonymMap } from './synonyms.js';
import { isQuestionWord, questionGlue } from './text.js';

export { withWordPairs, type FieldKind, type SearchEntry, type SearchField } from './segment.js';

export interface IndexSynonyms {
	global: readonly (readonly string[])[];
	byScope: ReadonlyMap<string, readonly (readonly string[])[]>;
}

export interface IndexOptions {
	/**
	 * True for the stop-word index: every word, stop words included, of question and heading
	 * texts only. It serves the questions that are nothing but stop words ("what's it about?",
	 * "who's in it?"), which the content index cannot see at all, and intent-style knowledge.
	 */
	isStopWordIndex?: boolean;
	/**
	 * Also index neighbouring word pairs in the stop-word index. They tell intents apart ("your
	 * name" / "my name") but triple its size, so they are for intent-style knowledge only.
	 */
	wordPairs?: boolean;
}

/** The two segments of one scope's entries: the content index's and the stop-word index's. */
export type ScopeSegments = BuiltSegments;

/** The synonym groups that apply to a scope: its own first, then the knowledge-wide ones. */
export function scopeSynonymGroups(synonyms: IndexSynonyms, scope: string): (readonly string[])[] {
	return [...(synonyms.byScope.get(scope) ?? []), ...synonyms.global];
}

/** Indexes one scope's entries (both segments), with its synonyms. */
export function indexScope(
	scope: string,
	entries: readonly SearchEntry[],
	synonyms: SynonymMap,
	lexicon: Lexicon,
	options: Pick<IndexOptions, 'wordPairs'> = {},
): ScopeSegments {
	return buildSegments(scope, entries, { synonyms, lexicon, wordPairs: options.wordPairs ?? false });
}

const EMPTY_SYNONYMS = new SynonymMap([]);

/**
 * Inverted index over entry units (one unit per indexed text), made of per-scope segments.
 * Postings narrow a question to the units that share a term with it, so ranking cost follows
 * the question, not the size of the knowledge. Entries and units are numbered across segments
 * in segment order; what spans segments (idf, known words, spelling) is computed here, which is
 * cheap next to indexing the texts, so a reload only indexes the documents that changed.
 */
export class SearchIndex {
	readonly isStopWordIndex: boolean;
	readonly wordPairs: boolean;
	readonly segments: readonly IndexSegment[];
	/** Global id of each segment's first entry and first unit. */
	readonly entryBase: Int32Array;
	readonly unitBase: Int32Array;
	readonly entryCount: number;
	readonly unitCount: number;
	/**
	 * Per unit: the log of the sum of its terms' idf, what a query must cover to match it fully
	 * (a log, because ranking computes similarities in logs).
	 */
	readonly unitLogIdfMass: Float64Array;
	/** Numbers the strings of every segment of this index. */
	readonly lexicon: Lexicon;
	readonly spelling: SpellingCorrector;
	/** The spelling vocabulary (known words and their counts), kept for prefix completion. */
	readonly #vocabulary: ReadonlyMap<string, number>;
	#prefixes: PrefixCompleter | undefined;
	readonly scopes: readonly string[];
	/** The stop-word index over the same entries (of the content index; undefined in itself). */
	readonly stopWordIndex: SearchIndex | undefined;
	/** Per lexicon id: idf (of terms), how many units use it, and whether it is a stem the texts use. */
	readonly #idf: Float64Array;
	readonly #unitFrequency: Int32Array;
	readonly #knownStem: Uint8Array;
	readonly #segmentsByScope = new Map<string, number[]>();

	/** The index over the segments of several scopes, e.g. kept from the previous knowledge and newly built. */
	static fromScopes(
		scopes: readonly ScopeSegments[],
		lexicon: Lexicon,
		options: Pick<IndexOptions, 'wordPairs'> = {},
	): SearchIndex {
		const stopWordIndex = new SearchIndex(
			scopes.map((s) => s.stopWordIndex),
			lexicon,
			{ isStopWordIndex: true, wordPairs: options.wordPairs },
		);
		return new SearchIndex(
			scopes.map((s) => s.content),
			lexicon,
			{},
			stopWordIndex,
		);
	}

	private constructor(
		segments: readonly IndexSegment[],
		lexicon: Lexicon,
		options: IndexOptions,
		stopWordIndex?: SearchIndex,
	) {
		this.lexicon = lexicon;
		this.isStopWordIndex = options.isStopWordIndex ?? false;
		this.wordPairs = this.isStopWordIndex && (options.wordPairs ?? false);
		this.segments = segments;
		this.stopWordIndex = stopWordIndex;
		this.entryBase = new Int32Array(segments.length);
		this.unitBase = new Int32Array(segments.length);
		let entries = 0;
		let units = 0;
		segments.forEach((segment, i) => {
			this.entryBase[i] = entries;
			this.unitBase[i] = units;
			entries += segment.entryCount;
			units += segment.unitCount;
			const list = this.#segmentsByScope.get(segment.scope);
			if (list) list.push(i);
			else this.#segmentsByScope.set(segment.scope, [i]);
		});
		this.entryCount = entries;
		this.unitCount = units;
		this.scopes = [...this.#segmentsByScope.keys()];

		// Entry and unit frequencies add up over segments, whose entries are disjoint.
		const size = lexicon.size;
		const entryFrequency = new Int32Array(size);
		this.#unitFrequency = new Int32Array(size);
		this.#knownStem = new Uint8Array(size);
		const wordCounts = new Int32Array(size);
		for (const segment of segments) {
			const { termIds, postingStart } = segment;
			for (let local = 0; local < termIds.length; local++) {
				entryFrequency[termIds[local]!]! += segment.entryFrequency[local]!;
				this.#unitFrequency[termIds[local]!]! += postingStart[local + 1]! - postingStart[local]!;
			}
			for (const id of segment.stemIds) this.#knownStem[id] = 1;
			segment.wordIds.forEach((id, k) => (wordCounts[id]! += segment.wordCounts[k]!));
		}
		this.#idf = Float64Array.from(entryFrequency, (frequency) => this.#idfFromFrequency(frequency));
		const mass = new Float64Array(units);
		segments.forEach((segment, i) => {
			const unitBase = this.unitBase[i]!;
			const { termIds, postingStart, postingUnits } = segment;
			for (let local = 0; local < termIds.length; local++) {
				const idf = this.#idf[termIds[local]!]!;
				for (let p = postingStart[local]!; p < postingStart[local + 1]!; p++) {
					mass[unitBase + postingUnits[p]!]! += idf;
				}
			}
		});
		this.unitLogIdfMass = mass.map(Math.log);
		const vocabulary = new Map<string, number>();
		wordCounts.forEach((count, id) => {
			if (count > 0) vocabulary.set(lexicon.text(id), count);
		});
		// Question words are weak evidence; they never make a word worth correcting to.
		for (const word of vocabulary.keys()) if (isQuestionWord(word)) vocabulary.delete(word);
		this.spelling = new SpellingCorrector(vocabulary, questionGlue());
		this.#vocabulary = vocabulary;
	}

	#idfFromFrequency(frequency: number): number {
		return Math.max(0.05, Math.log((this.entryCount + 1) / (frequency + 0.5)));
	}

	/** The term's lexicon id if this index's texts use it (the lexicon may hold more: it is shared). */
	termId(term: string): number | undefined {
		const id = this.lexicon.find(term);
		return id !== undefined && id < this.#unitFrequency.length && this.#unitFrequency[id]! > 0
			? id
			: undefined;
	}

	/** Inverse entry frequency; a term the knowledge never uses gets the highest value. */
	idf(term: string): number {
		const id = this.termId(term);
		return id === undefined ? this.#idfFromFrequency(0) : this.#idf[id]!;
	}

	/** The idf of a term no text uses: the largest idf of this index. */
	get largestIdf(): number {
		return this.#idfFromFrequency(0);
	}

	/** True when some indexed text uses the term. */
	has(term: string): boolean {
		return this.termId(term) !== undefined;
	}

	/** How many indexed texts use the term, over all segments. */
	unitFrequency(term: string): number {
		const id = this.termId(term);
		return id === undefined ? 0 : this.#unitFrequency[id]!;
	}

	/** True when some indexed text has a word with this stem (before synonyms). */
	knowsStem(stemmed: string): boolean {
		const id = this.lexicon.find(stemmed);
		return id !== undefined && this.#knownStem[id] === 1;
	}

	/**
	 * Known words by prefix, for autocomplete. Built on first use: only the content index of a
	 * knowledge base large enough for index autocomplete ever needs it.
	 */
	get prefixes(): PrefixCompleter {
		return (this.#prefixes ??= new PrefixCompleter(this.#vocabulary));
	}

	/** Positions in `segments` of a scope's segments; empty for a scope the index does not have. */
	segmentsOf(scope: string): readonly number[] {
		return this.#segmentsByScope.get(scope) ?? [];
	}

	synonymsFor(scope: string): SynonymMap {
		const [first] = this.segmentsOf(scope);
		return first === undefined ? EMPTY_SYNONYMS : this.segments[first]!.synonyms;
	}
}
