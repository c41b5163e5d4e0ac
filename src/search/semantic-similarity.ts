import { commonDirection, withoutDirection } from './common-direction.js';
import { quantise, type QuantisedVectors, type WordVectors } from './word-vectors.js';
import { words } from './text.js';

/**
 * How many texts, spread evenly over the entries and over each entry's texts, the common direction
 * is estimated from: a stable estimate, at about 20 ms of every build (a reload included)
 * whether the knowledge has 150 entries of 100 alternates or 100,000 entries.
 */
const DIRECTION_SAMPLE = 1_000;
/**
 * How many of an entry's words a question's word is compared with: its most characteristic. An
 * intent with 100 alternates has some 300 distinct words; comparing with 64 keeps the
 * confidence's log-loss (0.345 either way; 0.347 with 32) at a fifth of the work and memory.
 */
const ENTRY_WORDS = 64;

/** Up to about `limit` texts of entries 0..entryCount-1, spread evenly over entries and texts. */
function sampleTexts(
	entryCount: number,
	textsOf: (entry: number) => readonly string[],
	limit: number,
): string[] {
	const step = Math.max(1, Math.floor(entryCount / limit));
	const perEntry = Math.max(1, Math.ceil(limit / Math.ceil(entryCount / step)));
	const sample: string[] = [];
	for (let entry = 0; entry < entryCount; entry += step) {
		const texts = textsOf(entry);
		const stride = Math.max(1, Math.ceil(texts.length / perEntry));
		for (let i = 0; i < texts.length; i += stride) sample.push(texts[i]!);
	}
	return sample;
}

export interface SemanticSimilarityOptions {
	/** How many entries there are (0..entryCount-1): the common direction is estimated from them. */
	entryCount: number;
	/**
	 * Most vectors kept, of texts and of words each (each dimensions + 4 bytes: 50,000 are 5 MB at
	 * 100 dimensions).
	 */
	cacheLimit?: number;
	/** The texts of an entry the common direction is estimated from (default: all of them). */
	directionTexts?: (entry: number) => readonly string[];
	/**
	 * The common direction of another instance over the very same texts and vectors (a reload where
	 * no document changed): taken as it is instead of estimated again, which costs 20-30 ms.
	 */
	sameTextsAs?: SemanticSimilarity;
}

/**
 * How close in meaning a question is to an entry: the best cosine between the question's sentence
 * vector and the vector of any of the entry's texts (its question, alternates or heading, and its
 * answer), 0 when nothing compares. A question close to one alternate is close to the entry, which
 * an average over all its texts would blur. And, word by word, how close the entry comes to a
 * word of the question it does not contain ({@link SemanticSimilarity.closenessToWord}): the
 * confidence counts such a word as covered that far (log-loss 0.356 → 0.345 in 5-fold
 * cross-validation, 0.364 → 0.346 leaving one public set out).
 *
 * Entries' vectors are made when first needed and kept in a cache bounded by the number of vectors,
 * so a knowledge base of 100,000 entries costs little at start and a bounded amount of memory,
 * while the entries that questions keep reaching stay ready.
 *
 * Every vector, the question's and the entries', is compared without the direction the
 * knowledge's texts share (./common-direction.ts). Measured on the public sets (ranking alone):
 * StackFAQ 302 → 305 of 350 first candidates right, dev 34 → 35 of 40, dev2 46 → 45 of 64,
 * CLINC150 test 89.1% → 90.4–90.8%; the confidence's log-loss is lower in every fitting scheme.
 */
export class SemanticSimilarity {
	readonly #vectors: WordVectors;
	readonly #textsOf: (entry: number) => readonly string[];
	/**
	 * Per entry, its texts' vectors, quantised to int8 with one scale per vector (a quarter of
	 * float32's memory; the cosines move by about 0.01).
	 */
	readonly #sentences: VectorCache;
	/** Per entry, the vectors of the distinct content words of its texts, kept the same way. */
	readonly #words: VectorCache;
	/** What the knowledge's texts share, taken out of every vector; undefined for too few texts. */
	readonly #common: Float32Array | undefined;

