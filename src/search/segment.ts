import type { Lexicon } from './lexicon.js';
import type { SynonymMap } from './synonyms.js';
import { isStopWord, stem, words } from './text.js';

/** Where a piece of text sits in an entry; questions are the strongest evidence, body text the weakest. */
export type FieldKind = 'question' | 'heading' | 'body';

export interface SearchField {
	kind: FieldKind;
	text: string;
}

/** One answerable thing (an FAQ entry, a paragraph, a fact) and the texts that describe it. */
export interface SearchEntry {
	/** The document the entry belongs to; synonyms and question scoping work per scope. */
	scope: string;
	fields: SearchField[];
}

/**
 * Adds each pair of neighbouring terms as a term of its own ("credit score", "your name"): in
 * word-for-word matching, pairs tell apart questions built from the same few words.
 */
export function withWordPairs(sequence: readonly string[]): string[] {
	const pairs: string[] = [];
	for (let i = 1; i < sequence.length; i++) pairs.push(`${sequence[i - 1]}_${sequence[i]}`);
	return [...sequence, ...pairs];
}

/**
 * Ids and counts as narrow as the segment allows: a document of a few thousand texts fits 16
 * bits, which halves the memory of its postings; so do its term ids and counts while the lexicon
 * has fewer than 65,536 strings.
 */
export type IdArray = Uint16Array | Int32Array;

function idArray(length: number, largestId: number): IdArray {
	return largestId < 0x10000 ? new Uint16Array(length) : new Int32Array(length);
}

/** `values` in an {@link IdArray} as narrow as their largest value allows. */
function narrowFrom(values: ArrayLike<number>): IdArray {
	let largest = 0;
	for (let i = 0; i < values.length; i++) if (values[i]! > largest) largest = values[i]!;
	const array = idArray(values.length, largest);
	array.set(values);
	return array;
}

/** Sorted copy of distinct ids. */
function sortedIds(ids: Iterable<number>): IdArray {
	return narrowFrom(Int32Array.from(ids).sort());
}

/**
 * The inverted index of one run of entries of one scope (in practice: one document), in flat
 * typed arrays. Everything in it depends only on the segment's own texts and synonyms, never on
 * other documents, so a reload can keep the segments of the documents that did not change; the
 * statistics that span documents (idf) live in SearchIndex.
 */
export class IndexSegment {
	readonly scope: string;
	readonly synonyms: SynonymMap;
	readonly entryCount: number;
	/** Local term id -> lexicon id, ascending (terms: stems after synonyms, and word pairs where enabled). */
	readonly termIds: IdArray;
	/** Per term: how many of the segment's entries use it. */
	readonly entryFrequency: IdArray;
	/** Per term: its units are postingUnits[postingStart[t] .. postingStart[t + 1]), ascending. */
	readonly postingStart: IdArray;
	readonly postingUnits: IdArray;
	/** Per unit (one indexed text): its entry, and whether it is body text. */
	readonly unitEntry: IdArray;
	readonly unitIsBody: Uint8Array;
	/** Per entry: how many question and heading texts it has. */
	readonly questionCount: IdArray;
	/** Lexicon ids of the stems before synonyms: what decides whether a question's word is known at all. */
	readonly stemIds: IdArray;
	/** Lexicon ids of the surface words and how often each occurs, for spelling correction. */
	readonly wordIds: IdArray;
	readonly wordCounts: IdArray;

