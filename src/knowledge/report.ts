/** Plain-text rendering of load results, for the check CLI and anything else that shows them. */
import path from 'node:path';
import type { KnowledgeBase, KnowledgeProblem } from './types.js';

/**
 * `file:line: field: message` (line and field only when known). With `directory`, the file is
 * shown joined to it, so terminals and editors can open it.
 */
export function formatProblem(problem: KnowledgeProblem, directory?: string): string {
	const file =
		directory === undefined ? problem.file : problem.file === '.' ? directory : path.join(directory, problem.file);
	const location = problem.line === undefined ? file : `${file}:${problem.line}`;
	return `${location}: ${problem.field ? `${problem.field}: ` : ''}${problem.message}`;
}

/** `1 document`, `2 documents`: a number with its noun. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
	return `${n} ${n === 1 ? singular : plural}`;
}

/** E.g. `3 documents, 14 sections, 5 FAQ entries (12 alternates), 2 synonym groups — OK`. */
export function summarizeKnowledge(knowledge: KnowledgeBase, problemCount: number): string {
	let sections = 0;
	let faq = 0;
	let alternates = 0;
	let synonymGroups = knowledge.synonyms.length;
	for (const document of knowledge.documents) {
		sections += document.sections.length;
		faq += document.faq.length;
		synonymGroups += document.synonyms.length;
		for (const item of [...document.sections, ...document.faq]) alternates += item.alternates.length;
	}
	const totals = [
		count(knowledge.documents.length, 'document'),
		count(sections, 'section'),
		`${count(faq, 'FAQ entry', 'FAQ entries')} (${count(alternates, 'alternate')})`,
		count(synonymGroups, 'synonym group'),
	].join(', ');
	return `${totals} — ${problemCount === 0 ? 'OK' : count(problemCount, 'problem')}`;
}
