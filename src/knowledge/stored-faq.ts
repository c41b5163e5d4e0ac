/**
 * FAQ entries as the loader keeps them: a document's ids and alternates in one UTF-8 byte block
 * outside the JavaScript heap, its answers in deflated blocks of about 4 KiB, and each entry an
 * object with its question (a string) and a position.
 *
 * A large knowledge base is mostly these texts: at 100,000 entries they were 800,000 strings (about
 * 60 MiB of heap, a fifth of it string headers), and a parse worker handed each one over by
 * structured clone, string by string. Stored this way they cost their UTF-8 bytes (answers about a
 * quarter of that) and a few bytes per entry, and they move from a parse worker to the loader
 * without a copy.
 *
 * Entries read their texts when asked for them. `alternates` decodes a few texts, well under a
 * microsecond. `answer` inflates its block unless that block is among the last few read (about
 * 6 µs for 4 KiB): a question is answered with one answer, and an index build reads a document's
 * answers in order, so each block is inflated once for all of its answers. Only answers are
 * deflated: they are most of the text and read once per answer; questions, which every answer
 * reads several times (titles, suggestions), stay strings.
 *
 * Every read gives the same text the entry had when it was stored, so nothing downstream can tell
 * a stored entry from a plain one except that it is not a plain object: `JSON.stringify` goes
 * through {@link StoredFaqEntry.toJSON}, and deep equality in tests needs {@link plainFaqEntry}.
 * Texts that UTF-8 cannot hold unchanged (a lone surrogate, from a YAML escape) keep their
 * document's entries as they are.
 */
import { deflateRawSync, inflateRawSync, constants as zlib } from 'node:zlib';
import { slugify } from './slug.js';
import type { FaqEntry } from './types.js';

/**
 * A document's FAQ entries in transferable form: what a parse worker posts (the buffers moved, not
 * copied) and what {@link storedFaq} turns into entries.
 *
 * Per entry, at `starts[i]` in `bytes`: where its answer is (the answer block, the byte offset in
 * the inflated block, the byte length, as three varints), the id (empty when it is the slug of the
 * question, as it nearly always is), then the number of alternates and each alternate — every text
 * as a varint byte length followed by its UTF-8 bytes. Answer block `b` is
 * `answerBlocks[blockStarts[b] .. blockStarts[b + 1])`, raw deflate of the UTF-8 of consecutive
 * answers.
 */
export interface PackedFaq {
	questions: string[];
	bytes: Uint8Array;
	starts: Uint32Array;
	answerBlocks: Uint8Array;
	blockStarts: Uint32Array;
	/** Per entry, its line in the file, or -1; absent when no entry has one (FAQ lists). */
	lines?: Int32Array;
}

/** The byte length of `n` as a varint (7 bits a byte, low bits first). */
function varintLength(n: number): number {
	let length = 1;
	while (n >= 0x80) {
		n = Math.floor(n / 0x80);
		length++;
	}
	return length;
}

function writeVarint(bytes: Uint8Array, at: number, n: number): number {
	while (n >= 0x80) {
		bytes[at++] = (n & 0x7f) | 0x80;
		n = Math.floor(n / 0x80);
	}
	bytes[at++] = n;
	return at;
}

/** `String.prototype.isWellFormed` (Node 20), which TypeScript's ES2022 library does not declare yet. */
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

/** Whether every text of the entries survives UTF-8 unchanged (no lone surrogate). */
function allWellFormed(entries: readonly FaqEntry[]): boolean {
	for (const entry of entries) {
		if (!isWellFormed(entry.answer) || !isWellFormed(entry.id)) return false;
		for (const alternate of entry.alternates) if (!isWellFormed(alternate)) return false;
	}
	return true;
}

/**
 * Answers are deflated in blocks of at least this many bytes (whole answers: a long one makes a
 * block of its own). Small enough that inflating one to read an answer costs a few microseconds,
 * large enough to compress (4 KiB of FAQ answers deflate to a quarter or less).
 */
export const ANSWER_BLOCK_BYTES = 4096;

