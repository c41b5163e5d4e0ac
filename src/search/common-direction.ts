import { normalise } from './word-vectors.js';

/**
 * The common component of sentence vectors, the second step of SIF (Arora, Liang and Ma, 2017,
 * "A simple but tough-to-beat baseline for sentence embeddings"): averaged word vectors share a
 * direction that carries no topic (frequent words, the knowledge's own domain), so a long paragraph
 * looks close to every question. Removing each vector's projection on the first principal component
 * of the knowledge's sentence vectors leaves what tells texts apart.
 */

/** Fewer vectors than this estimate no direction worth removing (a knowledge base of a few texts). */
export const MIN_VECTORS_FOR_DIRECTION = 10;
/** Power iterations: started from the mean, the first component settles within a few. */
const POWER_ITERATIONS = 8;
/** Below this length what is left of a vector is rounding, with no direction. */
const ZERO_LENGTH = 1e-6;

/**
 * The unit vector of the first principal component (uncentred, as SIF does) of `vectors`, all of
 * one length; undefined for too few vectors or when they cancel out.
 */
export function commonDirection(vectors: readonly Float32Array[]): Float32Array | undefined {
	const first = vectors[0];
	if (!first || vectors.length < MIN_VECTORS_FOR_DIRECTION) return undefined;
	const dimensions = first.length;
	let direction = new Float32Array(dimensions);
	for (const vector of vectors) for (let d = 0; d < dimensions; d++) direction[d]! += vector[d]!;
	if (!normalise(direction, ZERO_LENGTH)) return undefined;
	for (let iteration = 0; iteration < POWER_ITERATIONS; iteration++) {
		const next = new Float32Array(dimensions);
		for (const vector of vectors) {
			const along = dot(vector, direction);
			for (let d = 0; d < dimensions; d++) next[d]! += along * vector[d]!;
		}
		if (!normalise(next, ZERO_LENGTH)) return undefined;
		direction = next;
	}
	return direction;
}

/**
 * `vector` without its component along the unit vector `direction`, as a unit vector; undefined
 * when nothing is left (the vector was the common direction itself).
 */
export function withoutDirection(vector: Float32Array, direction: Float32Array): Float32Array | undefined {
	const along = dot(vector, direction);
	const rest = new Float32Array(vector.length);
	for (let d = 0; d < rest.length; d++) rest[d] = vector[d]! - along * direction[d]!;
	return normalise(rest, ZERO_LENGTH) ? rest : undefined;
}

function dot(a: Float32Array, b: Float32Array): number {
	let sum = 0;
	for (let d = 0; d < a.length; d++) sum += a[d]! * b[d]!;
	return sum;
}
