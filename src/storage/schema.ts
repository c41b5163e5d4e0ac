/**
 * The tables as Kysely sees them. Times are milliseconds since the epoch in 64-bit integers,
 * which PostgreSQL's driver returns as strings: every row read is parsed (rows.ts), never trusted.
 */
import type { ColumnType } from 'kysely';

/** A 64-bit integer column: written as a number, read as a number (SQLite) or a string (pg). */
type BigIntColumn = ColumnType<number | string, number, number>;

export interface QuestionsTable {
	id: string;
	asked_at: BigIntColumn;
	guild_id: string;
	/** As typed, through text-codec.ts (a NUL or a lone surrogate would not survive either database). */
	question: string;
	normalized: string;
	outcome: string;
	confidence: number;
	/** JSON: the top three candidates with their scores. */
	candidates: string;
	answer_document: string | null;
	answer_title: string | null;
	answer_kind: string | null;
	/** Why the engine abstained (AbstentionReason); null for other outcomes and older records. */
	abstention: string | null;
	knowledge_version: string;
	resolution: string | null;
	resolved_at: ColumnType<number | string | null, number | null, number | null>;
}

export interface VotesTable {
	question_id: string;
	/** HMAC-SHA256 of the voter's user id, hex. */
	voter: string;
	/** 1 for 👍, -1 for 👎. */
	vote: number;
	voted_at: BigIntColumn;
}

export interface LearningDatabase {
	questions: QuestionsTable;
	votes: VotesTable;
}
