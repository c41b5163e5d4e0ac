/** Parses `_synonyms.yaml`: knowledge-base-wide groups of words that mean the same thing. */
import { finishProblems, validate } from './problems.js';
import { synonymsFileSchema } from './schema.js';
import type { KnowledgeProblem } from './types.js';
import { parseYaml } from './yaml.js';

export function parseSynonymsFile(
	file: string,
	text: string,
): { synonyms: string[][]; problems: KnowledgeProblem[] } {
	const parsed = parseYaml(text, file);
	if (!parsed.ok) return { synonyms: [], problems: finishProblems(parsed.problems) };
	if (parsed.value === null || parsed.value === undefined) return { synonyms: [], problems: [] };
	const result = validate(synonymsFileSchema, parsed.value, file, parsed.source);
	if (!result.ok) return { synonyms: [], problems: finishProblems(result.problems) };
	return { synonyms: result.data.synonyms, problems: [] };
}
