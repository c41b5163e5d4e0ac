/**
 * The second pass over a Markdown body: checks the drafts body-drafts.ts collected — `##`
 * sections, the FAQ headings and their `###` questions — and turns them into sections and FAQ
 * entries, reporting what an author must fix.
 */
import type { BlockLayout, Draft, FaqHeading } from './body-drafts.js';
import { slugify } from './slug.js';
import type { FaqEntry, KnowledgeProblem, Section } from './types.js';

/** Problems of one file, each with its line. */
function problemList(file: string) {
	const problems: KnowledgeProblem[] = [];
	return { problems, add: (line: number, message: string) => void problems.push({ file, line, message }) };
}

/** The line where `id` was first seen, remembering `line` for it if this is the first time. */
function firstSeen(seen: Map<string, number>, id: string, line: number): number | undefined {
	const previous = seen.get(id);
	if (previous === undefined) seen.set(id, line);
	return previous;
}

export function validateSections(
	file: string,
	drafts: readonly Draft[],
): { sections: Section[]; layout: BlockLayout[]; problems: KnowledgeProblem[] } {
	const sections: Section[] = [];
	const layout: BlockLayout[] = [];
	const { problems, add: problem } = problemList(file);
	const seen = new Map<string, number>();
	for (const draft of drafts) {
		const id = slugify(draft.heading);
		if (!draft.heading) {
			problem(draft.line, "this '##' heading has no text");
			continue;
		}
		if (!id) {
			problem(draft.line, `the heading '${draft.heading}' needs at least one letter or digit`);
			continue;
		}
		const previous = firstSeen(seen, id, draft.line);
		if (previous !== undefined)
			problem(draft.line, `duplicate section heading '${draft.heading}' — also at line ${previous}`);
		if (draft.paragraphs.length === 0) {
			problem(draft.line, `section '${draft.heading}' has no text — add a paragraph under it or remove the heading`);
		}
		sections.push({
			id,
			heading: draft.heading,
			paragraphs: draft.paragraphs,
			alternates: draft.alternates,
			line: draft.line,
		});
		layout.push(draft.layout);
	}
	return { sections, layout, problems };
}

export function validateFaqEntries(
	file: string,
	headings: readonly FaqHeading[],
	drafts: readonly Draft[],
): { faq: FaqEntry[]; layout: BlockLayout[]; problems: KnowledgeProblem[] } {
	const faq: FaqEntry[] = [];
	const layout: BlockLayout[] = [];
	const { problems, add: problem } = problemList(file);
	for (const heading of headings) {
		if (heading.entries === 0) {
			problem(heading.line, "the FAQ section has no questions — add '### question' headings with answers under it");
		}
	}
	const seen = new Map<string, number>();
	for (const draft of drafts) {
		const id = slugify(draft.heading);
		if (!id) {
			problem(draft.line, "this FAQ '###' heading has no question text");
			continue;
		}
		const previous = firstSeen(seen, id, draft.line);
		if (previous !== undefined)
			problem(draft.line, `duplicate FAQ question '${draft.heading}' — also at line ${previous}`);
		if (draft.paragraphs.length === 0) {
			problem(draft.line, `FAQ question '${draft.heading}' has no answer text — add a paragraph under it`);
		}
		faq.push({
			id,
			question: draft.heading,
			answer: draft.paragraphs.join('\n\n'),
			alternates: draft.alternates,
			line: draft.line,
		});
		layout.push(draft.layout);
	}
	return { faq, layout, problems };
}
