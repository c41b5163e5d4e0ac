/**
 * The knowledge model every other layer works with. Loaders (Markdown documents, plain FAQ lists)
 * produce it; the search and answer layers only read it.
 */

/** A person the knowledge names, with the works it says they are known for. */
export interface Person {
	name: string;
	knownFor: string[];
}

export interface CastMember extends Person {
	/** The character, where the knowledge names one. */
	role?: string;
}

/** Structured facts from a document's front matter; every field is optional because documents differ. */
export interface DocumentFacts {
	/** ISO date, YYYY-MM-DD. */
	releaseDate?: string;
	directors: Person[];
	cast: CastMember[];
	composers: string[];
	runtimeMinutes?: number;
}

export interface FaqEntry {
	/** Unique within its document, stable across reloads (derived from the question unless given). */
	id: string;
	question: string;
	answer: string;
	/** Other ways people ask the same thing, written by the knowledge author. */
	alternates: string[];
	line?: number;
}

export interface Section {
	/** Unique within its document (a slug of the heading). */
	id: string;
	heading: string;
	paragraphs: string[];
	alternates: string[];
	line?: number;
}

/** What kind of thing a document describes; decides which fact questions apply to it. */
export type DocumentKind = 'film' | 'general';

export interface KnowledgeDocument {
	/** Unique in the knowledge base; the file name without extension unless the file sets `id`. */
	id: string;
	title: string;
	/** Other names people use for the document's subject; a question naming one is scoped to it. */
	aliases: string[];
	kind: DocumentKind;
	/** Path relative to the knowledge folder, for messages. */
	file: string;
	facts?: DocumentFacts;
	sections: Section[];
	faq: FaqEntry[];
	/** Groups of words the author wants treated as the same word in this document. */
	synonyms: string[][];
}

export interface KnowledgeBase {
	documents: KnowledgeDocument[];
	/** Knowledge-base-wide synonym groups (from `_synonyms.yaml`). */
	synonyms: string[][];
}

export interface KnowledgeProblem {
	/** Path relative to the knowledge folder. */
	file: string;
	line?: number;
	/** Dotted path of the field at fault, e.g. `cast.2.actor`. */
	field?: string;
	message: string;
}

export interface LoadResult {
	knowledge: KnowledgeBase;
	/** Every problem found; files with problems are left out of `knowledge`, the rest still load. */
	problems: KnowledgeProblem[];
}
