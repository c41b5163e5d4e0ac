/**
 * Known words by prefix, most frequent first: completes the word someone is still typing in an
 * autocomplete box, where spelling correction would only see a truncated word.
 */
export class PrefixCompleter {
	readonly #words: string[];
	readonly #counts: ReadonlyMap<string, number>;

	constructor(vocabulary: ReadonlyMap<string, number>) {
		this.#counts = vocabulary;
		this.#words = [...vocabulary.keys()].sort();
	}

	/** Up to `limit` known words starting with `prefix` (a folded word), most frequent first. */
	complete(prefix: string, limit: number): string[] {
		const words = this.#words;
		let low = 0;
		let high = words.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (words[middle]! < prefix) low = middle + 1;
			else high = middle;
		}
		const matches: string[] = [];
		for (let i = low; i < words.length && words[i]!.startsWith(prefix); i++) matches.push(words[i]!);
		const count = (word: string) => this.#counts.get(word) ?? 0;
		return matches.sort((a, b) => count(b) - count(a) || (a < b ? -1 : 1)).slice(0, limit);
	}
}
