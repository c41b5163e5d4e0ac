/**
 * FAQ entries as the loader keeps them: a document's answers, ids and alternates in one UTF-8
 * byte block outside the JavaScript heap, each entry an object with its question and a position.
 *
 * A large knowledge base is mostly these texts: at 100,000 entries they were 800,000 strings (about
 * 60 MiB of heap, a fifth of it string headers), and a parse worker handed each one over by
 * structured clone, string by string. Stored this way they cost their UTF-8 bytes and a few bytes
 * per entry, the bytes move from a parse worker to the loader without a copy, and the questions,
 * which the engine reads on every answer (titles, suggestions), stay strings.
 *
 * Entries read their texts when asked for them: `answer` decodes one text (well under a
 * microsecond), `alternates` a few. Every read gives the same text as the entry had when it was
 * stored, so nothing downstream can tell a stored entry from a plain one except that it is not a
 * plain object: `JSON.stringify` goes through {@link StoredFaqEntry.toJSON}, and deep-equality in
 * tests needs {@link plainFaqEntry}.
 *
 * Texts that UTF-8 cannot hold unchanged (a lone surrogate, from a YAML escape) keep their
 * document's entries as they are.
 */
import { slugify } from './slug.js';
import type { FaqEntry } from './types.js';

/**
 * A document's FAQ entries in transferable form: what a parse worker posts (the buffers moved, not
 * copied) and what {@link storedFaq} turns into entries.
 *
 * Per entry, at `starts[i]` in `bytes`: the answer, the id (empty when it is the slug of the
 * question, as it nearly always is), then the number of alternates and each alternate — every text
 * as a varint byte length followed by its UTF-8 bytes.
 */
export interface PackedFaq {
	questions: string[];
	bytes: Uint8Array;
	starts: Uint32Array;
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

/** The entries' texts packed for storing (see {@link PackedFaq}); undefined when some text cannot be stored unchanged. */
export function packFaq(entries: readonly FaqEntry[]): PackedFaq | undefined {
	if (!allWellFormed(entries)) return undefined;
	const ids = entries.map((entry) => (entry.id === slugify(entry.question) ? '' : entry.id));
	let size = 0;
	const textSize = (text: string) => {
		const length = Buffer.byteLength(text, 'utf8');
		return varintLength(length) + length;
	};
	entries.forEach((entry, i) => {
		size += textSize(entry.answer) + textSize(ids[i]!) + varintLength(entry.alternates.length);
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
		put(entry.answer);
		put(ids[i]!);
		at = writeVarint(bytes, at, entry.alternates.length);
		for (const alternate of entry.alternates) put(alternate);
	});
	const packed: PackedFaq = {
		questions: entries.map((entry) => entry.question),
		bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
		starts,
	};
	if (entries.some((entry) => entry.line !== undefined))
		packed.lines = Int32Array.from(entries, (entry) => entry.line ?? -1);
	return packed;
}

/** The buffers of a packed FAQ, to transfer it rather than copy it. */
export function packedBuffers(packed: PackedFaq): ArrayBuffer[] {
	const buffers = [packed.bytes.buffer, packed.starts.buffer, packed.lines?.buffer];
	return buffers.filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer);
}

/** One document's stored texts, shared by its entries. */
class FaqTexts {
	readonly #bytes: Buffer;
	readonly #starts: Uint32Array;
	readonly #lines: Int32Array | undefined;
	/** Where the last read stopped: texts are read one after another. */
	#at = 0;

	constructor(packed: PackedFaq) {
		this.#bytes = Buffer.from(packed.bytes.buffer, packed.bytes.byteOffset, packed.bytes.byteLength);
		this.#starts = packed.starts;
		this.#lines = packed.lines;
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
		return this.#text();
	}

	/** The stored id; '' when it is the slug of the question. */
	id(entry: number): string {
		this.#at = this.#starts[entry]!;
		this.#skip();
		return this.#text();
	}

	alternates(entry: number): string[] {
		this.#at = this.#starts[entry]!;
		this.#skip();
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
