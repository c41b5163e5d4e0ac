/**
 * The body of a Markdown document: `##` sections with their paragraphs, the FAQ section's `###`
 * questions with their answers, and `<!-- alternates: ... -->` comments.
 */
import type { RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { markdownLimitProblem } from './markdown-limits.js';
import { blockText, textOf } from './mdast-text.js';
import { byLine } from './problems.js';
import { slugify } from './slug.js';
import type { FaqEntry, KnowledgeProblem, Section } from './types.js';

export const INTRODUCTION = 'Introduction';

const FAQ_HEADING = /^(faqs?|frequently asked questions)$/i;
const LIST_NUMBER = /^\s*\d+[.)]\s+/;
const ALTERNATES = /^<!--\s*alternates?\s*:([\s\S]*?)-->/i;
/** `<!-- alternates` followed by a line break: the colon was forgotten. */
const ALTERNATES_WITHOUT_COLON = /^<!--\s*alternates?[ \t]*\n/i;

export interface ParsedBody {
	sections: Section[];
	faq: FaqEntry[];
	problems: KnowledgeProblem[];
	/** Where each of `sections` and `faq` (same order) sits in the body, for the alternate editor. */
	layout: { sections: BlockLayout[]; faq: BlockLayout[] };
}

/** Offsets into the body text of one section or FAQ entry. */
export interface BlockLayout {
	/** Where its first node starts: its heading, or (the introduction) its first paragraph. */
	start: number;
	/** Where its heading ends (the introduction has none). */
	headingEnd?: number;
	/** The `<!-- alternates: -->` comments that belong to it, in order. */
	comments: { start: number; end: number }[];
}

interface Draft {
	heading: string;
	line: number;
	paragraphs: string[];
	alternates: string[];
	layout: BlockLayout;
}

function lineOf(node: RootContent, offset: number): number {
	return (node.position?.start.line ?? 1) + offset;
}

