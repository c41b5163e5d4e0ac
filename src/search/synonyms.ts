import { irregularVerbBase } from './base-forms.js';
import { isStopWord, stem, words } from './text.js';

/** Longest synonym phrase we look for, in terms; authors write words or short phrases. */
const MAX_PHRASE_TERMS = 3;

/**
 * Whether `form` is `word` with an inflectional ending: plural, third person, past, participle
 * ("star" → "stars", "starred", "starring"; "story" → "stories"), or an irregular verb form of it.
 */
function inflects(form: string, word: string): boolean {
	if (form === word) return true;
	if (irregularVerbBase(form) === word) return true;
	if (!form.startsWith(word.slice(0, -1))) return false;
	const last = word.at(-1)!;
	const endings = ['s', 'es', 'ed', 'd', 'ing', `${last}ed`, `${last}ing`];
	if (endings.some((ending) => form === word + ending)) return true;
	const base = word.slice(0, -1);
	if (last === 'e') return form === `${base}ing`;
	if (last === 'y') return form === `${base}ies` || form === `${base}ied`;
	return false;
}

/** Whether two words are forms of one word: one inflects the other ("stunt" / "stunts"). */
const sameWord = (a: string, b: string) => inflects(a, b) || inflects(b, a);

/**
 * Rewrites terms so that every member of a synonym group becomes the group's first member.
 * Applied to both the indexed text and the question, it makes "story" match "plot" without
 * query-time expansion and without changing scores for anything else.
 *
 * A member stands for itself and its inflections, not for every word with its stem: the Porter
 * stem of "performer" is also that of "performance", and of "appearance" that of "appear", so a
 * group [actor, performer] matched on stems alone would read "her performance" as "her actor".
 */
export class SynonymMap {
	/**
	 * Per stem phrase, the members with those stems and the term each stands for: "performer" and
	 * "performance" share a stem but may belong to different groups, so the typed words decide.
	 */
	readonly #members = new Map<string, { words: string[]; canonical: string }[]>();
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
		/** Member words (joined) already given a meaning: first group wins. */
		const claimed = new Map<string, string>();
		for (const group of groups) {
			const members = group
				.map((member) => words(member).filter((word) => !isStopWord(word)))
				.filter((memberWords) => memberWords.length > 0);
			const [head] = members;
			if (head === undefined) continue;
			const canonical = claimed.get(head.join(' ')) ?? head.map(stem).join(' ');
			for (const memberWords of members) {
				if (claimed.has(memberWords.join(' '))) continue;
				claimed.set(memberWords.join(' '), canonical);
				const phrase = memberWords.map(stem).join(' ');
				const known = this.#members.get(phrase);
				if (known) known.push({ words: memberWords, canonical });
				else this.#members.set(phrase, [{ words: memberWords, canonical }]);
			}
		}
		for (const phrase of this.#members.keys())
			for (const term of phrase.split(' ')) this.#phraseTerms.add(term);
	}

	/** True when `term` is part of some synonym phrase, so that {@link apply} may change a text that has it. */
	touches(term: string): boolean {
		return this.#phraseTerms.has(term);
	}

	get size(): number {
		return this.#members.size;
	}

	/**
	 * Replaces synonym phrases (longest first) by their canonical term; phrases become one term.
	 * `stems` are a text's terms and `surface` the words they were stemmed from, position by
	 * position: a phrase is replaced only when its words are forms of a member's words.
	 */
	apply(stems: readonly string[], surface: readonly string[]): string[] {
		if (this.#members.size === 0) return [...stems];
		const output: string[] = [];
		for (let i = 0; i < stems.length;) {
			let matched = false;
			for (let length = Math.min(MAX_PHRASE_TERMS, stems.length - i); length >= 1; length--) {
				const canonical = this.#canonicalOf(
					stems.slice(i, i + length).join(' '),
					surface.slice(i, i + length),
				);
				if (canonical === undefined) continue;
				output.push(canonical);
				i += length;
				matched = true;
				break;
			}
			if (!matched) output.push(stems[i++] as string);
		}
		return output;
	}

	/** The terms of a text (as `terms()` gives them) with this map applied. */
	applyToText(text: string): string[] {
		const kept = words(text).filter((word) => !isStopWord(word));
		return this.apply(kept.map(stem), kept);
	}

	/** The term a phrase stands for, when its typed words are forms of a member's words. */
	#canonicalOf(phrase: string, typed: readonly string[]): string | undefined {
		return this.#members
			.get(phrase)
			?.find((member) => member.words.every((word, k) => sameWord(typed[k] ?? '', word)))?.canonical;
	}
}
