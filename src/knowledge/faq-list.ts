/** Parses a plain FAQ list file (YAML, or JSON, which is YAML) into a document with FAQ entries only. */
import { declaredId, defaultId, type ParsedDocument } from './parsed.js';
import { finishProblems, validate } from './problems.js';
import { faqListSchema } from './schema.js';
import { DOCUMENT_ID_PATTERN, slugify } from './slug.js';
import type { FaqEntry, KnowledgeProblem } from './types.js';
import { locate, parseYaml } from './yaml.js';

/** `file` is the path relative to the knowledge folder, used in problems and as the default id. */
export function parseFaqList(file: string, text: string): ParsedDocument {
	const parsed = parseYaml(text, file);
	if (!parsed.ok) return { problems: finishProblems(parsed.problems) };
	if (parsed.value === null || parsed.value === undefined) {
		return { problems: [{ file, message: "the file is empty — add 'title:' and a 'faq:' list" }] };
	}
	const declared = declaredId(file, parsed.value, parsed.source);
	const result = validate(faqListSchema, parsed.value, file, parsed.source);
	if (!result.ok) return { ...declared, problems: finishProblems(result.problems) };
	const list = result.data;
	const problems: KnowledgeProblem[] = [];

	const id = list.id ?? defaultId(file);
	if (list.id === undefined && !DOCUMENT_ID_PATTERN.test(id)) {
		problems.push({
			file,
			field: 'id',
			message: `the file name '${id}' is not a valid document id — rename the file using lowercase letters, digits and '-', or set 'id:'`,
		});
	}

	const seen = new Map<string, number | undefined>();
	const faq: FaqEntry[] = list.faq.map((item, index) => {
		const { line } = locate(parsed.source, ['faq', index, 'question']);
		const entryId = item.id ?? slugify(item.question);
		if (!entryId) {
			problems.push({
				file,
				...(line === undefined ? {} : { line }),
				field: `faq.${index}.question`,
				message: `the question '${item.question}' needs at least one letter or digit`,
			});
		} else if (seen.has(entryId)) {
			const previous = seen.get(entryId);
			problems.push({
				file,
				...(line === undefined ? {} : { line }),
				field: `faq.${index}.${item.id === undefined ? 'question' : 'id'}`,
				message: `duplicate question '${item.question}'${previous === undefined ? '' : ` — also at line ${previous}`}`,
			});
		} else {
			seen.set(entryId, line);
		}
		return {
			id: entryId,
			question: item.question,
			answer: item.answer,
			alternates: item.alternates,
			...(line === undefined ? {} : { line }),
		};
	});
	if (problems.length > 0) return { ...declared, problems: finishProblems(problems) };

	return {
		...declared,
		document: {
			id,
			title: list.title,
			aliases: list.aliases,
			kind: 'general',
			file,
			sections: [],
			faq,
			synonyms: list.synonyms,
		},
		problems,
	};
}
