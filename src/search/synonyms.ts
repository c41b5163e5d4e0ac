import { terms } from './text.js';

/** Longest synonym phrase we look for, in terms; authors write words or short phrases. */
const MAX_PHRASE_TERMS = 3;

/**
 * Rewrites terms so that every member of a synonym group becomes the group's first member.
 * Applied to both the indexed text and the question, it makes "story" match "plot" without
 * query-time expansion and without changing scores for anything else.
 */
export class SynonymMap {
	readonly #canonical = new Map<string, string>();
	/** Every term that is part of some synonym phrase: a text without any of them is left as it is. */
	readonly #phraseTerms = new Set<string>();
	/** Equal for maps built from the same groups: ranking treats scopes with equal keys as one. */
	readonly key: string;

	/** The key a map built from these groups has. */
	static keyOf(groups: readonly (readonly string[])[]): string {
		return JSON.stringify(groups);
	}

	constructor(groups: readonly (readonly string[])[]) {
		this.key = SynonymMap.keyOf(groups);
		for (const group of groups) {
			const [head, ...rest] = group.map((member) => terms(member).join(' ')).filter((t) => t !== '');
			if (head === undefined) continue;
			// A term already claimed by an earlier group keeps its first meaning: first group wins.
			const target = this.#canonical.get(head) ?? head;
			for (const member of [head, ...rest]) {
				if (!this.#canonical.has(member)) this.#canonical.set(member, target);
			}
		}
		for (const phrase of this.#canonical.keys())
			for (const term of phrase.split(' ')) this.#phraseTerms.add(term);
	}

	/** True when `term` is part of some synonym phrase, so that {@link apply} may change a text that has it. */
	touches(term: string): boolean {
		return this.#phraseTerms.has(term);
	}

	get size(): number {
		return this.#canonical.size;
	}

	/** Replaces synonym phrases (longest first) by their canonical term; phrases become one term. */
	apply(input: readonly string[]): string[] {
		if (this.#canonical.size === 0) return [...input];
		const output: string[] = [];
		for (let i = 0; i < input.length;) {
			let matched = false;
			for (let length = Math.min(MAX_PHRASE_TERMS, input.length - i); length >= 1; length--) {
				const phrase = input.slice(i, i + length).join(' ');
				const canonical = this.#canonical.get(phrase);
				if (canonical !== undefined) {
					output.push(canonical);
					i += length;
					matched = true;
					break;
				}
			}
			if (!matched) output.push(input[i++] as string);
		}
		return output;
	}
}
