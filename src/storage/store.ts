/**
 * The learning loop's store: one set of typed queries (Kysely) for SQLite and PostgreSQL alike.
 * Every write is idempotent — a question is inserted once by its id, a vote is one row per answer
 * and voter — so a batch retried after a failure that had in fact committed duplicates nothing.
 */
import type { Kysely } from 'kysely';
import type { AbstentionReason } from '../answer/types.js';
import type {
	Outcome,
	QuestionRecord,
	Resolution,
	StoredQuestion,
	TopicRef,
	VoteRecord,
} from '../learning/records.js';
import { outcomeCountRow, parseRows, questionRow, topicVotesRow } from './rows.js';
import type { LearningDatabase } from './schema.js';
import { encodeText } from './text-codec.js';

/** What the recorder writes in one transaction, questions before the votes that may name them. */
export interface Batch {
	questions: readonly QuestionRecord[];
	votes: readonly VoteRecord[];
}

export interface QuestionQuery {
	/** Asked at or after this time (ms since the epoch). */
	since: number;
	outcome?: Outcome;
	/** Only questions no moderator has resolved or dismissed. */
	unresolved?: boolean;
	/** At most this many, the newest first (default {@link DEFAULT_QUESTION_LIMIT}). */
	limit?: number;
	/** Only those asked in this guild (its id, or "DM" for direct messages); every guild when absent. */
	guildId?: string;
}

export const DEFAULT_QUESTION_LIMIT = 50_000;

/** Questions by outcome, and the abstentions by the reason their records give (those that give one). */
export type OutcomeCounts = Record<Outcome, number> & {
	abstainedBy: Partial<Record<AbstentionReason, number>>;
};

export interface TopicVotes {
	topic: TopicRef;
	up: number;
	down: number;
}

export interface PurgeResult {
	questions: number;
	votes: number;
}

/** The store as the rest of the bot uses it; every method may reject (the database is outside). */
export interface LearningStore {
	write(batch: Batch): Promise<void>;
	questions(query: QuestionQuery): Promise<StoredQuestion[]>;
	/** Questions asked since `since`, by outcome; in one guild only when `guildId` is given (as in QuestionQuery). */
	outcomeCounts(since: number, guildId?: string): Promise<OutcomeCounts>;
	/** 👍/👎 on the answers given since `since` (in one guild only when `guildId` is given), by the topic answered from. */
	votesByTopic(since: number, guildId?: string): Promise<TopicVotes[]>;
	/** Marks questions as dealt with; returns how many were not already. */
	resolve(ids: readonly string[], resolution: Resolution, at: number): Promise<number>;
	/** Deletes the questions asked, and the votes cast, before `before`. */
	purge(before: number): Promise<PurgeResult>;
	close(): Promise<void>;
}

/** Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters. */
const ROWS_PER_INSERT = 200;

function chunks<T>(items: readonly T[], size: number): T[][] {
	const result: T[][] = [];
	for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
	return result;
}

/**
 * One row per answer and voter: within a batch the last vote wins (PostgreSQL refuses an insert
 * that would update one row twice).
 */
function lastVotes(votes: readonly VoteRecord[]): VoteRecord[] {
	const byKey = new Map<string, VoteRecord>();
	for (const vote of votes) {
		const key = `${vote.questionId}\u0000${vote.voter}`;
		byKey.delete(key);
		byKey.set(key, vote);
	}
	return [...byKey.values()];
}

/** The row a record is written as; the migration tests strip it to what an earlier schema held. */
export function questionValues(record: QuestionRecord) {
	return {
		id: record.id,
		asked_at: record.askedAt,
		guild_id: record.guildId,
		question: encodeText(record.question),
		normalized: encodeText(record.normalized),
		outcome: record.outcome,
		confidence: record.confidence,
		candidates: JSON.stringify(record.candidates),
		answer_document: record.answer?.documentId ?? null,
		answer_title: record.answer?.title ?? null,
		answer_kind: record.answer?.kind ?? null,
		abstention: record.abstention ?? null,
		knowledge_version: record.knowledgeVersion,
		resolution: null,
		resolved_at: null,
	};
}

export class KyselyStore implements LearningStore {
	constructor(readonly db: Kysely<LearningDatabase>) {}

