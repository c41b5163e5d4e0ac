/** Parses a plain FAQ list file (YAML, or JSON, which is YAML) into a document with FAQ entries only. */
import { declaredId, defaultId, type ParsedDocument } from './parsed.js';
import { finishProblems, validate } from './problems.js';
import { readYamlQuickly } from './quick-yaml.js';
import { faqListSchema, type FaqList } from './schema.js';
import { DOCUMENT_ID_PATTERN, slugify } from './slug.js';
import type { FaqEntry, KnowledgeDocument, KnowledgeProblem } from './types.js';
import { locate, parseYaml } from './yaml.js';

/**
 * `file` is the path relative to the knowledge folder, used in problems and as the default id.
 * A file without problems is read quickly; any other file is read again with source positions,
 * so that each problem names its line (see quick-yaml.ts).
 */
export function parseFaqList(file: string, text: string): ParsedDocument {
	return parseQuickly(file, text) ?? parseFaqListWithPositions(file, text);
}

/** The document when the file has no problem at all; undefined sends it to the positions parse. */
function parseQuickly(file: string, text: string): ParsedDocument | undefined {
	const value = readYamlQuickly(text, file);
	if (value === undefined) return undefined;
	const result = faqListSchema.safeParse(value);
	if (!result.success) return undefined;
	const built = buildDocument(file, result.data, () => undefined);
	if (built.problems.length > 0) return undefined;
	return { ...declaredId(file, value), ...built };
}

/** Parses with the `yaml` package's node tree, so that every problem is reported on its line. */
export function parseFaqListWithPositions(file: string, text: string): ParsedDocument {
	const parsed = parseYaml(text, file);
	if (!parsed.ok) return { problems: finishProblems(parsed.problems) };
	if (parsed.value === null || parsed.value === undefined) {
		return { problems: [{ file, message: "the file is empty — add 'title:' and a 'faq:' list" }] };
	}
	const declared = declaredId(file, parsed.value, parsed.source);
	const result = validate(faqListSchema, parsed.value, file, parsed.source);
	if (!result.ok) return { ...declared, problems: finishProblems(result.problems) };
	const built = buildDocument(
		file,
		result.data,
		(index) => locate(parsed.source, ['faq', index, 'question']).line,
	);
	return { ...declared, ...built, problems: finishProblems(built.problems) };
}

/**
 * The document from a validated list, or the problems only the whole list shows (a question asked
 * twice, a file name that is no valid id). `questionLine` locates an entry's question for them.
 */
function buildDocument(
	file: string,
	list: FaqList,
	questionLine: (index: number) => number | undefined,
): { document?: KnowledgeDocument; problems: KnowledgeProblem[] } {
	const problems: KnowledgeProblem[] = [];
	const id = list.id ?? defaultId(file);
	if (list.id === undefined && !DOCUMENT_ID_PATTERN.test(id)) {
		problems.push({
			file,
			field: 'id',
			message: `the file name '${id}' is not a valid document id — rename the file using lowercase letters, digits and '-', or set 'id:'`,
		});
	}

	/** Entry id -> the index of the entry that has it. */
	const seen = new Map<string, number>();
	const faq: FaqEntry[] = list.faq.map((item, index) => {
		const entryId = item.id ?? slugify(item.question);
		if (!entryId || seen.has(entryId)) {
			const line = questionLine(index);
			const at = line === undefined ? {} : { line };
			if (!entryId) {
				problems.push({
					file,
					...at,
					field: `faq.${index}.question`,
					message: `the question '${item.question}' needs at least one letter or digit`,
				});
			} else {
				const previous = questionLine(seen.get(entryId)!);
				problems.push({
					file,
					...at,
					field: `faq.${index}.${item.id === undefined ? 'question' : 'id'}`,
					message: `duplicate question '${item.question}'${previous === undefined ? '' : ` — also at line ${previous}`}`,
				});
			}
		} else {
			seen.set(entryId, index);
		}
		// One literal: every entry the same shape. `alternates` copied into a packed array: zod's
		// lists are holey, and structured clone (from a parse worker) gives a holey list room for
		// 16 items, ~90 bytes more per entry than this copy (9 MiB at 100k entries).
		return {
			id: entryId,
			question: item.question,
			answer: item.answer,
			alternates: Array.from(item.alternates, (text) => text),
		};
	});
	if (problems.length > 0) return { problems };
	return {
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
