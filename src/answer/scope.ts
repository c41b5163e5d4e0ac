import type { DocumentKind, KnowledgeDocument } from '../knowledge/types.js';
import { foldText } from '../search/text.js';

export interface ScopedQuestion {
	/** Ids of the documents the question names; empty when it names none. */
	documentIds: string[];
	/** The question without the names, so a title's words don't count as evidence for every passage. */
	question: string;
}

/**
 * Words that refer to a document's subject as a whole. In "how long is the film" only "how long"
 * says what is wanted; "film" would otherwise pull in every paragraph that mentions the film.
 */
const SUBJECT_NOUNS: Record<DocumentKind, readonly string[]> = {
	film: ['film', 'films', 'movie', 'movies', 'flick', 'picture'],
	general: [],
};

function namesOf(document: KnowledgeDocument): string[] {
	return [document.title, ...document.aliases]
		.map(foldText)
		.filter((name) => name !== '')
		.sort((a, b) => b.length - a.length);
}

/** Finds the documents a question names by title, alias or id, longest names first. */
export function scopeQuestion(question: string, documents: readonly KnowledgeDocument[]): ScopedQuestion {
	const folded = ` ${foldText(question)} `;
	let rest = folded;
	const documentIds: string[] = [];
	for (const document of documents) {
		for (const name of namesOf(document)) {
			const padded = ` ${name} `;
			if (!rest.includes(padded)) continue;
			if (!documentIds.includes(document.id)) documentIds.push(document.id);
			rest = rest.split(padded).join(' ');
		}
	}
	const candidates = documentIds.length > 0 ? documents.filter((d) => documentIds.includes(d.id)) : documents;
	const kinds = new Set(candidates.map((d) => d.kind));
	const [onlyKind] = kinds;
	if (kinds.size === 1 && onlyKind) {
		for (const noun of SUBJECT_NOUNS[onlyKind]) rest = rest.split(` ${noun} `).join(' ');
	}
	const remainder = rest.trim();
	// A question that is nothing but a title ("ballerina?") is about the document as a whole.
	return { documentIds, question: remainder === '' ? folded.trim() : remainder };
}
