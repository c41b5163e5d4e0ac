/**
 * What /release, /cast, /faq, /help and /reload give, computed once for every interface: the
 * Discord commands and the local console only render it. A result holds what to show, or a notice
 * in words that any interface shows as they are (a title that names no document, a fact the
 * knowledge doesn't have).
 */
import { count, formatProblem } from '../knowledge/report.js';
import type { CastMember, Person } from '../knowledge/types.js';
import { resolveTitle } from './document-titles.js';
import type { NamedChanges } from './reload-diff.js';
import type { ReloadReport } from './service.js';
import type { Answer, AnswerEngine, AnswerKind, DocumentSummary } from './types.js';

export interface Notice {
	ok: false;
	notice: string;
}

const notice = (text: string): Notice => ({ ok: false, notice: text });

/**
 * How a fact command's result counts among questions (metrics): the fact itself is an answer, a
 * notice (no such title, a fact the knowledge doesn't have) an abstention.
 */
export function factKind(result: { ok: boolean }): AnswerKind {
	return result.ok ? 'answer' : 'abstain';
}

export type ReleaseResult = { ok: true; document: DocumentSummary; releaseDate: string } | Notice;

export function releaseResult(engine: AnswerEngine, title: string | undefined): ReleaseResult {
	const found = resolveTitle(engine.documents(), title);
	if (!found.ok) return found;
	const { document } = found;
	const releaseDate = engine.facts(document.id)?.releaseDate;
	if (!releaseDate) return notice(`The knowledge doesn't give a release date for “${document.title}”.`);
	return { ok: true, document, releaseDate };
}

export type CastResult =
	{ ok: true; document: DocumentSummary; cast: CastMember[]; directors: Person[] } | Notice;

export function castResult(engine: AnswerEngine, title: string | undefined): CastResult {
	const found = resolveTitle(engine.documents(), title);
	if (!found.ok) return found;
	const { document } = found;
	const facts = engine.facts(document.id);
	if (!facts || (facts.cast.length === 0 && facts.directors.length === 0))
		return notice(`The knowledge doesn't list a cast for “${document.title}”.`);
	return { ok: true, document, cast: facts.cast, directors: facts.directors };
}

export type FaqResult = { ok: true; document: DocumentSummary; questions: string[] } | Notice;

export function faqResult(engine: AnswerEngine, title: string | undefined): FaqResult {
	const found = resolveTitle(engine.documents(), title);
	if (!found.ok) return found;
	const { document } = found;
	const questions = engine.faqQuestions(document.id);
	if (questions.length === 0) return notice(`“${document.title}” has no FAQ entries.`);
	return { ok: true, document, questions };
}

export type FaqTopicResult = { ok: true; answer: Answer } | Notice;

/**
 * One FAQ topic's answer, to post for someone: the knowledge's answer to `topic` (in the document
 * `title` names, when it names one), or a notice when no topic answers it.
 */
export function faqTopicResult(
	engine: AnswerEngine,
	topic: string,
	title: string | undefined,
): FaqTopicResult {
	let documentId: string | undefined;
	if (title !== undefined) {
		const found = resolveTitle(engine.documents(), title);
		if (!found.ok) return found;
		documentId = found.document.id;
	}
	const answer = engine.ask(topic, documentId ? { documentId } : {});
	if (answer.kind !== 'answer')
		return notice(`No FAQ topic answers “${topic}” — pick one of the topics offered as you type.`);
	return { ok: true, answer };
}

/** A command besides asking, as /help describes it. */
export interface CommandSummary {
	name: string;
	/** Takes an optional title (the only document when left out). */
	takesTitle: boolean;
	does: string;
	/** On Discord, only moderators may use it (the console's user is the knowledge's owner). */
	forModerators: boolean;
}

export const COMMANDS: readonly CommandSummary[] = [
	{ name: 'release', takesTitle: true, does: 'release date', forModerators: false },
	{ name: 'cast', takesTitle: true, does: 'cast and director', forModerators: false },
	{ name: 'faq', takesTitle: true, does: 'the FAQ questions', forModerators: false },
	{ name: 'reload', takesTitle: false, does: 'reload the knowledge after editing it', forModerators: true },
	{
		name: 'unanswered',
		takesTitle: false,
		does: 'the questions left unanswered, in clusters, over the last days given',
		forModerators: true,
	},
	{
		name: 'stats',
		takesTitle: false,
		does: 'questions, answers and votes of the last 7 and 30 days',
		forModerators: true,
	},
];

export interface HelpResult {
	/** The titles of the documents the answers come from, in knowledge order. */
	titles: string[];
	commands: readonly CommandSummary[];
}

export function helpResult(engine: AnswerEngine): HelpResult {
	return { titles: engine.documents().map((d) => d.title), commands: COMMANDS };
}

export type ReloadResult =
	| {
			ok: true;
			/** What is served now, e.g. `2 documents · 11 sections · 6 FAQ entries`. */
			serving: string;
			/** One line per document, section or FAQ entry added (+), removed (−) or edited (~). */
			changes: string[];
	  }
	| { ok: false; problems: string[] };

function changeLines(label: string, changes: NamedChanges): string[] {
	return [
		...changes.added.map((name) => `+ ${label}: ${name}`),
		...changes.removed.map((name) => `− ${label}: ${name}`),
		...changes.changed.map((name) => `~ ${label}: ${name}`),
	];
}

export function reloadResult(report: ReloadReport): ReloadResult {
	if (!report.ok) return { ok: false, problems: report.problems.map((problem) => formatProblem(problem)) };
	const { counts, diff } = report;
	const changes = [
		...changeLines('document', diff.documents),
		...changeLines('section', diff.sections),
		...changeLines('FAQ', diff.faqEntries),
	];
	return {
		ok: true,
		serving: [
			count(counts.documents, 'document'),
			count(counts.sections, 'section'),
			count(counts.faqEntries, 'FAQ entry', 'FAQ entries'),
		].join(' · '),
		changes: changes.length > 0 ? changes : ['No changes.'],
	};
}
