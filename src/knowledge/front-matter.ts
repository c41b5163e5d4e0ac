/**
 * The YAML front matter of a Markdown document: splitting it off the body, validating it, and
 * turning it into the document's header fields and facts.
 */
import { frontMatterSchema, type FrontMatter } from './schema.js';
import { validate } from './problems.js';
import type { DocumentFacts, KnowledgeProblem } from './types.js';
import { parseYaml } from './yaml.js';
import { declaredId } from './parsed.js';

export interface SplitFile {
	/** The YAML between the `---` lines; undefined when the file has no (closed) front matter. */
	frontMatter?: string;
	body: string;
	/** Add to a body line number to get the file line number. */
	bodyLineOffset: number;
	problems: KnowledgeProblem[];
}

const FENCE = /^---[ \t]*$/;

/** Splits `---\nyaml\n---\nbody` into its parts. A file without front matter is all body, plus a problem. */
export function splitFrontMatter(file: string, text: string): SplitFile {
	const lines = text.split('\n');
	if (!FENCE.test(lines[0] ?? '')) {
		return {
			body: text,
			bodyLineOffset: 0,
			problems: [
				{
					file,
					line: 1,
					message:
						"missing front matter — start the file with a '---' line, then 'title: ...', then another '---' line",
				},
			],
		};
	}
	const close = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
	if (close === -1) {
		return {
			body: '',
			bodyLineOffset: 0,
			problems: [
				{ file, line: 1, message: "the front matter is not closed — add a '---' line after its last key" },
			],
		};
	}
	return {
		frontMatter: lines.slice(1, close).join('\n'),
		body: lines.slice(close + 1).join('\n'),
		bodyLineOffset: close + 1,
		problems: [],
	};
}

export interface ParsedFrontMatter {
	frontMatter?: FrontMatter;
	/** The document id, when it can be told even from invalid front matter. */
	id?: string;
	/** The line of an explicit `id:`, for duplicate-id messages. */
	idLine?: number;
	problems: KnowledgeProblem[];
}

/** Parses and validates front matter YAML that starts on line 2 of the file. */
export function parseFrontMatter(file: string, yaml: string): ParsedFrontMatter {
	const parsed = parseYaml(yaml, file, 1);
	if (!parsed.ok) return { problems: parsed.problems };
	if (parsed.value === null || parsed.value === undefined) {
		return { problems: [{ file, line: 1, message: "the front matter is empty — add at least 'title: ...'" }] };
	}
	const declared = declaredId(file, parsed.value, parsed.source);
	const result = validate(frontMatterSchema, parsed.value, file, parsed.source);
	if (!result.ok) return { ...declared, problems: result.problems };
	return { frontMatter: result.data, ...declared, problems: [] };
}

/** The document's facts, or undefined when the front matter gives none. */
export function factsOf(frontMatter: FrontMatter): DocumentFacts | undefined {
	const { releaseDate, director, cast, composers, runtimeMinutes } = frontMatter;
	if (
		releaseDate === undefined &&
		director === undefined &&
		cast === undefined &&
		composers === undefined &&
		runtimeMinutes === undefined
	) {
		return undefined;
	}
	return {
		...(releaseDate === undefined ? {} : { releaseDate }),
		directors: (director ?? []).map(({ name, knownFor }) => ({ name, knownFor })),
		cast: (cast ?? []).map(({ actor, role, knownFor }) => ({
			name: actor,
			knownFor,
			...(role === undefined ? {} : { role }),
		})),
		composers: composers ?? [],
		...(runtimeMinutes === undefined ? {} : { runtimeMinutes }),
	};
}
