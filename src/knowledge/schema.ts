/**
 * The zod schemas for everything an author writes in YAML: Markdown front matter, FAQ list files
 * and `_synonyms.yaml`. Objects are strict, so a misspelt key is reported rather than ignored.
 */
import { z } from 'zod';
import { DOCUMENT_ID_PATTERN } from './slug.js';
import { describeValue } from './describe.js';

/** A string with something other than whitespace in it; surrounding whitespace is trimmed. */
const text = z.string().trim().min(1);

const textList = z.array(text);

const documentId = z.string().regex(DOCUMENT_ID_PATTERN, {
	error: (issue) =>
		`must use only lowercase letters, digits and '-' (e.g. 'john-wick-4'), got ${describeValue(issue.input)}`,
});

/** True for a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const isoDate = z.unknown().transform((value, context) => {
	if (typeof value === 'string' && isIsoDate(value)) return value;
	context.issues.push({
		code: 'custom',
		input: value,
		message: `expected an ISO date YYYY-MM-DD, got ${describeValue(value)}`,
	});
	return z.NEVER;
});

/** A list of at least two words or phrases that mean the same thing. */
const synonymGroup = z.array(text).min(2, { error: 'a synonym group needs at least 2 words or phrases' });

export const synonymGroups = z.array(synonymGroup, {
	error: (issue) =>
		issue.code === 'invalid_type'
			? `expected a list of groups like [film, movie], got ${describeValue(issue.input)}`
			: undefined,
});

const person = z.strictObject(
	{ name: text, knownFor: textList.default([]) },
	{
		error: (issue) =>
			issue.code === 'invalid_type'
				? `expected a name or 'name:' with optional 'knownFor:', got ${describeValue(issue.input)}`
				: undefined,
	},
);

/** `director:` may be a name, a person, or a list of either; the result is always a list of people. */
const directors = z.preprocess(
	(value) =>
		(Array.isArray(value) ? value : [value]).map((item: unknown) =>
			typeof item === 'string' ? { name: item } : item,
		),
	z.array(person),
);

const castMember = z.strictObject(
	{ actor: text, role: text.optional(), knownFor: textList.default([]) },
	{
		error: (issue) =>
			issue.code === 'invalid_type'
				? `expected 'actor:' with optional 'role:' and 'knownFor:', got ${describeValue(issue.input)}`
				: undefined,
	},
);

export const frontMatterSchema = z.strictObject({
	id: documentId.optional(),
	title: text,
	aliases: textList.default([]),
	kind: z.enum(['film', 'general']).default('general'),
	releaseDate: isoDate.optional(),
	director: directors.optional(),
	cast: z.array(castMember).optional(),
	composers: textList.optional(),
	runtimeMinutes: z.number().int().positive().optional(),
	synonyms: synonymGroups.default([]),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;

const faqListEntry = z.strictObject({
	id: documentId.optional(),
	question: text,
	answer: text,
	alternates: textList.default([]),
});

export const faqListSchema = z.strictObject({
	id: documentId.optional(),
	title: text,
	aliases: textList.default([]),
	synonyms: synonymGroups.default([]),
	faq: z.array(faqListEntry).min(1, { error: "add at least one entry with 'question:' and 'answer:'" }),
});

export type FaqList = z.output<typeof faqListSchema>;

export const synonymsFileSchema = z.strictObject({
	synonyms: synonymGroups,
});
