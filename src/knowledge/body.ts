/**
 * The body of a Markdown document: `##` sections with their paragraphs, the FAQ section's `###`
 * questions with their answers, and `<!-- alternates: ... -->` comments. Collected in one pass
 * (body-drafts.ts), then checked section by section and question by question.
 */
import { collectDrafts, type BlockLayout } from './body-drafts.js';
import { validateFaqEntries, validateSections } from './body-checks.js';
import { markdownLimitProblem } from './markdown-limits.js';
import { byLine } from './problems.js';
import type { FaqEntry, KnowledgeProblem, Section } from './types.js';

export interface ParsedBody {
	sections: Section[];
	faq: FaqEntry[];
	problems: KnowledgeProblem[];
	/** Where each of `sections` and `faq` (same order) sits in the body, for the alternate editor. */
	layout: { sections: BlockLayout[]; faq: BlockLayout[] };
}

export type { BlockLayout };

/** Parses the body text; `lineOffset` is added to body line numbers so they refer to the file. */
export function parseBody(file: string, body: string, lineOffset: number): ParsedBody {
	const limit = markdownLimitProblem(body);
	if (limit) {
		const problems = [{ file, line: limit.line + lineOffset, message: limit.message }];
		return { sections: [], faq: [], problems, layout: { sections: [], faq: [] } };
	}

	const drafts = collectDrafts(file, body, lineOffset);
	const { sections, layout: sectionLayout, problems: sectionProblems } = validateSections(file, drafts.sections);
	const {
		faq,
		layout: faqLayout,
		problems: faqProblems,
	} = validateFaqEntries(file, drafts.faqHeadings, drafts.entries);
	// Stable sort: problems on one line keep the order the passes found them in.
	const problems = [...drafts.problems, ...sectionProblems, ...faqProblems].sort(byLine);
	return { sections, faq, problems, layout: { sections: sectionLayout, faq: faqLayout } };
}
