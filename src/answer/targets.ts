import type { DocumentFacts, FaqEntry, KnowledgeDocument } from '../knowledge/types.js';
import type { SearchEntry } from '../search/search-index.js';
import { factTopicsFor } from './facts.js';
import type { SourceKind } from './types.js';

/**
 * Something the engine can answer with: an FAQ answer, one paragraph of a section, or a fact.
 * A `gap` is a fact topic the document does not state; winning with one means "not covered".
 */
export interface AnswerTarget {
	kind: SourceKind | 'gap';
	document: KnowledgeDocument;
	/** Section heading, FAQ question or fact label: the answer's source. */
	title: string;
	/** The answer's text (a FAQ entry's is read only when it answers: see {@link FaqTarget}). */
	readonly text: string;
	/** A question that leads back to this target, offered as a suggestion. */
	question: string;
	/**
	 * Other ways of saying what it answers, beside its title: the author's alternates, or a fact's
	 * questions. The document's own array, shared, so a target costs no array of its own.
	 */
	alternates: readonly string[];
	/** For a section paragraph: all the section's paragraphs, and which one this is. */
	section?: { paragraphs: readonly string[]; index: number };
}

/**
 * A FAQ entry as a target. Its answer is read from the entry when it is asked for, not copied at
 * build time: a stored entry (knowledge/stored-faq.ts) keeps its answer as bytes, and an engine
 * that held every answer as a string would undo that for the whole knowledge base.
 */
class FaqTarget implements AnswerTarget {
	readonly kind = 'faq';

	constructor(
		readonly document: KnowledgeDocument,
		readonly entry: FaqEntry,
	) {}

	get title(): string {
		return this.entry.question;
	}

	get question(): string {
		return this.entry.question;
	}

	get text(): string {
		return this.entry.answer;
	}

	get alternates(): readonly string[] {
		return this.entry.alternates;
	}
}

/**
 * A fact's text as the index sees it: without the titles of the other works its people are known
 * for. "Directed by Len Wiseman (known for Underworld)" answers who directed this film, not who
 * directed Underworld, so "underworld" must not count as a word the answer covers.
 */
function withoutOtherWorks(text: string, facts: DocumentFacts): string {
	const works = [...facts.directors, ...facts.cast].flatMap((person) => person.knownFor);
	return works.reduce((rest, work) => rest.split(work).join(' '), text);
}

/**
 * A document's targets in entry order: its FAQ entries' first, then its sections' and facts'. A
 * FAQ entry's target is made when it is asked for (a few per question) rather than kept: at
 * 100,000 entries, kept ones were 5 MiB of objects that only pointed at the entries.
 */
export class DocumentTargets {
	readonly #document: KnowledgeDocument;
	readonly #faq: readonly FaqEntry[];
	readonly #others: readonly AnswerTarget[];

	constructor(document: KnowledgeDocument, others: readonly AnswerTarget[]) {
		this.#document = document;
		this.#faq = document.faq;
		this.#others = others;
	}

	get document(): KnowledgeDocument {
		return this.#document;
	}

	/** How many of the targets (the first ones) are FAQ entries'. */
	get faqCount(): number {
		return this.#faq.length;
	}

	get length(): number {
		return this.#faq.length + this.#others.length;
	}

	at(local: number): AnswerTarget {
		const faq = this.#faq;
		const target =
			local < faq.length ? new FaqTarget(this.#document, faq[local]!) : this.#others[local - faq.length];
		if (!target) throw new RangeError(`no target ${local} in document '${this.#document.id}'`);
		return target;
	}
}

/** Every document's targets, numbered across documents in the order the index numbers their entries. */
export class TargetList implements Iterable<AnswerTarget> {
	readonly #parts: readonly DocumentTargets[];
	/** Global number of each part's first target. */
	readonly #starts: Int32Array;
	readonly length: number;

