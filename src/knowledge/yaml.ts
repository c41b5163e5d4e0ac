/**
 * YAML (and JSON, which is YAML) parsing that keeps the node tree, so a problem found later in
 * the parsed value can be traced back to the line it came from.
 */
import {
	isAlias,
	isMap,
	isScalar,
	isSeq,
	LineCounter,
	parseDocument,
	type Document,
	type Node,
	type Pair,
	type YAMLMap,
	visit,
} from 'yaml';
import type { KnowledgeProblem } from './types.js';

export interface YamlSource {
	document: Document;
	lineCounter: LineCounter;
	/** Added to the YAML text's own line numbers so they refer to the file (front matter starts on line 2). */
	lineOffset: number;
}

export type YamlParse =
	| { ok: true; value: unknown; source: YamlSource }
	| { ok: false; problems: KnowledgeProblem[] };

/** Where a path inside the parsed value sits in the file. */
export interface Location {
	line?: number;
	/** The path as it exists in the file, dotted (e.g. `cast.2.actor`). */
	field: string;
}

function yamlErrorMessage(code: string, message: string): string {
	if (code === 'MULTIPLE_DOCS') return "only one YAML document is allowed — remove the extra '---' line";
	const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
	return `invalid YAML: ${first}`;
}

/**
 * JSON is YAML, but YAML also accepts things JSON does not (trailing commas, comments, single
 * quotes); a `.json` file must be real JSON, and `JSON.parse` explains JSON mistakes better.
 */
function jsonProblem(text: string, file: string): KnowledgeProblem | undefined {
	try {
		JSON.parse(text);
		return undefined;
	} catch (error) {
		const raw = error instanceof Error ? error.message : String(error);
		// V8 says either "... in JSON at position N (line L column C)" or "Unexpected token 'x', "<snippet>" is not valid JSON".
		const message = raw.replace(/ in JSON at position \d+.*$/s, '').replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '');
		const position = /at position (\d+)/.exec(raw);
		const line = position
			? text.slice(0, Number(position[1])).split('\n').length
			: parseDocument(text, { prettyErrors: true }).errors[0]?.linePos?.[0].line;
		return { file, ...(line === undefined ? {} : { line }), message: `invalid JSON: ${message}` };
	}
}

/**
 * Parses YAML 1.2 with the core schema: an unquoted `2025-06-06` stays a string, so dates are
 * validated by the schema rather than silently turned into `Date` objects. A `.json` file is first
 * checked to be strict JSON.
 */
export function parseYaml(text: string, file: string, lineOffset = 0): YamlParse {
	if (file.toLowerCase().endsWith('.json')) {
		const problem = jsonProblem(text, file);
		if (problem) return { ok: false, problems: [problem] };
	}
	const lineCounter = new LineCounter();
	// uniqueKeys is checked below in linear time; the library's own check is quadratic in the keys of a mapping.
	const document = parseDocument(text, { lineCounter, schema: 'core', uniqueKeys: false, prettyErrors: true });
	if (document.errors.length > 0) {
		return {
			ok: false,
			problems: document.errors.map((error) => {
				const line = error.linePos?.[0].line;
				return {
					file,
					...(line === undefined ? {} : { line: line + lineOffset }),
					message: yamlErrorMessage(error.code, error.message),
				};
			}),
		};
	}
	const source: YamlSource = { document, lineCounter, lineOffset };
	const duplicates = duplicateKeys(source, file);
	if (duplicates.length > 0) return { ok: false, problems: duplicates };
	try {
		const value: unknown = document.toJS({ maxAliasCount: 100 });
		return { ok: true, value, source };
	} catch (error) {
		// e.g. an alias to an anchor that does not exist, or an alias bomb.
		let message = error instanceof Error ? error.message : String(error);
		if (message.includes('Excessive alias count')) message = "too many '*alias' references — write the values out";
		return { ok: false, problems: [{ file, message: `invalid YAML: ${message}` }] };
	}
}

/** The line a node starts on, or undefined for an empty value (whose range points past it). */
function lineOf(source: YamlSource, node: unknown): number | undefined {
	if (!node || typeof node !== 'object' || !('range' in node)) return undefined;
	const range = (node as Node).range;
	if (!range || range[0] === range[1]) return undefined;
	return source.lineCounter.linePos(range[0]).line + source.lineOffset;
}

function keyText(key: unknown): string {
	return isScalar(key) ? String(key.value) : String(key);
}

/** Pairs of each mapping by key, built once, so locating thousands of problems stays linear. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairOf(map: YAMLMap, key: string): Pair | undefined {
	let index = pairIndex.get(map);
	if (!index) {
		index = new Map();
		for (const pair of map.items) {
			const text = keyText(pair.key);
			if (!index.has(text)) index.set(text, pair);
		}
		pairIndex.set(map, index);
	}
	return index.get(key);
}

/** A key written twice in one mapping is an error (YAML says so, and the second would silently win). */
function duplicateKeys(source: YamlSource, file: string): KnowledgeProblem[] {
	const problems: KnowledgeProblem[] = [];
	visit(source.document, {
		Map(_, map) {
			const seen = new Map<string, number | undefined>();
			for (const pair of map.items) {
				const key = keyText(pair.key);
				const line = lineOf(source, pair.key);
				if (seen.has(key)) {
					const first = seen.get(key);
					problems.push({
						file,
						...(line === undefined ? {} : { line }),
						message: `duplicate key '${key}'${first === undefined ? '' : ` — also at line ${first}`}; keep only one`,
					});
				} else {
					seen.set(key, line);
				}
			}
		},
	});
	return problems;
}

/**
 * Finds the node at `path` (a zod issue path) and returns its line. With `target: 'key'` the line
 * of the last key is returned instead of its value's (for unknown keys).
 *
 * Path segments that do not exist in the file are handled so the field still reads naturally:
 * a missing key is kept (`title` when title is absent); a list index the schema added itself
 * (a single `director:` normalised into a list) is dropped.
 */
export function locate(source: YamlSource, path: readonly PropertyKey[], target: 'value' | 'key' = 'value'): Location {
	let node: unknown = source.document.contents;
	let line = lineOf(source, node);
	const field: string[] = [];
	for (let index = 0; index < path.length; index++) {
		const segment = path[index];
		if (isAlias(node)) node = node.resolve(source.document);
		if (isMap(node)) {
			const pair = pairOf(node, String(segment));
			if (!pair && typeof segment === 'number') continue; // An index the schema added to a single value.
			if (!pair) {
				field.push(...path.slice(index).map(String));
				break;
			}
			field.push(String(segment));
			const keyLine = lineOf(source, pair.key);
			const isLast = index === path.length - 1;
			line = (isLast && target === 'key' ? keyLine : lineOf(source, pair.value)) ?? keyLine ?? line;
			node = pair.value;
		} else if (isSeq(node) && typeof segment === 'number') {
			const item: unknown = node.items[segment];
			if (item === undefined) {
				field.push(...path.slice(index).map(String));
				break;
			}
			field.push(String(segment));
			line = lineOf(source, item) ?? line;
			node = item;
		} else if (typeof segment === 'number') {
			continue;
		} else {
			break;
		}
	}
	return { ...(line === undefined ? {} : { line }), field: field.join('.') };
}
