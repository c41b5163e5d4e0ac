/** Parses a Markdown knowledge document: YAML front matter, then sections and an optional FAQ. */
import { parseBody } from './body.js';
import { factsOf, parseFrontMatter, splitFrontMatter } from './front-matter.js';
import { defaultId, type ParsedDocument } from './parsed.js';
import { finishProblems } from './problems.js';
import { DOCUMENT_ID_PATTERN } from './slug.js';
import type { KnowledgeProblem } from './types.js';

/** `file` is the path relative to the knowledge folder, used in problems and as the default id. */
export function parseMarkdownDocument(file: string, text: string): ParsedDocument {
	const problems: KnowledgeProblem[] = [];
	const split = splitFrontMatter(file, text);
	problems.push(...split.problems);

	const header = split.frontMatter === undefined ? undefined : parseFrontMatter(file, split.frontMatter);
	if (header) problems.push(...header.problems);

	const body = parseBody(file, split.body, split.bodyLineOffset);
	problems.push(...body.problems);

	const declared = { ...(header?.id === undefined ? {} : { id: header.id }), ...(header?.idLine === undefined ? {} : { idLine: header.idLine }) };
	const frontMatter = header?.frontMatter;
	if (!frontMatter) return { ...declared, problems: finishProblems(problems) };

	const id = frontMatter.id ?? defaultId(file);
	if (frontMatter.id === undefined && !DOCUMENT_ID_PATTERN.test(id)) {
		problems.push({
			file,
			field: 'id',
			message: `the file name '${id}' is not a valid document id — rename the file using lowercase letters, digits and '-', or set 'id:' in the front matter`,
		});
	}

	const facts = factsOf(frontMatter);
	if (!facts && body.sections.length === 0 && body.faq.length === 0 && problems.length === 0) {
		problems.push({ file, message: "the document has no text — add paragraphs, '## ' sections or a '## FAQ' section" });
	}
	if (problems.length > 0) return { ...declared, problems: finishProblems(problems) };

	return {
		...declared,
		document: {
			id,
			title: frontMatter.title,
			aliases: frontMatter.aliases,
			kind: frontMatter.kind,
			file,
			...(facts ? { facts } : {}),
			sections: body.sections,
			faq: body.faq,
			synonyms: frontMatter.synonyms,
		},
		problems,
	};
}
