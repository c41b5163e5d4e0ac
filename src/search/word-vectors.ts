import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isQuestionWord, isStopWord, words } from './text.js';

/**
 * Word vectors (GloVe, built into assets/word-vectors.bin by scripts/build-word-vectors.ts) and
 * the sentence vectors made from them: a text's meaning as one unit vector, so that two texts
 * sharing few words can still be found close ("move a meeting to a later day" / "postpone an
 * appointment"). Lexical matching stays the ranking's core; this is one more piece of evidence.
 */

/*
 * File layout (little-endian):
 *   "FAQWV1\n"                    magic
 *   header JSON + "\n"            { dimensions, count, wordBytes, source }
 *   words                         UTF-8, joined by "\n", wordBytes long, most frequent first
 *   scales                        count × float32: component = int8 × scale
 *   components                    count × dimensions × int8
 * Unit vectors quantised to int8 with one scale per word: 100 dimensions cost 104 bytes a word.
 */
const MAGIC = 'FAQWV1\n';
const headerSchema = z.object({
	dimensions: z.number().int().positive(),
	count: z.number().int().positive(),
	wordBytes: z.number().int().positive(),
	source: z.string(),
});

/**
 * Smooth inverse frequency (Arora et al., 2017): a word weighs a / (a + p(word)), so "mail" or
 * "timer" shape a sentence's vector far more than "get" or "like". p is estimated from the word's
 * frequency rank by Zipf's law (p ≈ 0.1 / rank), which needs no corpus counts beyond the order of
 * the vocabulary. a is the paper's recommended 1e-3.
 */
const SIF_A = 1e-3;
const zipfProbability = (rank: number) => 0.1 / (rank + 10);

/** What every view of one vector file shares. */
interface VectorTable {
	rows: Map<string, number>;
	scales: Float32Array;
	components: Int8Array;
	weights: Float32Array;
}

/** A word given another meaning than its own row: a synonym group's. */
interface Override {
	vector: Float32Array;
	weight: number;
}

export class WordVectors {
	readonly dimensions: number;
	readonly #table: VectorTable;
	readonly #overrides: ReadonlyMap<string, Override>;

	private constructor(dimensions: number, table: VectorTable, overrides: ReadonlyMap<string, Override>) {
		this.dimensions = dimensions;
		this.#table = table;
		this.#overrides = overrides;
	}