	async write(batch: Batch): Promise<void> {
		const votes = lastVotes(batch.votes);
		if (batch.questions.length === 0 && votes.length === 0) return;
		await this.db.transaction().execute(async (trx) => {
			for (const rows of chunks(batch.questions, ROWS_PER_INSERT)) {
				await trx
					.insertInto('questions')
					.values(rows.map(questionValues))
					.onConflict((conflict) => conflict.column('id').doNothing())
					.execute();
			}
			for (const rows of chunks(votes, ROWS_PER_INSERT)) {
				await trx
					.insertInto('votes')
					.values(
						rows.map((vote) => ({
							question_id: vote.questionId,
							voter: vote.voter,
							vote: vote.vote === 'up' ? 1 : -1,
							voted_at: vote.votedAt,
						})),
					)
					.onConflict((conflict) =>
						conflict.columns(['question_id', 'voter']).doUpdateSet((eb) => ({
							vote: eb.ref('excluded.vote'),
							voted_at: eb.ref('excluded.voted_at'),
						})),
					)
					.execute();
			}
		});
	}

	async questions(query: QuestionQuery): Promise<StoredQuestion[]> {
		let select = this.db
			.selectFrom('questions')
			.select([
				'id',
				'asked_at',
				'guild_id',
				'question',
				'normalized',
				'outcome',
				'confidence',
				'candidates',
				'answer_document',
				'answer_title',
				'answer_kind',
				'abstention',
				'knowledge_version',
				'resolution',
			])
			.where('asked_at', '>=', query.since);
		if (query.outcome) select = select.where('outcome', '=', query.outcome);
		if (query.unresolved) select = select.where('resolution', 'is', null);
		if (query.guildId !== undefined) select = select.where('guild_id', '=', query.guildId);
		const rows = await select
			.orderBy('asked_at', 'desc')
			.orderBy('id')
			.limit(query.limit ?? DEFAULT_QUESTION_LIMIT)
			.execute();
		return parseRows(questionRow, rows, 'questions');
	}

	async outcomeCounts(since: number, guildId?: string): Promise<OutcomeCounts> {
		let select = this.db
			.selectFrom('questions')
			.select((eb) => ['outcome', 'abstention', eb.fn.countAll().as('count')])
			.where('asked_at', '>=', since);
		if (guildId !== undefined) select = select.where('guild_id', '=', guildId);
		const rows = await select.groupBy(['outcome', 'abstention']).execute();
		const counts: OutcomeCounts = { answered: 0, abstained: 0, smalltalk: 0, abstainedBy: {} };
		for (const row of parseRows(outcomeCountRow, rows, 'questions')) {
			counts[row.outcome] += row.count;
			if (row.outcome === 'abstained' && row.abstention !== undefined)
				counts.abstainedBy[row.abstention] = (counts.abstainedBy[row.abstention] ?? 0) + row.count;
		}
		return counts;
	}

	async votesByTopic(since: number, guildId?: string): Promise<TopicVotes[]> {
		let select = this.db
			.selectFrom('votes')
			.innerJoin('questions', 'questions.id', 'votes.question_id')
			.select((eb) => [
				'questions.answer_document',
				'questions.answer_title',
				'questions.answer_kind',
				eb.fn.sum<number | string>(eb.case().when('votes.vote', '>', 0).then(1).else(0).end()).as('up'),
				eb.fn.sum<number | string>(eb.case().when('votes.vote', '<', 0).then(1).else(0).end()).as('down'),
			])
			.where('questions.asked_at', '>=', since)
			.where('questions.answer_document', 'is not', null)
			.where('questions.answer_title', 'is not', null)
			.where('questions.answer_kind', 'is not', null);
		if (guildId !== undefined) select = select.where('questions.guild_id', '=', guildId);
		const rows = await select
			.groupBy(['questions.answer_document', 'questions.answer_title', 'questions.answer_kind'])
			.execute();
		return parseRows(topicVotesRow, rows, 'votes').map((row) => ({
			topic: { documentId: row.answer_document, title: row.answer_title, kind: row.answer_kind },
			up: row.up,
			down: row.down,
		}));
	}

	async resolve(ids: readonly string[], resolution: Resolution, at: number): Promise<number> {
		let resolved = 0;
		for (const part of chunks(ids, ROWS_PER_INSERT)) {
			const result = await this.db
				.updateTable('questions')
				.set({ resolution, resolved_at: at })
				.where('id', 'in', part)
				.where('resolution', 'is', null)
				.executeTakeFirst();
			resolved += Number(result.numUpdatedRows);
		}
		return resolved;
	}

	async purge(before: number): Promise<PurgeResult> {
		return this.db.transaction().execute(async (trx) => {
			const votes = await trx
				.deleteFrom('votes')
				.where((eb) =>
					eb.or([
						eb('voted_at', '<', before),
						eb('question_id', 'in', eb.selectFrom('questions').select('id').where('asked_at', '<', before)),
					]),
				)
				.executeTakeFirst();
			const questions = await trx.deleteFrom('questions').where('asked_at', '<', before).executeTakeFirst();
			return { questions: Number(questions.numDeletedRows), votes: Number(votes.numDeletedRows) };
		});
	}

	async close(): Promise<void> {
		await this.db.destroy();
	}
}