	constructor(
		vectors: WordVectors,
		/** The texts that describe an entry; called once per entry while it stays cached. */
		textsOf: (entry: number) => readonly string[],
		{ entryCount, cacheLimit = 50_000, directionTexts = textsOf, sameTextsAs }: SemanticSimilarityOptions,
	) {
		this.#vectors = vectors;
		this.#textsOf = textsOf;
		this.#sentences = new VectorCache(cacheLimit);
		this.#words = new VectorCache(cacheLimit);
		if (sameTextsAs) {
			this.#common = sameTextsAs.#common;
			return;
		}
		const sample = sampleTexts(entryCount, directionTexts, DIRECTION_SAMPLE).flatMap(
			(text) => vectors.sentenceVector(words(text)) ?? [],
		);
		this.#common = commonDirection(sample);
	}

	/** A text's sentence vector without the common direction. */
	#sentenceVector(textWords: readonly string[]): Float32Array | undefined {
		const vector = this.#vectors.sentenceVector(textWords);
		return vector && this.#common ? withoutDirection(vector, this.#common) : vector;
	}

	/**
	 * The vector of a question's words. A word typed as English has its own vector; a spelling
	 * correction, made towards the knowledge's words, is used only for a word that has none
	 * ("whta" → "what"), so it never pulls the question towards the knowledge.
	 */
	questionVector(questionWords: readonly { typed: string; word: string }[]): Float32Array | undefined {
		return this.#sentenceVector(
			questionWords.map(({ typed, word }) => (this.#vectors.has(typed) ? typed : word)),
		);
	}

	/** 0..1: negative cosines (unrelated texts) count as 0. */
	similarity(question: Float32Array, entry: number): number {
		return bestCosine(
			question,
			this.#sentences.get(entry, () =>
				quantise(
					this.#textsOf(entry).flatMap((text) => this.#sentenceVector(words(text)) ?? []),
					this.#vectors.dimensions,
				),
			),
		);
	}

	/** The vector of one word of a question; undefined when it has none. */
	wordVector(word: string): Float32Array | undefined {
		return this.#vectors.wordVector(word);
	}

	/**
	 * How close in meaning the entry comes to one word of a question (its vector): the best cosine
	 * (0..1) between it and any of the entry's most characteristic content words
	 * (`ENTRY_WORDS`). A question's "movie" finds the entry's "film", "want" finds "goal" less
	 * well, "budget" finds nothing close in a passage about the soundtrack.
	 */
	closenessToWord(vector: Float32Array, entry: number): number {
		return bestCosine(
			vector,
			this.#words.get(entry, () =>
				this.#vectors.contentWordVectors(
					this.#textsOf(entry).flatMap((text) => words(text)),
					ENTRY_WORDS,
				),
			),
		);
	}
}

/** The largest cosine between a unit vector and any of `vectors`, 0 when none is positive. */
function bestCosine(vector: Float32Array, { components, scales }: QuantisedVectors): number {
	const dimensions = vector.length;
	let best = 0;
	for (let i = 0; i < scales.length; i++) {
		const base = i * dimensions;
		let dot = 0;
		for (let d = 0; d < dimensions; d++) dot += vector[d]! * components[base + d]!;
		best = Math.max(best, dot * scales[i]!);
	}
	return best;
}

/**
 * Entries' vectors, made when first needed and kept up to a number of vectors in all. Insertion
 * order is recency: a hit moves its entry to the end, eviction takes from the start.
 */
class VectorCache {
	readonly #limit: number;
	readonly #entries = new Map<number, QuantisedVectors>();
	#count = 0;

	constructor(limit: number) {
		this.#limit = limit;
	}

	get(entry: number, make: () => QuantisedVectors): QuantisedVectors {
		const cached = this.#entries.get(entry);
		if (cached) {
			this.#entries.delete(entry);
			this.#entries.set(entry, cached);
			return cached;
		}
		const made = make();
		this.#entries.set(entry, made);
		this.#count += made.scales.length;
		for (const [oldest, kept] of this.#entries) {
			if (this.#count <= this.#limit || oldest === entry) break;
			this.#entries.delete(oldest);
			this.#count -= kept.scales.length;
		}
		return made;
	}
}