function spanOf(node: RootContent): { start: number; end: number } {
	return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

function newDraft(heading: string, line: number, node: RootContent, isHeading: boolean): Draft {
	const { start, end } = spanOf(node);
	const layout: BlockLayout = { start, comments: [], ...(isHeading ? { headingEnd: end } : {}) };
	return { heading, line, paragraphs: [], alternates: [], layout };
}

/** Parses the body text; `lineOffset` is added to body line numbers so they refer to the file. */
export function parseBody(file: string, body: string, lineOffset: number): ParsedBody {
	const problems: KnowledgeProblem[] = [];
	const problem = (line: number, message: string) => problems.push({ file, line, message });

	const limit = markdownLimitProblem(body);
	if (limit) {
		problem(limit.line + lineOffset, limit.message);
		return { sections: [], faq: [], problems, layout: { sections: [], faq: [] } };
	}

	const sections: Draft[] = [];
	const entries: Draft[] = [];
	/** Each `## FAQ` heading's line and its questions, to report one without any. */
	const faqHeadings: { line: number; entries: number; strayReported: boolean }[] = [];
	let section: Draft | undefined;
	let entry: Draft | undefined;
	let faq: (typeof faqHeadings)[number] | undefined;

	/** The section text goes to; text before the first `##` becomes the introduction. */
	const currentSection = (line: number, node: RootContent): Draft => {
		if (!section) {
			section = newDraft(INTRODUCTION, line, node, false);
			sections.push(section);
		}
		return section;
	};

	/** The FAQ entry text goes to, or undefined (with a problem) for text before the first question. */
	const currentEntry = (line: number): Draft | undefined => {
		if (!entry && faq && !faq.strayReported) {
			faq.strayReported = true;
			problem(line, "text under the FAQ heading must come after a '### question' heading");
		}
		return entry;
	};

	for (const node of fromMarkdown(body).children) {
		const line = lineOf(node, lineOffset);

		if (node.type === 'heading') {
			const text = textOf(node).trim();
			if (node.depth === 1) continue; // The document's own title; the front matter has it.
			if (node.depth === 2) {
				entry = undefined;
				if (FAQ_HEADING.test(text)) {
					section = undefined; // Until the next `##`, text belongs to the FAQ's questions.
					faq = { line, entries: 0, strayReported: false };
					faqHeadings.push(faq);
				} else {
					faq = undefined;
					section = newDraft(text, line, node, true);
					sections.push(section);
				}
				continue;
			}
			if (faq) {
				if (node.depth === 3) {
					entry = newDraft(text.replace(LIST_NUMBER, '').trim(), line, node, true);
					entries.push(entry);
					faq.entries++;
				} else if (text) {
					currentEntry(line)?.paragraphs.push(text);
				}
				continue;
			}
			// A `###` outside the FAQ is part of its section's text.
			if (text) currentSection(line, node).paragraphs.push(text);
			continue;
		}

		if (node.type === 'html') {
			const value = node.value.trim();
			if (value.startsWith('<!--') && !value.includes('-->')) {
				problem(line, "this HTML comment is not closed — add '-->' (everything after it is hidden)");
				continue;
			}
			if (ALTERNATES_WITHOUT_COLON.test(value)) {
				problem(line, "write 'alternates:' with a colon to start an alternates comment");
				continue;
			}
			const match = ALTERNATES.exec(value);
			if (!match) continue; // Other HTML is not knowledge.
			const alternates = (match[1] ?? '')
				.split('\n')
				.map((text) => text.trim().replace(/^[-*+](\s+|$)/, '').trim())
				.filter((text) => text.length > 0);
			if (alternates.length === 0) {
				problem(line, "this alternates comment is empty — list other phrasings on lines starting with '- '");
				continue;
			}
			const target = faq ? currentEntry(line) : currentSection(line, node);
			target?.alternates.push(...alternates);
			target?.layout.comments.push(spanOf(node));
			continue;
		}

		const texts = blockText(node).filter((text) => text.trim().length > 0);
		if (texts.length === 0) continue;
		const target = faq ? currentEntry(line) : currentSection(line, node);
		target?.paragraphs.push(...texts);
	}

	const result: ParsedBody = { sections: [], faq: [], problems, layout: { sections: [], faq: [] } };

	const seenSections = new Map<string, number>();
	for (const draft of sections) {
		const id = slugify(draft.heading);
		if (!draft.heading) {
			problem(draft.line, "this '##' heading has no text");
			continue;
		}
		if (!id) {
			problem(draft.line, `the heading '${draft.heading}' needs at least one letter or digit`);
			continue;
		}
		const previous = seenSections.get(id);
		if (previous !== undefined) {
			problem(draft.line, `duplicate section heading '${draft.heading}' — also at line ${previous}`);
		} else {
			seenSections.set(id, draft.line);
		}
		if (draft.paragraphs.length === 0) {
			problem(draft.line, `section '${draft.heading}' has no text — add a paragraph under it or remove the heading`);
		}
		result.sections.push({
			id,
			heading: draft.heading,
			paragraphs: draft.paragraphs,
			alternates: draft.alternates,
			line: draft.line,
		});
		result.layout.sections.push(draft.layout);
	}

	for (const heading of faqHeadings) {
		if (heading.entries === 0) {
			problem(heading.line, "the FAQ section has no questions — add '### question' headings with answers under it");
		}
	}

	const seenQuestions = new Map<string, number>();
	for (const draft of entries) {
		const id = slugify(draft.heading);
		if (!id) {
			problem(draft.line, "this FAQ '###' heading has no question text");
			continue;
		}
		const previous = seenQuestions.get(id);
		if (previous !== undefined) {
			problem(draft.line, `duplicate FAQ question '${draft.heading}' — also at line ${previous}`);
		} else {
			seenQuestions.set(id, draft.line);
		}
		if (draft.paragraphs.length === 0) {
			problem(draft.line, `FAQ question '${draft.heading}' has no answer text — add a paragraph under it`);
		}
		result.faq.push({
			id,
			question: draft.heading,
			answer: draft.paragraphs.join('\n\n'),
			alternates: draft.alternates,
			line: draft.line,
		});
		result.layout.faq.push(draft.layout);
	}

	problems.sort(byLine);
	return result;
}
