import { SpellingCorrector } from './spelling.js';
import { SynonymMap } from './synonyms.js';
import { isQuestionWord, isStopWord, stem, words } from './text.js';

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

/** One indexed text of an entry. Matching happens per unit, so a question is compared with a question. */
export interface Unit {
	entry: number;
	kind: FieldKind;
	/** Distinct terms after stemming and synonyms. */
	terms: string[];
	/** Sum of the idf of the unit's terms: what a query must cover to match the unit fully. */
	idfMass: number;
}

export interface IndexSynonyms {
	global: readonly (readonly string[])[];
	byScope: ReadonlyMap<string, readonly (readonly string[])[]>;
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

export interface IndexOptions {
	/**
	 * Index every word, stop words included, and only question and heading texts. Used for the
	 * questions that are nothing but stop words ("what's it about?", "who's in it?"), which the
	 * main index cannot see at all.
	 */
	keepStopWords?: boolean;
	/**
	 * Also index neighbouring word pairs in the stop-word index. They tell intents apart ("your
	 * name" / "my name") but triple its size, so they are for intent-style knowledge only.
	 */
	wordPairs?: boolean;
}

/**
 * Inverted index over entry units. Postings narrow a question to the units that share a term
 * with it, so ranking cost follows the question, not the size of the knowledge.
 */
export class SearchIndex {
	readonly entries: readonly SearchEntry[];
	readonly units: Unit[] = [];
	/** Unit ids that contain each term. */
	readonly postings = new Map<string, number[]>();
	/** Terms before synonyms are applied: what decides whether a query word is known at all. */
	readonly knownStems = new Set<string>();
	readonly spelling: SpellingCorrector;
	readonly scopes: readonly string[];
	/** How many question and heading texts each entry has. */
	readonly questionCount: Int32Array;
	/** Scope number of each unit (its position in `scopes`), for a cheap scope filter while ranking. */
	readonly unitScope: Int32Array;
	readonly #synonyms = new Map<string, SynonymMap>();
	readonly #entryFrequency = new Map<string, number>();
	readonly #scopeNumbers: Map<string, number>;
	readonly keepStopWords: boolean;
	readonly wordPairs: boolean;
	/** The stop-word index over the same entries, for questions made only of stop words. */
	readonly contentless: SearchIndex | undefined;

	constructor(
		entries: readonly SearchEntry[],
		synonyms: IndexSynonyms = { global: [], byScope: new Map() },
		options: IndexOptions = {},
	) {
		this.entries = entries;
		this.keepStopWords = options.keepStopWords ?? false;
		this.wordPairs = this.keepStopWords && (options.wordPairs ?? false);
		this.scopes = [...new Set(entries.map((e) => e.scope))];
		// Scopes with the same synonyms share one map, so ranking can treat them as one group.
		const shared = new Map<string, SynonymMap>();
		for (const scope of this.scopes) {
			const groups = [...(synonyms.byScope.get(scope) ?? []), ...synonyms.global];
			const key = JSON.stringify(groups);
			let map = shared.get(key);
			if (!map) {
				map = new SynonymMap(groups);
				shared.set(key, map);
			}
			this.#synonyms.set(scope, map);
		}
		const vocabulary = new Map<string, number>();
		entries.forEach((entry, entryId) => {
			const synonymMap = this.synonymsFor(entry.scope);
			const entryTerms = new Set<string>();
			for (const field of entry.fields) {
				if (this.keepStopWords && field.kind === 'body') continue;
				const stems: string[] = [];
				for (const word of words(field.text)) {
					if (!this.keepStopWords && isStopWord(word)) continue;
					vocabulary.set(word, (vocabulary.get(word) ?? 0) + 1);
					const stemmed = stem(word);
					this.knownStems.add(stemmed);
					stems.push(stemmed);
				}
				const sequence = synonymMap.apply(stems);
				const unitTerms = [...new Set(this.wordPairs ? withWordPairs(sequence) : sequence)];
				if (unitTerms.length === 0) continue;
				const unitId = this.units.length;
				this.units.push({ entry: entryId, kind: field.kind, terms: unitTerms, idfMass: 0 });
				for (const term of unitTerms) {
					entryTerms.add(term);
					const list = this.postings.get(term);
					if (list) list.push(unitId);
					else this.postings.set(term, [unitId]);
				}
			}
			for (const term of entryTerms)
				this.#entryFrequency.set(term, (this.#entryFrequency.get(term) ?? 0) + 1);
		});
		this.questionCount = new Int32Array(entries.length);
		for (const unit of this.units) {
			if (unit.kind !== 'body') this.questionCount[unit.entry] = this.questionCount[unit.entry]! + 1;
		}
		this.#scopeNumbers = new Map(this.scopes.map((scope, i) => [scope, i]));
		this.unitScope = Int32Array.from(
			this.units,
			(unit) => this.#scopeNumbers.get(entries[unit.entry]!.scope) ?? -1,
		);
		for (const unit of this.units) {
			unit.idfMass = unit.terms.reduce((sum, term) => sum + this.idf(term), 0);
		}
		// Question words are weak evidence; they never make a word worth correcting to.
		for (const word of vocabulary.keys()) if (isQuestionWord(word)) vocabulary.delete(word);
		this.spelling = new SpellingCorrector(vocabulary);
		this.contentless = this.keepStopWords
			? undefined
			: new SearchIndex(entries, synonyms, { keepStopWords: true, wordPairs: options.wordPairs ?? false });
	}

	#idfFromFrequency(frequency: number): number {
		return Math.log((this.entries.length + 1) / (frequency + 0.5));
	}

	/** Inverse entry frequency; a term the knowledge never uses gets the highest value. */
	idf(term: string): number {
		return Math.max(0.05, this.#idfFromFrequency(this.#entryFrequency.get(term) ?? 0));
	}

	/** The position of a scope in `scopes`, or undefined for a scope the index does not have. */
	scopeNumber(scope: string): number | undefined {
		return this.#scopeNumbers.get(scope);
	}

	synonymsFor(scope: string): SynonymMap {
		return this.#synonyms.get(scope) ?? new SynonymMap([]);
	}
}