	constructor(builder: SegmentBuilder) {
		this.scope = builder.scope;
		this.synonyms = builder.synonyms;
		this.entryCount = builder.entryCount;
		const { lexicon } = builder;
		// The lexicon numbers new strings in the order they are first asked for: stems, words, terms.
		this.stemIds = sortedIds(new Set(Array.from(builder.stems, (stemmed) => lexicon.id(stemmed))));
		const vocabulary = builder.vocabulary;
		this.wordIds = narrowFrom(Int32Array.from(vocabulary.keys(), (word) => lexicon.id(word)));
		this.wordCounts = narrowFrom(Int32Array.from(vocabulary.values()));
		// Local term ids follow lexicon order, so a lexicon id is found by binary search. Sorted as
		// one number per term, lexicon id and then builder id, rather than as objects.
		const termCount = builder.terms.length;
		const keys = new Float64Array(termCount);
		builder.terms.forEach((term, local) => (keys[local] = lexicon.id(term) * 0x1000000 + local));
		keys.sort();
		const renumber = new Int32Array(termCount);
		const termIds = new Int32Array(termCount);
		const entryFrequency = new Int32Array(termCount);
		keys.forEach((key, sorted) => {
			const local = key % 0x1000000;
			termIds[sorted] = (key - local) / 0x1000000;
			renumber[local] = sorted;
			entryFrequency[sorted] = builder.entryFrequency[local]!;
		});
		this.termIds = narrowFrom(termIds);
		this.entryFrequency = narrowFrom(entryFrequency);

		const unitCount = builder.unitEntries.length;
		this.unitEntry = idArray(unitCount, this.entryCount);
		this.unitEntry.set(builder.unitEntries);
		this.unitIsBody = Uint8Array.from(builder.unitIsBody);
		this.questionCount = idArray(this.entryCount, unitCount);
		for (let unit = 0; unit < unitCount; unit++) {
			if (this.unitIsBody[unit] === 0) this.questionCount[this.unitEntry[unit]!]!++;
		}
		// Postings in compressed-row form: count each term's units, then fill in unit order so
		// every list comes out ascending. Each unit's own list of terms is not kept: the postings
		// hold the same pairs.
		const { unitTerms, unitTermStart } = builder;
		const postingStart = new Int32Array(termCount + 1);
		for (const local of unitTerms) postingStart[renumber[local]! + 1]!++;
		for (let t = 0; t < termCount; t++) postingStart[t + 1]! += postingStart[t]!;
		this.postingStart = narrowFrom(postingStart);
		const fill = postingStart.subarray(0, termCount);
		this.postingUnits = idArray(unitTerms.length, unitCount);
		for (let unit = 0; unit < unitCount; unit++) {
			for (let k = unitTermStart[unit]!; k < unitTermStart[unit + 1]!; k++) {
				this.postingUnits[fill[renumber[unitTerms[k]!]!]!++] = unit;
			}
		}
	}

	get unitCount(): number {
		return this.unitIsBody.length;
	}

	/** The segment's own id for a term (by its lexicon id), or undefined when none of its texts use it. */
	localId(termId: number): number | undefined {
		let low = 0;
		let high = this.termIds.length - 1;
		while (low <= high) {
			const middle = (low + high) >>> 1;
			const id = this.termIds[middle]!;
			if (id === termId) return middle;
			if (id < termId) low = middle + 1;
			else high = middle - 1;
		}
		return undefined;
	}
}

/**
 * The distinct words of one scope's texts, numbered in the order they first occur, with what a
 * segment's build needs to know of each (looked up once per word, not once per occurrence).
 */
class WordTable {
	readonly #ids = new Map<string, number>();
	readonly words: string[] = [];
	readonly stems: string[] = [];
	readonly stopWord: boolean[] = [];
	/** Whether the word's stem is part of no synonym phrase: then its term is its stem, as it stands. */
	readonly plain: boolean[] = [];

	constructor(readonly synonyms: SynonymMap) {}

	id(word: string): number {
		let id = this.#ids.get(word);
		if (id === undefined) {
			id = this.words.length;
			this.#ids.set(word, id);
			this.words.push(word);
			const stemmed = stem(word);
			this.stems.push(stemmed);
			this.stopWord.push(isStopWord(word));
			this.plain.push(!this.synonyms.touches(stemmed));
		}
		return id;
	}
}

/**
 * Collects one segment's units while the texts are read; IndexSegment freezes it into typed
 * arrays. Each text comes as the table ids of its kept words. A text none of whose stems is in a
 * synonym phrase (without word pairs) has its stems as its terms, found through a per-word cache
 * and deduplicated with a per-term mark instead of a set: the usual text allocates nothing.
 */
class SegmentBuilder {
	readonly terms: string[] = [];
	readonly #termIds = new Map<string, number>();
	readonly entryFrequency: number[] = [];
	/** Per term: the last entry that counted it, so an entry counts each term once. */
	readonly #lastEntry: number[] = [];
	/** Per term: the last unit that listed it, so a unit lists each term once. */
	readonly #lastUnit: number[] = [];
	/** Per table word: its stem's term id here, once known (-1 before). */
	readonly #stemTerm: number[] = [];
	/** Per table word: how often this builder counted it. */
	readonly counts: number[] = [];
	readonly unitEntries: number[] = [];
	readonly unitIsBody: number[] = [];
	readonly unitTermStart: number[] = [0];
	readonly unitTerms: number[] = [];
	entryCount = 0;

	constructor(
		readonly scope: string,
		readonly synonyms: SynonymMap,
		readonly lexicon: Lexicon,
		readonly wordPairs: boolean,
		readonly table: WordTable,
	) {}

