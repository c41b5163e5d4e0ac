import type { DocumentFacts, KnowledgeDocument } from '../knowledge/types.js';
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
	text: string;
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
 * A fact's text as the index sees it: without the titles of the other works its people are known
 * for. "Directed by Len Wiseman (known for Underworld)" answers who directed this film, not who
 * directed Underworld, so "underworld" must not count as a word the answer covers.
 */
function withoutOtherWorks(text: string, facts: DocumentFacts): string {
	const works = [...facts.directors, ...facts.cast].flatMap((person) => person.knownFor);
	return works.reduce((rest, work) => rest.split(work).join(' '), text);
}

/** Flattens a document into answer targets and the search entries that describe them (same order). */
export function documentTargets(document: KnowledgeDocument): {
	targets: AnswerTarget[];
	entries: SearchEntry[];
} {
	const targets: AnswerTarget[] = [];
	const entries: SearchEntry[] = [];
	const scope = document.id;
	for (const entry of document.faq) {
		targets.push({
			kind: 'faq',
			document,
			title: entry.question,
			text: entry.answer,
			question: entry.question,
			alternates: entry.alternates,
		});
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
	return { targets, entries };
}

/** Every text that says what a target answers or answers with: title, alternates, text. */
export function targetTexts(target: AnswerTarget): string[] {
	return target.text === ''
		? [target.title, ...target.alternates]
		: [target.title, ...target.alternates, target.text];
}
