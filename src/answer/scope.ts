import type { DocumentKind, KnowledgeDocument } from '../knowledge/types.js';
import { foldText } from '../search/text.js';

export interface ScopedQuestion {
	/** Ids of the documents the question names; empty when it names none. */
	documentIds: string[];
	/** The question without the names, so a title's words don't count as evidence for every passage. */
	question: string;
}

/**
 * Words that refer to a document's subject as a whole. In "what year is the movie from" only
 * "what year" says what is wanted; "movie" would otherwise pull in every paragraph that mentions
 * the film.
 */
const SUBJECT_NOUNS: Record<DocumentKind, readonly string[]> = {
	film: ['film', 'films', 'movie', 'movies', 'flick', 'picture'],
	general: [],
};

interface NamedDocument {
	id: string;
	kind: DocumentKind;
	/** Folded title and aliases, longest first, each with a space either side (as matched). */
	names: string[];
}

/**
 * Finds the documents a question names by title or alias. Names are folded once, when the
 * engine is built, rather than for every question.
 */
export class QuestionScoper {
	readonly #documents: NamedDocument[];
	/** The kinds of all the documents, for a question that names none. */
	readonly #allKinds: ReadonlySet<DocumentKind>;

	constructor(documents: readonly KnowledgeDocument[]) {
		this.#documents = documents.map((document) => ({
			id: document.id,
			kind: document.kind,
			names: [document.title, ...document.aliases]
				.map(foldText)
				.filter((name) => name !== '')
				.sort((a, b) => b.length - a.length)
				.map((name) => ` ${name} `),
		}));
		this.#allKinds = new Set(this.#documents.map((d) => d.kind));
	}

	/**
	 * The documents a question names (longest names first) and the question without them.
	 * `folded` is the question as foldText() returns it.
	 */
	scope(folded: string): ScopedQuestion {
		const padded = ` ${folded} `;
		let rest = padded;
		const documentIds: string[] = [];
		for (const document of this.#documents) {
			for (const paddedName of document.names) {
				if (!rest.includes(paddedName)) continue;
				if (!documentIds.includes(document.id)) documentIds.push(document.id);
				rest = rest.split(paddedName).join(' ');
			}
		}
		const kinds =
			documentIds.length > 0
				? new Set(this.#documents.filter((d) => documentIds.includes(d.id)).map((d) => d.kind))
				: this.#allKinds;
		const [onlyKind] = kinds;
		if (kinds.size === 1 && onlyKind) {
			for (const noun of SUBJECT_NOUNS[onlyKind]) rest = rest.split(` ${noun} `).join(' ');
		}
		const remainder = rest.trim();
		// A question that is nothing but a title ("ballerina?") is about the document as a whole.
		return { documentIds, question: remainder === '' ? folded : remainder };
	}
}