	/** Stems of the words this builder counted (before synonyms), in table order. */
	get stems(): Set<string> {
		const stems = new Set<string>();
		this.counts.forEach((count, word) => {
			if (count > 0) stems.add(this.table.stems[word]!);
		});
		return stems;
	}

	/** The words this builder counted and how often, in table order. */
	get vocabulary(): Map<string, number> {
		const vocabulary = new Map<string, number>();
		this.counts.forEach((count, word) => {
			if (count > 0) vocabulary.set(this.table.words[word]!, count);
		});
		return vocabulary;
	}

	#termId(term: string): number {
		let id = this.#termIds.get(term);
		if (id === undefined) {
			id = this.terms.length;
			this.terms.push(term);
			this.#termIds.set(term, id);
			this.entryFrequency.push(0);
			this.#lastEntry.push(-1);
			this.#lastUnit.push(-1);
		}
		return id;
	}

	/** Lists term `id` for the unit being added (once), and counts it for `entry` (once). */
	#addTerm(id: number, unit: number, entry: number): void {
		if (this.#lastUnit[id] === unit) return;
		this.#lastUnit[id] = unit;
		if (this.#lastEntry[id] !== entry) {
			this.#lastEntry[id] = entry;
			this.entryFrequency[id]!++;
		}
		this.unitTerms.push(id);
	}

	/** Adds one text, given as the table ids of its kept words; a text without terms adds nothing. */
	addText(entry: number, kind: FieldKind, kept: readonly number[]): void {
		const { table } = this;
		let plain = !this.wordPairs;
		for (const word of kept) {
			this.counts[word] = (this.counts[word] ?? 0) + 1;
			if (!table.plain[word]) plain = false;
		}
		if (kept.length === 0) return;
		const unit = this.unitEntries.length;
		this.unitEntries.push(entry);
		this.unitIsBody.push(kind === 'body' ? 1 : 0);
		if (plain) {
			for (const word of kept) {
				let id = this.#stemTerm[word] ?? -1;
				if (id < 0) this.#stemTerm[word] = id = this.#termId(table.stems[word]!);
				this.#addTerm(id, unit, entry);
			}
		} else {
			const sequence = this.synonyms.apply(
				kept.map((word) => table.stems[word]!),
				kept.map((word) => table.words[word]!),
			);
			for (const term of this.wordPairs ? withWordPairs(sequence) : sequence)
				this.#addTerm(this.#termId(term), unit, entry);
		}
		this.unitTermStart.push(this.unitTerms.length);
	}
}

export interface SegmentOptions {
	synonyms: SynonymMap;
	/** Numbers the segment's strings; segments joined into one index must share it. */
	lexicon: Lexicon;
	/**
	 * Also index neighbouring word pairs in the stop-word index. They tell intents apart ("your
	 * name" / "my name") but triple its size, so they are for intent-style knowledge only.
	 */
	wordPairs: boolean;
}

/**
 * One scope's segments: the content index's (stop words dropped, every text) and the stop-word
 * index's (every word kept, question and heading texts only), for questions made of nothing but
 * stop words ("what's it about?"), which the content index cannot see.
 */
export interface BuiltSegments {
	content: IndexSegment;
	stopWordIndex: IndexSegment;
}

/**
 * Indexes one scope's run of entries. Both segments are built in the same pass, so each text is
 * folded and split into words once.
 */
export function buildSegments(
	scope: string,
	entries: readonly SearchEntry[],
	options: SegmentOptions,
): BuiltSegments {
	const { synonyms, lexicon } = options;
	const table = new WordTable(synonyms);
	const content = new SegmentBuilder(scope, synonyms, lexicon, false, table);
	const stopWordIndex = new SegmentBuilder(scope, synonyms, lexicon, options.wordPairs, table);
	const all: number[] = [];
	const contentWords: number[] = [];
	entries.forEach((entry, entryId) => {
		for (const field of entry.fields) {
			all.length = 0;
			contentWords.length = 0;
			for (const word of words(field.text)) {
				const id = table.id(word);
				all.push(id);
				if (!table.stopWord[id]) contentWords.push(id);
			}
			content.addText(entryId, field.kind, contentWords);
			if (field.kind !== 'body') stopWordIndex.addText(entryId, field.kind, all);
		}
	});
	content.entryCount = entries.length;
	stopWordIndex.entryCount = entries.length;
	return { content: new IndexSegment(content), stopWordIndex: new IndexSegment(stopWordIndex) };
}