/** The answers' UTF-8, deflated in blocks, and where each answer is. */
function packAnswers(answers: readonly string[]): {
	blocks: Uint8Array;
	blockStarts: Uint32Array;
	where: { block: number; offset: number; length: number }[];
} {
	const lengths = answers.map((answer) => Buffer.byteLength(answer, 'utf8'));
	const raw = Buffer.allocUnsafe(lengths.reduce((sum, length) => sum + length, 0));
	const where: { block: number; offset: number; length: number }[] = [];
	const deflated: Buffer[] = [];
	let at = 0;
	let blockStart = 0;
	const close = () => {
		deflated.push(deflateRawSync(raw.subarray(blockStart, at), { level: zlib.Z_BEST_SPEED }));
		blockStart = at;
	};
	answers.forEach((answer, i) => {
		where.push({ block: deflated.length, offset: at - blockStart, length: lengths[i]! });
		at += raw.write(answer, at, 'utf8');
		if (at - blockStart >= ANSWER_BLOCK_BYTES) close();
	});
	if (at > blockStart || deflated.length === 0) close();
	const blockStarts = new Uint32Array(deflated.length + 1);
	deflated.forEach((block, b) => (blockStarts[b + 1] = blockStarts[b]! + block.length));
	const blocks = new Uint8Array(blockStarts[deflated.length]!);
	deflated.forEach((block, b) => blocks.set(block, blockStarts[b]));
	return { blocks, blockStarts, where };
}

/** The entries' texts packed for storing (see {@link PackedFaq}); undefined when some text cannot be stored unchanged. */
export function packFaq(entries: readonly FaqEntry[]): PackedFaq | undefined {
	if (!allWellFormed(entries)) return undefined;
	const ids = entries.map((entry) => (entry.id === slugify(entry.question) ? '' : entry.id));
	const answers = packAnswers(entries.map((entry) => entry.answer));
	let size = 0;
	const textSize = (text: string) => {
		const length = Buffer.byteLength(text, 'utf8');
		return varintLength(length) + length;
	};
	entries.forEach((entry, i) => {
		const { block, offset, length } = answers.where[i]!;
		size += varintLength(block) + varintLength(offset) + varintLength(length);
		size += textSize(ids[i]!) + varintLength(entry.alternates.length);
		for (const alternate of entry.alternates) size += textSize(alternate);
	});
	const bytes = Buffer.allocUnsafeSlow(size);
	const starts = new Uint32Array(entries.length);
	let at = 0;
	const put = (text: string) => {
		at = writeVarint(bytes, at, Buffer.byteLength(text, 'utf8'));
		at += bytes.write(text, at, 'utf8');
	};
	entries.forEach((entry, i) => {
		starts[i] = at;
		const { block, offset, length } = answers.where[i]!;
		at = writeVarint(bytes, at, block);
		at = writeVarint(bytes, at, offset);
		at = writeVarint(bytes, at, length);
		put(ids[i]!);
		at = writeVarint(bytes, at, entry.alternates.length);
		for (const alternate of entry.alternates) put(alternate);
	});
	const packed: PackedFaq = {
		questions: entries.map((entry) => entry.question),
		bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
		starts,
		answerBlocks: answers.blocks,
		blockStarts: answers.blockStarts,
	};
	if (entries.some((entry) => entry.line !== undefined))
		packed.lines = Int32Array.from(entries, (entry) => entry.line ?? -1);
	return packed;
}

/** The buffers of a packed FAQ, to transfer it rather than copy it. */
export function packedBuffers(packed: PackedFaq): ArrayBuffer[] {
	const { bytes, starts, answerBlocks, blockStarts, lines } = packed;
	const buffers = [bytes.buffer, starts.buffer, answerBlocks.buffer, blockStarts.buffer, lines?.buffer];
	return buffers.filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer);
}

/** An inflated answer block, kept for the next answers read from it. */
interface InflatedBlock {
	texts: FaqTexts;
	block: number;
	bytes: Buffer;
}

/**
 * The answer blocks inflated last, most recent first, of any document: a question's answer, and
 * in an index build each document's answers in order, come from a block just read. Few, so what
 * they hold (4 KiB each) stays negligible.
 */
const inflated: InflatedBlock[] = [];
const INFLATED_KEPT = 8;

/** One document's stored texts, shared by its entries. */
class FaqTexts {
	readonly #bytes: Buffer;
	readonly #starts: Uint32Array;
	readonly #answerBlocks: Buffer;
	readonly #blockStarts: Uint32Array;
	readonly #lines: Int32Array | undefined;
	/** Where the last read stopped: texts are read one after another. */
	#at = 0;

