/** Checks the FAQ of a Markdown body — each `## FAQ` heading and its `###` question drafts — and turns them into entries. */
import type { Draft, FaqHeading } from './body-drafts.js';
import { slugify } from './slug.js';
import type { FaqEntry, KnowledgeProblem } from './types.js';

export function validateFaqEntries(
	file: string,
	headings: readonly FaqHeading[],
	drafts: readonly Draft[],
): { faq: FaqEntry[]; problems: KnowledgeProblem[] } {
	const faq: FaqEntry[] = [];
	const problems: KnowledgeProblem[] = [];
	const problem = (line: number, message: string) => problems.push({ file, line, message });
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
		const previous = seen.get(id);
		if (previous !== undefined) {
			problem(draft.line, `duplicate FAQ question '${draft.heading}' — also at line ${previous}`);
		} else {
			seen.set(id, draft.line);
		}
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
	}
	return { faq, problems };
}
