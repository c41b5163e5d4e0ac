/**
 * The first pass over a Markdown body: walks its blocks once and collects drafts — the `##`
 * sections and the FAQ's `###` questions with the paragraphs and `<!-- alternates: ... -->` under
 * them — reporting what cannot be placed (text before the first question, broken comments).
 * Whether the drafts make valid sections and entries is body-checks.ts' call.
 */
import type { RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { blockText, textOf } from './mdast-text.js';
import type { KnowledgeProblem } from './types.js';

export const INTRODUCTION = 'Introduction';

const FAQ_HEADING = /^(faqs?|frequently asked questions)$/i;
const LIST_NUMBER = /^\s*\d+[.)]\s+/;
const ALTERNATES = /^<!--\s*alternates?\s*:([\s\S]*?)-->/i;
/** `<!-- alternates` followed by a line break: the colon was forgotten. */
const ALTERNATES_WITHOUT_COLON = /^<!--\s*alternates?[ \t]*\n/i;

/** Offsets into the body text of one section or FAQ entry, for the alternate editor. */
export interface BlockLayout {
	/** Where its first node starts: its heading, or (the introduction) its first paragraph. */
	start: number;
	/** Where its heading ends (the introduction has none). */
	headingEnd?: number;
	/** The `<!-- alternates: -->` comments that belong to it, in order. */
	comments: { start: number; end: number }[];
}

/** A heading with the text gathered under it, before it is checked. */
export interface Draft {
	heading: string;
	line: number;
	paragraphs: string[];
	alternates: string[];
	layout: BlockLayout;
}

/** A `## FAQ` heading and how many questions it got, to report one without any. */
export interface FaqHeading {
	line: number;
	entries: number;
}

export interface BodyDrafts {
	sections: Draft[];
	entries: Draft[];
	faqHeadings: FaqHeading[];
	problems: KnowledgeProblem[];
}

function lineOf(node: RootContent, offset: number): number {
	return (node.position?.start.line ?? 1) + offset;
}

function spanOf(node: RootContent): { start: number; end: number } {
	return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

/** A draft starting at `node`: a heading's, or (the introduction) its first block's. */
function newDraft(heading: string, line: number, node: RootContent, isHeading: boolean): Draft {
	const { start, end } = spanOf(node);
	const layout: BlockLayout = { start, comments: [], ...(isHeading ? { headingEnd: end } : {}) };
	return { heading, line, paragraphs: [], alternates: [], layout };
}

/** Collects the drafts of a body; `lineOffset` is added to body line numbers so they refer to the file. */
export function collectDrafts(file: string, body: string, lineOffset: number): BodyDrafts {
	const problems: KnowledgeProblem[] = [];
	const problem = (line: number, message: string) => problems.push({ file, line, message });

	const sections: Draft[] = [];
	const entries: Draft[] = [];
	const faqHeadings: (FaqHeading & { strayReported: boolean })[] = [];
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

	return {
		sections,
		entries,
		faqHeadings: faqHeadings.map(({ line, entries }) => ({ line, entries })),
		problems,
	};
}