	/**
	 * These vectors with an author's synonym groups as one meaning: every single-word member (a
	 * word without a vector of its own too) gets the mean of the members' vectors, so "pirates"
	 * and "smugglers" are as close in meaning as the author says they are. Phrases are left out.
	 */
	withSynonyms(groups: readonly (readonly string[])[]): WordVectors {
		const overrides = new Map(this.#overrides);
		for (const group of groups) {
			const members = group.map((member) => words(member)).flatMap((w) => (w.length === 1 ? w : []));
			const mean = new Float32Array(this.dimensions);
			let weight = 0;
			let known = 0;
			for (const member of members) {
				const own = this.#vectorOf(member);
				if (!own) continue;
				for (let d = 0; d < this.dimensions; d++) mean[d]! += own.vector[d]!;
				weight += own.weight;
				known++;
			}
			if (known === 0 || !normalise(mean)) continue;
			for (const member of members) overrides.set(member, { vector: mean, weight: weight / known });
		}
		return new WordVectors(this.dimensions, this.#table, overrides);
	}

	/** A word's unit vector and weight, dequantised; undefined when it has none. */
	#vectorOf(word: string): Override | undefined {
		const override = this.#overrides.get(word);
		if (override) return override;
		const row = this.#table.rows.get(word);
		if (row === undefined) return undefined;
		const { dimensions } = this;
		const scale = this.#table.scales[row]!;
		const vector = Float32Array.from(
			this.#table.components.subarray(row * dimensions, (row + 1) * dimensions),
			(x) => x * scale,
		);
		normalise(vector);
		return { vector, weight: this.#table.weights[row]! };
	}

	/** Reads the format scripts/build-word-vectors.js writes; `name` is for error messages. */
	static fromBuffer(data: Buffer, name: string): WordVectors {
		const fail = (why: string) =>
			new Error(`${name}: ${why}; rebuild it with npx tsx scripts/build-word-vectors.ts`);
		if (data.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) throw fail('not a word-vector file');
		const headerEnd = data.indexOf(0x0a, MAGIC.length);
		if (headerEnd === -1) throw fail('no header');
		let json: unknown;
		try {
			json = JSON.parse(data.subarray(MAGIC.length, headerEnd).toString('utf8'));
		} catch {
			throw fail('header is not JSON');
		}
		const header = headerSchema.safeParse(json);
		if (!header.success)
			throw fail(`bad header (${header.error.issues.map((i) => i.path.join('.')).join(', ')})`);
		const { dimensions, count, wordBytes } = header.data;
		const wordsStart = headerEnd + 1;
		const scalesStart = wordsStart + wordBytes;
		const componentsStart = scalesStart + count * 4;
		if (data.length !== componentsStart + count * dimensions) throw fail('truncated or padded');
		const words = data.subarray(wordsStart, scalesStart).toString('utf8').split('\n');
		if (words.length !== count) throw fail(`header says ${count} words, file has ${words.length}`);
		// Copies: the file's buffer is not aligned for a Float32Array view, and it can then be freed.
		const scales = new Float32Array(count);
		for (let row = 0; row < count; row++) scales[row] = data.readFloatLE(scalesStart + row * 4);
		const components = new Int8Array(data.subarray(componentsStart));
		const table: VectorTable = {
			rows: new Map(words.map((word, row) => [word, row])),
			scales,
			components,
			weights: Float32Array.from(words, (_, rank) => SIF_A / (SIF_A + zipfProbability(rank))),
		};
		return new WordVectors(dimensions, table, new Map());
	}

	/** A word's unit vector (a synonym group's, where the author gave it one); undefined when it has none. */
	wordVector(word: string): Float32Array | undefined {
		return this.#vectorOf(word)?.vector;
	}

	/**
	 * The vectors of the distinct words among `textWords` other than stop words and question words,
	 * those that have one, as stored (no second rounding): what a text says, word by word. At most
	 * `limit` of them, the most characteristic: used most often in `textWords`, each use weighing
	 * as much as the word is rare (its SIF weight).
	 */
	contentWordVectors(textWords: readonly string[], limit = Infinity): QuantisedVectors {
		const { dimensions } = this;
		const { rows, scales, components } = this.#table;
		const uses = new Map<string, number>();
		for (const word of textWords) uses.set(word, (uses.get(word) ?? 0) + 1);
		let distinct = [...uses.keys()].filter(
			(word) => !isStopWord(word) && !isQuestionWord(word) && this.has(word),
		);
		if (distinct.length > limit) {
			// The SIF weight as stored: dequantising each word's vector only to read it is wasted work.
			const sifWeight = (word: string) =>
				this.#overrides.get(word)?.weight ?? this.#table.weights[rows.get(word)!]!;
			const weight = (word: string) => uses.get(word)! * sifWeight(word);
			distinct = distinct
				.map((word) => ({ word, weight: weight(word) }))
				.sort((a, b) => b.weight - a.weight)
				.slice(0, limit)
				.map(({ word }) => word);
		}
		const made: QuantisedVectors = {
			components: new Int8Array(distinct.length * dimensions),
			scales: new Float32Array(distinct.length),
		};
		distinct.forEach((word, i) => {
			const override = this.#overrides.get(word);
			if (override) {
				const own = quantise([override.vector], dimensions);
				made.components.set(own.components, i * dimensions);
				made.scales[i] = own.scales[0]!;
				return;
			}
			const row = rows.get(word)!;
			made.components.set(components.subarray(row * dimensions, (row + 1) * dimensions), i * dimensions);
			made.scales[i] = scales[row]!;
		});
		return made;
	}

	has(word: string): boolean {
		return this.#overrides.has(word) || this.#table.rows.has(word);
	}

	/**
	 * The unit vector of a text's words (folded, as `words()` gives them): the SIF-weighted sum of
	 * the vectors of its words other than stop words and question words. Undefined when none of
	 * them has a vector.
	 */
	sentenceVector(textWords: readonly string[]): Float32Array | undefined {
		const { dimensions } = this;
		const { rows, weights, scales, components } = this.#table;
		const sum = new Float32Array(dimensions);
		let used = 0;
		for (const word of textWords) {
			if (isStopWord(word) || isQuestionWord(word)) continue;
			const override = this.#overrides.get(word);
			if (override) {
				for (let d = 0; d < dimensions; d++) sum[d]! += override.weight * override.vector[d]!;
				used++;
				continue;
			}
			const row = rows.get(word);
			if (row === undefined) continue;
			const factor = weights[row]! * scales[row]!;
			const base = row * dimensions;
			for (let d = 0; d < dimensions; d++) sum[d]! += factor * components[base + d]!;
			used++;
		}
		return used > 0 && normalise(sum) ? sum : undefined;
	}
}

/** Vectors end to end as int8, with one scale per vector: component = int8 × scale. */
export interface QuantisedVectors {
	components: Int8Array;
	scales: Float32Array;
}

/**
 * Vectors of `dimensions` quantised to int8 with one scale each: a quarter of float32's memory, the
 * cosines moving by about 0.01.
 */
export function quantise(vectors: readonly Float32Array[], dimensions: number): QuantisedVectors {
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

/**
 * Scales a vector to unit length in place; false for a zero vector, or one shorter than
 * `zeroLength` (what is left of a difference may be rounding, with no direction).
 */
export function normalise(vector: Float32Array, zeroLength = 0): boolean {
	let norm = 0;
	for (const x of vector) norm += x * x;
	norm = Math.sqrt(norm);
	if (norm === 0 || norm < zeroLength) return false;
	for (let d = 0; d < vector.length; d++) vector[d]! /= norm;
	return true;
}

/**
 * The file for `words` (most frequent first) and their vectors, which need not be unit length:
 * each is normalised, then quantised to int8 with its own scale.
 */
export function encodeWordVectors(
	entries: readonly (readonly [word: string, vector: readonly number[]])[],
	source: string,
): Buffer {
	const dimensions = entries[0]?.[1].length ?? 0;
	const scales = Buffer.alloc(entries.length * 4);
	const components = Buffer.alloc(entries.length * dimensions);
	entries.forEach(([word, vector], row) => {
		if (vector.length !== dimensions)
			throw new Error(`${word}: ${vector.length} dimensions, expected ${dimensions}`);
		const norm = Math.hypot(...vector);
		const largest = Math.max(...vector.map((x) => Math.abs(x / norm)));
		if (!(largest > 0)) throw new Error(`${word}: a zero vector`);
		scales.writeFloatLE(largest / 127, row * 4);
		vector.forEach((x, d) =>
			components.writeInt8(Math.round((x / norm / largest) * 127), row * dimensions + d),
		);
	});
	const words = Buffer.from(entries.map(([word]) => word).join('\n'), 'utf8');
	const header = JSON.stringify({ dimensions, count: entries.length, wordBytes: words.length, source });
	return Buffer.concat([Buffer.from(`${MAGIC}${header}\n`, 'utf8'), words, scales, components]);
}

/**
 * assets/ sits at the package's root: two folders up from src/search and dist/search, more from a
 * benchmark's compiled copy (.scratch/bench-dist/src/search), so it is looked for upwards.
 */
function bundledFile(): string {
	const name = path.join('assets', 'word-vectors.bin');
	let dir = path.dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const candidate = path.join(dir, name);
		if (existsSync(candidate)) return candidate;
		const parent = path.dirname(dir);
		if (parent === dir) throw new Error(`${name} not found above ${fileURLToPath(import.meta.url)}`);
		dir = parent;
	}
}

let bundled: WordVectors | undefined;

/** The vectors shipped with the bot (5.4 MB; read once per process, in about 20 ms). */
export function bundledWordVectors(): WordVectors {
	if (!bundled) {
		const file = bundledFile();
		bundled = WordVectors.fromBuffer(readFileSync(file), file);
	}
	return bundled;
}
