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
 * Local ids as narrow as the segment allows: a document of a few thousand texts fits 16 bits,
 * which halves the memory of its postings.
 */
export type IdArray = Uint16Array | Int32Array;

function idArray(length: number, largestId: number): IdArray {
	return largestId < 0x10000 ? new Uint16Array(length) : new Int32Array(length);
}

/** Sorted copy of distinct ids. */
function sortedIds(ids: Iterable<number>): Int32Array {
	return Int32Array.from(ids).sort();
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
	readonly termIds: Int32Array;
	/** Per term: how many of the segment's entries use it. */
	readonly entryFrequency: Int32Array;
	/** Per term: its units are postingUnits[postingStart[t] .. postingStart[t + 1]), ascending. */
	readonly postingStart: Int32Array;
	readonly postingUnits: IdArray;
	/** Per unit (one indexed text): its entry, and whether it is body text. */
	readonly unitEntry: IdArray;
	readonly unitIsBody: Uint8Array;
	/** Per entry: how many question and heading texts it has. */
	readonly questionCount: Int32Array;
	/** Lexicon ids of the stems before synonyms: what decides whether a question's word is known at all. */
	readonly stemIds: Int32Array;
	/** Lexicon ids of the surface words and how often each occurs, for spelling correction. */
	readonly wordIds: Int32Array;
	readonly wordCounts: Int32Array;

	constructor(builder: SegmentBuilder) {
		this.scope = builder.scope;
		this.synonyms = builder.synonyms;
		this.entryCount = builder.entryCount;
		const { lexicon } = builder;
		this.stemIds = sortedIds(new Set([...builder.stems].map((stemmed) => lexicon.id(stemmed))));
		const vocabulary = builder.vocabulary;
		this.wordIds = Int32Array.from(vocabulary.keys(), (word) => lexicon.id(word));
		this.wordCounts = Int32Array.from(vocabulary.values());
		// Local term ids follow lexicon order, so a lexicon id is found by binary search.
		const termCount = builder.terms.length;
		const byLexicon = builder.terms
			.map((term, local) => ({ id: lexicon.id(term), local }))
			.sort((a, b) => a.id - b.id);
		this.termIds = Int32Array.from(byLexicon, (term) => term.id);
		const renumber = new Int32Array(termCount);
		byLexicon.forEach((term, sorted) => (renumber[term.local] = sorted));
		this.entryFrequency = new Int32Array(termCount);
		builder.entryFrequency.forEach((frequency, local) => (this.entryFrequency[renumber[local]!] = frequency));

		const unitCount = builder.unitEntries.length;
		this.unitEntry = idArray(unitCount, this.entryCount);
		this.unitEntry.set(builder.unitEntries);
		this.unitIsBody = Uint8Array.from(builder.unitIsBody);
		this.questionCount = new Int32Array(this.entryCount);
		for (let unit = 0; unit < unitCount; unit++) {
			if (this.unitIsBody[unit] === 0) this.questionCount[this.unitEntry[unit]!]!++;
		}
		// Postings in compressed-row form: count each term's units, then fill in unit order so
		// every list comes out ascending. Each unit's own list of terms is not kept: the postings
		// hold the same pairs.
		const { unitTerms, unitTermStart } = builder;
		this.postingStart = new Int32Array(termCount + 1);
		for (const local of unitTerms) this.postingStart[renumber[local]! + 1]!++;
		for (let t = 0; t < termCount; t++) this.postingStart[t + 1]! += this.postingStart[t]!;
		const fill = this.postingStart.slice(0, termCount);
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

/** Collects one segment's units while the texts are read; IndexSegment freezes it into typed arrays. */
class SegmentBuilder {
	readonly terms: string[] = [];
	readonly #termIds = new Map<string, number>();
	readonly entryFrequency: number[] = [];
	/** Per term: the last entry that counted it, so an entry counts each term once. */
	readonly #lastEntry: number[] = [];
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
		/** This builder's slot in WordInfo.counts. */
		readonly slot: number,
		readonly words: ReadonlyMap<string, WordInfo>,
	) {}

	/** Stems of the words this builder counted (before synonyms). */
	get stems(): Set<string> {
		const stems = new Set<string>();
		for (const info of this.words.values()) if (info.counts[this.slot]! > 0) stems.add(info.stem);
		return stems;
	}

	/** The words this builder counted and how often. */
	get vocabulary(): Map<string, number> {
		const vocabulary = new Map<string, number>();
		for (const [word, info] of this.words) {
			if (info.counts[this.slot]! > 0) vocabulary.set(word, info.counts[this.slot]!);
		}
		return vocabulary;
	}

	/** Adds one text, given as its kept words; a text without terms adds nothing. */
	addText(entry: number, kind: FieldKind, kept: readonly WordInfo[]): void {
		const stems: string[] = [];
		for (const info of kept) {
			info.counts[this.slot]!++;
			stems.push(info.stem);
		}
		const sequence = this.synonyms.apply(stems);
		const unitTerms = new Set(this.wordPairs ? withWordPairs(sequence) : sequence);
		if (unitTerms.size === 0) return;
		this.unitEntries.push(entry);
		this.unitIsBody.push(kind === 'body' ? 1 : 0);
		for (const term of unitTerms) {
			let id = this.#termIds.get(term);
			if (id === undefined) {
				id = this.terms.length;
				this.terms.push(term);
				this.#termIds.set(term, id);
				this.entryFrequency.push(0);
				this.#lastEntry.push(-1);
			}
			if (this.#lastEntry[id] !== entry) {
				this.#lastEntry[id] = entry;
				this.entryFrequency[id]!++;
			}
			this.unitTerms.push(id);
		}
		this.unitTermStart.push(this.unitTerms.length);
	}
}

/** What a segment's build needs to know of a word, looked up once per distinct word. */
interface WordInfo {
	stem: string;
	stopWord: boolean;
	/** Occurrences counted by the content builder [0] and the stop-word builder [1]. */
	counts: [number, number];
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
	const table = new Map<string, WordInfo>();
	const content = new SegmentBuilder(scope, synonyms, lexicon, false, 0, table);
	const stopWordIndex = new SegmentBuilder(scope, synonyms, lexicon, options.wordPairs, 1, table);
	const infoOf = (word: string): WordInfo => {
		let info = table.get(word);
		if (!info) table.set(word, (info = { stem: stem(word), stopWord: isStopWord(word), counts: [0, 0] }));
		return info;
	};
	entries.forEach((entry, entryId) => {
		for (const field of entry.fields) {
			const all = words(field.text).map(infoOf);
			content.addText(
				entryId,
				field.kind,
				all.filter((info) => !info.stopWord),
			);
			if (field.kind !== 'body') stopWordIndex.addText(entryId, field.kind, all);
		}
	});
	content.entryCount = entries.length;
	stopWordIndex.entryCount = entries.length;
	return { content: new IndexSegment(content), stopWordIndex: new IndexSegment(stopWordIndex) };
}
