/**
 * Numbers every string the index meets (surface words, stems, terms, word pairs), so segments
 * store small integers instead of their own copies of the same strings, and joining segments
 * into one index adds up typed arrays instead of merging maps.
 *
 * Append-only: an id never changes or goes away, so a segment kept across reloads stays valid
 * in every index built on the same lexicon. Words of deleted documents stay in it until an
 * engine is built from scratch; the vocabulary of a knowledge base is small next to its texts.
 */
export class Lexicon {
	readonly #ids = new Map<string, number>();
	readonly #strings: string[] = [];

	/** The string's id, numbering it if it is new. */
	id(text: string): number {
		let id = this.#ids.get(text);
		if (id === undefined) {
			id = this.#strings.length;
			this.#ids.set(text, id);
			this.#strings.push(text);
		}
		return id;
	}

	/** The string's id, or undefined if it was never numbered. */
	find(text: string): number | undefined {
		return this.#ids.get(text);
	}

	text(id: number): string {
		const text = this.#strings[id];
		if (text === undefined) throw new RangeError(`no string has id ${id}`);
		return text;
	}

	get size(): number {
		return this.#strings.length;
	}
}
