import type { ConfidenceFeatures } from './confidence.js';
import type { DocumentFacts } from '../knowledge/types.js';

/** What the answer engine returns; interfaces (Discord, console, CLI) only render it. */

export type SourceKind = 'faq' | 'section' | 'fact';

export interface AnswerSource {
	documentId: string;
	/** The document's title. */
	document: string;
	/** The section heading, FAQ question or fact name the answer came from. */
	title: string;
	kind: SourceKind;
}

/** A topic the asker may have meant: asking `question` answers it. */
export interface Suggestion {
	title: string;
	documentId: string;
	/** A question that the engine answers with this topic. */
	question: string;
}

export type AnswerKind = 'answer' | 'abstain' | 'smalltalk';

/**
 * Why the engine abstained, for the people who improve the knowledge and the engine: each calls
 * for a different fix.
 * - `vague`: the question asks nothing that could be matched ("is it", "why").
 * - `no-candidate`: no topic of the knowledge shares enough with it.
 * - `known-gap`: it asks for a fact the knowledge is known not to hold (a film's budget, ...).
 * - `names-only`: the best topic matched only the names of people while it asks something more
 *   about them ("where is Keanu Reeves from").
 * - `low-confidence`: the best topic's probability of being right is below the threshold.
 */
export const ABSTENTION_REASONS = [
	'vague',
	'no-candidate',
	'known-gap',
	'names-only',
	'low-confidence',
] as const;
export type AbstentionReason = (typeof ABSTENTION_REASONS)[number];

/** A topic the ranking considered for a question, with its ranking score (0..1). */
export interface Candidate {
	documentId: string;
	/** The FAQ question, section heading or fact name. */
	title: string;
	kind: SourceKind;
	score: number;
}

export interface Answer {
	question: string;
	kind: AnswerKind;
	/** True only for a knowledge answer; false when abstaining or making small talk. */
	answered: boolean;
	text: string;
	source?: AnswerSource;
	/** Confidence in 0..1. */
	score: number;
	/** Up to three closest topics, filled when the engine abstains. */
	suggestions: Suggestion[];
	/** Why the engine abstained; set on every abstention it makes, never on an answer. */
	abstention?: AbstentionReason;
	/** What the confidence of a knowledge answer was computed from (diagnostics, fitting). */
	evidence?: ConfidenceFeatures;
	/*
	 * The two fields below are always set by the engine; they are optional so that answers built
	 * elsewhere (test doubles of the interfaces) need not invent them.
	 */
	/** The ranking's best three topics, best first (empty for small talk and vague questions). */
	candidates?: Candidate[];
	/**
	 * The question as the engine matched it: its content words, spelling corrected and stemmed,
	 * once each, space-separated ('' for small talk and questions without content words). Two
	 * questions worded alike have the same or overlapping forms.
	 */
	normalized?: string;
}

export interface AskOptions {
	/** Restrict the answer to one document. */
	documentId?: string;
}

export interface DocumentSummary {
	id: string;
	title: string;
	aliases: string[];
	sections: number;
	faqEntries: number;
}

/** The engine as seen by every interface. Built once per knowledge load; immutable afterwards. */
export interface AnswerEngine {
	ask(question: string, options?: AskOptions): Answer;
	/** Topics (FAQ questions, section headings) matching what is typed so far, best first. */
	complete(partial: string, limit: number, options?: AskOptions): Suggestion[];
	documents(): DocumentSummary[];
	/** The structured facts of a document, if it has any. */
	facts(documentId: string): DocumentFacts | undefined;
	/** The FAQ questions of a document, in order. */
	faqQuestions(documentId: string): string[];
}
