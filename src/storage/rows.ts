/**
 * Rows read from the database, parsed: a database is outside input (another version of the bot,
 * a person with psql, a damaged file may have written it), and the drivers differ in what they
 * return (pg gives 64-bit integers and sums as strings).
 */
import { z } from 'zod';
import { ABSTENTION_REASONS, type AbstentionReason } from '../answer/types.js';
import { OUTCOMES, type Resolution, type StoredQuestion } from '../learning/records.js';
import { decodeText } from './text-codec.js';

/** A whole number, from a number or a numeric string (pg's bigint). */
const integer = z
	.union([z.number(), z.string().regex(/^-?\d+$/)])
	.transform(Number)
	.pipe(z.number().int().safe());

const sourceKind = z.enum(['faq', 'section', 'fact']);

const candidates = z
	.string()
	.transform((text, context) => {
		try {
			return JSON.parse(text) as unknown;
		} catch {
			context.addIssue({ code: 'custom', message: 'candidates is not JSON' });
			return z.NEVER;
		}
	})
	.pipe(
		z
			.array(z.object({ documentId: z.string(), title: z.string(), kind: sourceKind, score: z.number() }))
			.max(10),
	);

const resolution = z.enum(['alternate', 'dismissed'] satisfies Resolution[]);

/**
 * A reason this version does not know (written by a newer one during a rolling upgrade) reads as
 * none: the record is still listed, without the hint.
 */
const abstention = z
	.string()
	.nullable()
	.transform((reason): AbstentionReason | undefined => ABSTENTION_REASONS.find((known) => known === reason));

export const questionRow = z
	.object({
		id: z.string(),
		asked_at: integer,
		guild_id: z.string(),
		question: z.string(),
		normalized: z.string(),
		outcome: z.enum(OUTCOMES),
		confidence: z.coerce.number(),
		candidates,
		answer_document: z.string().nullable(),
		answer_title: z.string().nullable(),
		answer_kind: sourceKind.nullable(),
		abstention,
		knowledge_version: z.string(),
		resolution: resolution.nullable(),
	})
	.transform((row): StoredQuestion => ({
		id: row.id,
		askedAt: row.asked_at,
		guildId: row.guild_id,
		question: decodeText(row.question),
		normalized: decodeText(row.normalized),
		outcome: row.outcome,
		confidence: row.confidence,
		candidates: row.candidates,
		...(row.answer_document !== null && row.answer_title !== null && row.answer_kind !== null
			? { answer: { documentId: row.answer_document, title: row.answer_title, kind: row.answer_kind } }
			: {}),
		...(row.abstention === undefined ? {} : { abstention: row.abstention }),
		knowledgeVersion: row.knowledge_version,
		...(row.resolution === null ? {} : { resolution: row.resolution }),
	}));

export const outcomeCountRow = z.object({ outcome: z.enum(OUTCOMES), abstention, count: integer });

export const topicVotesRow = z.object({
	answer_document: z.string(),
	answer_title: z.string(),
	answer_kind: sourceKind,
	up: integer,
	down: integer,
});

/** Parses rows with `schema`; a row that does not fit fails the whole read, naming the table. */
export function parseRows<T extends z.ZodType>(
	schema: T,
	rows: readonly unknown[],
	table: string,
): z.output<T>[] {
	return rows.map((row, index) => {
		const parsed = schema.safeParse(row);
		if (parsed.success) return parsed.data;
		const problem = parsed.error.issues[0];
		throw new Error(
			`unexpected row ${index + 1} in ${table}: ${problem ? `${problem.path.join('.') || 'row'}: ${problem.message}` : 'invalid'}`,
		);
	});
}
