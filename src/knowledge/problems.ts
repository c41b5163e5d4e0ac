/**
 * Turns zod validation issues into knowledge problems an author can act on: plain-language
 * messages, the dotted field, and the file line the field came from.
 */
import { z } from 'zod';
import { describeValue } from './describe.js';
import type { KnowledgeProblem } from './types.js';
import { locate, type YamlSource } from './yaml.js';

function expectedName(expected: string): string {
	switch (expected) {
		case 'string':
			return 'text';
		case 'number':
			return 'a number';
		case 'int':
			return 'a whole number';
		case 'array':
			return 'a list';
		case 'object':
			return 'a mapping (key: value lines)';
		case 'boolean':
			return 'true or false';
		default:
			return expected;
	}
}


/** Plain-language messages for the zod issues our schemas can raise; passed to every `safeParse`. */
export const knowledgeErrorMap: z.core.$ZodErrorMap = (issue) => {
	switch (issue.code) {
		case 'invalid_type': {
			if (issue.input === undefined) {
				const key = issue.path?.at(-1);
				return key === undefined ? 'is required' : `missing required key '${String(key)}'`;
			}
			const got = `expected ${expectedName(issue.expected)}, got ${describeValue(issue.input)}`;
			const quotable = typeof issue.input === 'number' || typeof issue.input === 'boolean';
			return issue.expected === 'string' && quotable ? `${got} — put it in quotes: "${String(issue.input)}"` : got;
		}
		case 'too_small':
			if (issue.origin === 'string') return 'must not be empty';
			if (issue.origin === 'array') {
				return `needs at least ${issue.minimum} ${Number(issue.minimum) === 1 ? 'entry' : 'entries'}`;
			}
			if (issue.origin === 'number') {
				return issue.inclusive ? `must be at least ${issue.minimum}` : `must be greater than ${issue.minimum}`;
			}
			return undefined;
		case 'too_big':
			return `must be at most ${String(issue.maximum)}`;
		case 'invalid_value':
			return `expected one of ${issue.values.map(String).join(', ')}, got ${describeValue(issue.input)}`;
		case 'invalid_format':
			return `has the wrong format, got ${describeValue(issue.input)}`;
		default:
			return undefined;
	}
};

/** Follows a path through a schema to the object schema it names, to list the keys it allows. */
function objectAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodObject | undefined {
	let current: z.ZodType | undefined = schema;
	for (let index = 0; ; index++) {
		while (current) {
			if (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) {
				current = current.unwrap() as z.ZodType;
			} else if (current instanceof z.ZodPipe) {
				current = current.out as z.ZodType;
			} else {
				break;
			}
		}
		if (!current || index === path.length) break;
		const segment = path[index];
		if (current instanceof z.ZodArray && typeof segment === 'number') {
			current = current.element as z.ZodType;
		} else if (current instanceof z.ZodObject && typeof segment === 'string') {
			current = current.shape[segment] as z.ZodType | undefined;
		} else {
			return undefined;
		}
	}
	return current instanceof z.ZodObject ? current : undefined;
}

function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		for (let j = 1; j <= b.length; j++) {
			row[j] = Math.min(
				(previous[j] ?? 0) + 1,
				(row[j - 1] ?? 0) + 1,
				(previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
			);
		}
		previous = row;
	}
	return previous[b.length] ?? 0;
}

/** The allowed key an unknown key was most likely meant to be, if any is close. */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
	const normalise = (text: string) => text.toLowerCase().replace(/[-_\s]/g, '');
	const wanted = normalise(key);
	let best: { key: string; distance: number } | undefined;
	for (const candidate of allowed) {
		const distance = editDistance(wanted, normalise(candidate));
		if (!best || distance < best.distance) best = { key: candidate, distance };
	}
	if (!best) return undefined;
	return best.distance <= Math.max(1, Math.floor(best.key.length / 3)) ? best.key : undefined;
}

/**
 * Converts the issues from `schema.safeParse(value, { error: knowledgeErrorMap })` into problems,
 * one per unknown key, each with the line of the offending node in `source`.
 */
export function issuesToProblems(
	issues: readonly z.core.$ZodIssue[],
	file: string,
	source: YamlSource,
	schema: z.ZodType,
): KnowledgeProblem[] {
	const problems: KnowledgeProblem[] = [];
	const add = (path: readonly PropertyKey[], message: string, target: 'value' | 'key' = 'value') => {
		const { line, field } = locate(source, path, target);
		problems.push({
			file,
			...(line === undefined ? {} : { line }),
			...(field ? { field } : {}),
			message,
		});
	};
	for (const issue of issues) {
		if (issue.code === 'unrecognized_keys') {
			const allowed = Object.keys(objectAt(schema, issue.path)?.shape ?? {});
			for (const key of issue.keys) {
				const suggestion = closestKey(key, allowed);
				const hint = suggestion ? ` (did you mean '${suggestion}'?)` : '';
				add([...issue.path, key], `unknown key '${key}'${hint} — allowed: ${allowed.join(', ')}`, 'key');
			}
		} else {
			add(issue.path, issue.message);
		}
	}
	return problems;
}

/** At most this many problems are reported per file; the rest are summed up in one more. */
export const MAX_PROBLEMS_PER_FILE = 50;

function moreProblems(file: string, count: number): KnowledgeProblem {
	return { file, message: `… and ${count} more problem${count === 1 ? '' : 's'} in this file` };
}

/**
 * A file's problems sorted by line, at most {@link MAX_PROBLEMS_PER_FILE} of them; the rest are
 * summed up in one last problem, so a badly broken file cannot flood the report.
 */
export function finishProblems(problems: KnowledgeProblem[]): KnowledgeProblem[] {
	const sorted = [...problems].sort(byLine);
	if (sorted.length <= MAX_PROBLEMS_PER_FILE + 1) return sorted;
	const file = sorted[0]?.file ?? '.';
	return [...sorted.slice(0, MAX_PROBLEMS_PER_FILE), moreProblems(file, sorted.length - MAX_PROBLEMS_PER_FILE)];
}

/** Orders problems by line (problems without a line first), keeping the order of equal lines. */
export function byLine(a: KnowledgeProblem, b: KnowledgeProblem): number {
	return (a.line ?? 0) - (b.line ?? 0);
}

/** Validates a parsed YAML value against a schema, reporting every issue as a located problem. */
export function validate<Schema extends z.ZodType>(
	schema: Schema,
	value: unknown,
	file: string,
	source: YamlSource,
): { ok: true; data: z.output<Schema> } | { ok: false; problems: KnowledgeProblem[] } {
	const result = schema.safeParse(value, { error: knowledgeErrorMap });
	if (result.success) return { ok: true, data: result.data };
	return { ok: false, problems: issuesToProblems(result.error.issues, file, source, schema) };
}
