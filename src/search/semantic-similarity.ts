import type { WordVectors } from './word-vectors.js';
import { words } from './text.js';

/**
 * How close in meaning a question is to an entry: the best cosine between the question's sentence
 * vector and the vector of any of the entry's texts (its question, alternates or heading, and its
 * answer), 0 when nothing compares. A question close to one alternate is close to the entry, which
 * an average over all its texts would blur.
 *
 * Entries' vectors are made when first needed and kept in a cache bounded by the number of vectors,
 * so a knowledge base of 100,000 entries costs nothing at start and a bounded amount of memory,
 * while the entries that questions keep reaching stay ready.
 */
export class SemanticSimilarity {
	readonly #vectors: WordVectors;
	readonly #textsOf: (entry: number) => readonly string[];
	readonly #cacheLimit: number;
	/**
	 * Per entry, its texts' vectors end to end, quantised to int8 with one scale per vector (a
	 * quarter of float32's memory; the cosines move by about 0.01). Insertion order is recency: a
	 * hit moves its entry to the end, eviction takes from the start.
	 */
	readonly #cache = new Map<number, QuantisedVectors>();
	#cached = 0;

	constructor(
		vectors: WordVectors,
		/** The texts that describe an entry; called once per entry while it stays cached. */
		textsOf: (entry: number) => readonly string[],
		/** Most text vectors kept (each dimensions + 4 bytes: 50,000 are 5 MB at 100 dimensions). */
		cacheLimit = 50_000,
	) {
		this.#vectors = vectors;
		this.#textsOf = textsOf;
		this.#cacheLimit = cacheLimit;
	}

	/**
	 * The vector of a question's words. A word typed as English has its own vector; a spelling
	 * correction, made towards the knowledge's words, is used only for a word that has none
	 * ("whta" → "what"), so it never pulls the question towards the knowledge.
	 */
	questionVector(questionWords: readonly { typed: string; word: string }[]): Float32Array | undefined {
		return this.#vectors.sentenceVector(
			questionWords.map(({ typed, word }) => (this.#vectors.has(typed) ? typed : word)),
		);
	}

	/** 0..1: negative cosines (unrelated texts) count as 0. */
	similarity(question: Float32Array, entry: number): number {
		const { components, scales } = this.#entryVectors(entry);
		const dimensions = question.length;
		let best = 0;
		for (let i = 0; i < scales.length; i++) {
			const base = i * dimensions;
			let dot = 0;
			for (let d = 0; d < dimensions; d++) dot += question[d]! * components[base + d]!;
			best = Math.max(best, dot * scales[i]!);
		}
		return best;
	}

	#entryVectors(entry: number): QuantisedVectors {
		const cached = this.#cache.get(entry);
		if (cached) {
			this.#cache.delete(entry);
			this.#cache.set(entry, cached);
			return cached;
		}
		const made = quantise(
			this.#textsOf(entry).flatMap((text) => this.#vectors.sentenceVector(words(text)) ?? []),
			this.#vectors.dimensions,
		);
		this.#cache.set(entry, made);
		this.#cached += made.scales.length;
		for (const [oldest, vectors] of this.#cache) {
			if (this.#cached <= this.#cacheLimit || oldest === entry) break;
			this.#cache.delete(oldest);
			this.#cached -= vectors.scales.length;
		}
		return made;
	}
}

interface QuantisedVectors {
	components: Int8Array;
	scales: Float32Array;
}

function quantise(vectors: readonly Float32Array[], dimensions: number): QuantisedVectors {
	const components = new Int8Array(vectors.length * dimensions);
	const scales = new Float32Array(vectors.length);
	vectors.forEach((vector, i) => {
		const largest = vector.reduce((most, x) => Math.max(most, Math.abs(x)), 0);
		if (largest === 0) return;
		scales[i] = largest / 127;
		for (let d = 0; d < dimensions; d++)
			components[i * dimensions + d] = Math.round((vector[d]! / largest) * 127);
	});
	return { components, scales };
}