	constructor(packed: PackedFaq) {
		this.#bytes = Buffer.from(packed.bytes.buffer, packed.bytes.byteOffset, packed.bytes.byteLength);
		this.#starts = packed.starts;
		const blocks = packed.answerBlocks;
		this.#answerBlocks = Buffer.from(blocks.buffer, blocks.byteOffset, blocks.byteLength);
		this.#blockStarts = packed.blockStarts;
		this.#lines = packed.lines;
	}

	/** Answer block `block`, inflated (or as inflated a moment ago). */
	#block(block: number): Buffer {
		const found = inflated.findIndex((kept) => kept.texts === this && kept.block === block);
		if (found === 0) return inflated[0]!.bytes;
		const kept =
			found > 0
				? inflated.splice(found, 1)[0]!
				: {
						texts: this,
						block,
						bytes: inflateRawSync(
							this.#answerBlocks.subarray(this.#blockStarts[block], this.#blockStarts[block + 1]),
						),
					};
		inflated.unshift(kept);
		if (inflated.length > INFLATED_KEPT) inflated.pop();
		return kept.bytes;
	}

	#varint(): number {
		const bytes = this.#bytes;
		let n = 0;
		let scale = 1;
		for (;;) {
			const byte = bytes[this.#at++];
			// Only a bug can get here; without the check it would loop for ever.
			if (byte === undefined) throw new RangeError('stored FAQ text read past its end');
			n += (byte & 0x7f) * scale;
			if (byte < 0x80) return n;
			scale *= 0x80;
		}
	}

	#text(): string {
		const length = this.#varint();
		const start = this.#at;
		this.#at += length;
		return length === 0 ? '' : this.#bytes.toString('utf8', start, this.#at);
	}

	#skip(): void {
		// Not `this.#at += this.#varint()`: that would add to #at as it was before the varint was read.
		const length = this.#varint();
		this.#at += length;
	}

	answer(entry: number): string {
		this.#at = this.#starts[entry]!;
		const block = this.#varint();
		const offset = this.#varint();
		const length = this.#varint();
		return length === 0 ? '' : this.#block(block).toString('utf8', offset, offset + length);
	}

	/** Positions #at after the answer's place. */
	#skipAnswer(entry: number): void {
		this.#at = this.#starts[entry]!;
		this.#varint();
		this.#varint();
		this.#varint();
	}

	/** The stored id; '' when it is the slug of the question. */
	id(entry: number): string {
		this.#skipAnswer(entry);
		return this.#text();
	}

	alternates(entry: number): string[] {
		this.#skipAnswer(entry);
		this.#skip();
		const count = this.#varint();
		const alternates = new Array<string>(count);
		for (let i = 0; i < count; i++) alternates[i] = this.#text();
		return alternates;
	}

	line(entry: number): number | undefined {
		const line = this.#lines?.[entry];
		return line === undefined || line < 0 ? undefined : line;
	}
}

/** A FAQ entry whose texts are read from its document's stored bytes. Immutable, as documents are. */
export class StoredFaqEntry implements FaqEntry {
	readonly question: string;
	readonly #texts: FaqTexts;
	readonly #index: number;

	constructor(question: string, texts: FaqTexts, index: number) {
		this.question = question;
		this.#texts = texts;
		this.#index = index;
	}

	get id(): string {
		return this.#texts.id(this.#index) || slugify(this.question);
	}

	get answer(): string {
		return this.#texts.answer(this.#index);
	}

	/** A new list on every read: changing it changes nothing stored. */
	get alternates(): string[] {
		return this.#texts.alternates(this.#index);
	}

	get line(): number | undefined {
		return this.#texts.line(this.#index);
	}

	/** The entry as the plain object the parser made, for `JSON.stringify` (e.g. comparing documents on reload). */
	toJSON(): FaqEntry {
		return plainFaqEntry(this);
	}
}

/** The entries of a packed FAQ. */
export function storedFaq(packed: PackedFaq): FaqEntry[] {
	const texts = new FaqTexts(packed);
	return packed.questions.map((question, i) => new StoredFaqEntry(question, texts, i));
}

/** Any FAQ entry as a plain object with the parser's keys in the parser's order. */
export function plainFaqEntry(entry: FaqEntry): FaqEntry {
	const { line } = entry;
	return {
		id: entry.id,
		question: entry.question,
		answer: entry.answer,
		alternates: entry.alternates,
		...(line === undefined ? {} : { line }),
	};
}
