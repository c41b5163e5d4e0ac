/** Checks the `##` section drafts of a Markdown body and turns them into sections. */
import type { Draft } from './body-drafts.js';
import { slugify } from './slug.js';
import type { KnowledgeProblem, Section } from './types.js';

export function validateSections(
	file: string,
	drafts: readonly Draft[],
): { sections: Section[]; problems: KnowledgeProblem[] } {
	const sections: Section[] = [];
	const problems: KnowledgeProblem[] = [];
	const problem = (line: number, message: string) => problems.push({ file, line, message });
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
		const previous = seen.get(id);
		if (previous !== undefined) {
			problem(draft.line, `duplicate section heading '${draft.heading}' — also at line ${previous}`);
		} else {
			seen.set(id, draft.line);
		}
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
	}
	return { sections, problems };
}