	constructor(parts: readonly DocumentTargets[]) {
		this.#parts = parts;
		this.#starts = new Int32Array(parts.length);
		let length = 0;
		parts.forEach((part, i) => {
			this.#starts[i] = length;
			length += part.length;
		});
		this.length = length;
	}

	/** The target of the index's entry `entry`. */
	at(entry: number): AnswerTarget {
		// The last part starting at or before `entry`.
		let low = 0;
		let high = this.#starts.length - 1;
		while (low < high) {
			const middle = (low + high + 1) >>> 1;
			if (this.#starts[middle]! <= entry) low = middle;
			else high = middle - 1;
		}
		const part = this.#parts[low];
		if (!part || entry < 0 || entry >= this.length) throw new RangeError(`no target ${entry}`);
		return part.at(entry - this.#starts[low]!);
	}

	*[Symbol.iterator](): Iterator<AnswerTarget> {
		for (const part of this.#parts) for (let local = 0; local < part.length; local++) yield part.at(local);
	}

	/** The targets, in order, of the documents `documentIds` names (of all without it). */
	*of(documentIds?: readonly string[]): Generator<AnswerTarget> {
		for (const part of this.#parts) {
			if (documentIds && !documentIds.includes(part.document.id)) continue;
			for (let local = 0; local < part.length; local++) yield part.at(local);
		}
	}

	/** The FAQ entries' targets, in order, of the documents `documentIds` names (of all without it). */
	*faqTargets(documentIds?: readonly string[]): Generator<AnswerTarget> {
		for (const part of this.#parts) {
			if (documentIds && !documentIds.includes(part.document.id)) continue;
			for (let local = 0; local < part.faqCount; local++) yield part.at(local);
		}
	}
}

/** Flattens a document into answer targets and the search entries that describe them (same order). */
export function documentTargets(document: KnowledgeDocument): {
	targets: DocumentTargets;
	entries: SearchEntry[];
} {
	const targets: AnswerTarget[] = [];
	const entries: SearchEntry[] = [];
	const scope = document.id;
	for (const entry of document.faq) {
		entries.push({
			scope,
			fields: [
				...[entry.question, ...entry.alternates].map((text) => ({ kind: 'question' as const, text })),
				{ kind: 'body', text: entry.answer },
			],
		});
	}
	for (const section of document.sections) {
		const describe = [
			{ kind: 'heading' as const, text: section.heading },
			...section.alternates.map((text) => ({ kind: 'question' as const, text })),
		];
		for (const [index, paragraph] of section.paragraphs.entries()) {
			targets.push({
				kind: 'section',
				document,
				title: section.heading,
				text: paragraph,
				question: section.heading,
				alternates: section.alternates,
				section: { paragraphs: section.paragraphs, index },
			});
			entries.push({ scope, fields: [...describe, { kind: 'body', text: paragraph }] });
		}
	}
	const facts = document.facts ?? { directors: [], cast: [], composers: [] };
	for (const topic of factTopicsFor(document)) {
		const text = topic.answer(document, facts);
		const questions = topic.questions.map((q) => ({ kind: 'question' as const, text: q }));
		const [first = topic.label] = topic.questions;
		if (text === undefined) {
			targets.push({
				kind: 'gap',
				document,
				title: topic.label,
				text: '',
				question: first,
				alternates: topic.questions,
			});
			entries.push({ scope, fields: questions });
		} else {
			targets.push({
				kind: 'fact',
				document,
				title: topic.label,
				text,
				question: first,
				alternates: topic.questions,
			});
			entries.push({ scope, fields: [...questions, { kind: 'body', text: withoutOtherWorks(text, facts) }] });
		}
	}
	return { targets: new DocumentTargets(document, targets), entries };
}

/** Every text that says what a target answers or answers with: title, alternates, text. */
export function targetTexts(target: AnswerTarget): string[] {
	return target.text === ''
		? [target.title, ...target.alternates]
		: [target.title, ...target.alternates, target.text];
}
