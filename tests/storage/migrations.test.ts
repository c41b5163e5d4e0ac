/**
 * The learning store's migrations on a database that already holds records, as an upgraded bot
 * meets it: a database of the first schema, written by the previous version, migrated when the
 * store opens; the guild-scoped queries of /unanswered and /stats then read it through the guild
 * index (as the engine's own query plan shows); and a database a newer version migrated further
 * is used as it is. On SQLite and on the machine's PostgreSQL.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
	Kysely,
	Migrator,
	PostgresDialect,
	sql,
	SqliteDialect,
	type CompiledQuery,
	type Dialect,
} from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionRecord, VoteRecord } from '../../src/learning/records.js';
import { migrationPlan, type StoreLocation } from '../../src/storage/connect.js';
import { migrationProvider } from '../../src/storage/migrations.js';
import { openStore } from '../../src/storage/open.js';
import type { LearningDatabase } from '../../src/storage/schema.js';
import { KyselyStore, questionValues, type LearningStore } from '../../src/storage/store.js';
import { postgresAvailable, postgresQuery, postgresSchemaUrl } from './backends.js';

const postgres = await postgresAvailable("the learning store's migrations on PostgreSQL");

const FIRST = '0001-questions-and-votes';
const GUILD_INDEX = 'questions_guild_asked_at';
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2025, 5, 6, 12);
/** Enough rows in enough guilds that PostgreSQL's planner, given statistics, prefers an index to a scan. */
const GUILDS = 200;
const RECORDS = 20_000;
const GUILD = 'g7';

function record(i: number): QuestionRecord {
	const outcome = i % 7 === 0 ? 'smalltalk' : i % 3 === 0 ? 'abstained' : 'answered';
	return {
		id: `m${String(i).padStart(15, '0')}`,
		// Spread over the 90 days of the default retention, newest first.
		askedAt: NOW - Math.floor((i / RECORDS) * 90 * DAY),
		guildId: `g${i % GUILDS}`,
		question: `question ${i}`,
		normalized: `question ${i}`,
		outcome,
		confidence: 0.5,
		candidates: [],
		knowledgeVersion: 'v1',
		...(outcome === 'answered'
			? { answer: { documentId: `doc${i % 30}`, title: 'Opening hours', kind: 'faq' as const } }
			: {}),
	};
}

const RECORDS_WRITTEN = Array.from({ length: RECORDS }, (_, i) => record(i));
const VOTES: VoteRecord[] = RECORDS_WRITTEN.filter((_, i) => i % 5 === 0).map((q) => ({
	questionId: q.id,
	voter: `voter-${q.id}`,
	vote: 'up',
	votedAt: q.askedAt,
}));
const inGuild = RECORDS_WRITTEN.filter((r) => r.guildId === GUILD);

/** One database, opened two ways: the store as the bot opens it, and Kysely of the test's own that shows the SQL it runs. */
interface Database {
	location: StoreLocation;
	/** Kysely of the test's own on the same database; every query it runs lands in `queries`. */
	direct: Kysely<LearningDatabase>;
	queries: CompiledQuery[];
	/** Where the Migrator keeps its table (PostgreSQL). */
	schema?: string;
	indexes(): Promise<string[]>;
	applied(): Promise<string[]>;
	/** The engine's plan for `query`, in one line per step. */
	plan(query: CompiledQuery): Promise<string>;
	cleanup(): Promise<void>;
}

function directKysely(dialect: Dialect, queries: CompiledQuery[]): Kysely<LearningDatabase> {
	return new Kysely<LearningDatabase>({
		dialect,
		log: (event) => {
			if (event.level === 'query') queries.push(event.query);
		},
	});
}

async function sqliteDatabase(): Promise<Database> {
	const dir = await mkdtemp(path.join(tmpdir(), 'faq-migrate-'));
	const file = path.join(dir, 'learning.sqlite');
	const connection = new SQLite(file);
	connection.pragma('journal_mode = WAL');
	const queries: CompiledQuery[] = [];
	const direct = directKysely(new SqliteDialect({ database: connection }), queries);
	const names = (query: string) =>
		(connection.prepare(query).all() as { name: string }[]).map((row) => row.name).sort();
	return {
		location: { kind: 'sqlite', file },
		direct,
		queries,
		indexes: () => Promise.resolve(names("select name from sqlite_master where type = 'index'")),
		applied: () => Promise.resolve(names('select name from kysely_migration')),
		plan: (query) =>
			Promise.resolve(
				(
					connection.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.parameters) as {
						detail: string;
					}[]
				)
					.map((step) => step.detail)
					.join('\n'),
			),
		async cleanup() {
			await direct.destroy();
			await rm(dir, { recursive: true, force: true });
		},
	};
}

async function postgresDatabase(): Promise<Database> {
	const { url, schema, cleanup } = await postgresSchemaUrl();
	const queries: CompiledQuery[] = [];
	const direct = directKysely(
		new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }),
		queries,
	);
	const names = async (query: string) =>
		(await postgresQuery<{ name: string }>(query, [schema])).map((row) => row.name).sort();
	return {
		location: { kind: 'postgres', url },
		direct,
		queries,
		schema,
		indexes: () => names('select indexname as name from pg_indexes where schemaname = $1'),
		applied: () =>
			postgresQuery<{ name: string }>(`select name from ${schema}.kysely_migration`).then((rows) =>
				rows.map((row) => row.name).sort(),
			),
		async plan(query) {
			// Through the driver: it plans the statement with the parameters it was run with.
			const client = new pg.Client({ connectionString: url });
			await client.connect();
			try {
				const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${query.sql}`, [
					...query.parameters,
				]);
				return rows.map((row) => row['QUERY PLAN']).join('\n');
			} finally {
				await client.end();
			}
		},
		async cleanup() {
			await direct.destroy();
			await cleanup();
		},
	};
}

describe('migrationPlan', () => {
	const known = ['0001-a', '0002-b'];
	it('migrates a new database, and one that lacks migrations this version has', () => {
		expect(migrationPlan(known, undefined)).toBe('migrate');
		expect(migrationPlan(known, [])).toBe('migrate');
		expect(migrationPlan(known, ['0001-a'])).toBe('migrate');
		expect(migrationPlan(known, known)).toBe('migrate');
	});
	it('uses as it is a database that has every migration this version knows and more', () => {
		expect(migrationPlan(known, [...known, '0003-c'])).toBe('newer-schema');
	});
	it('leaves a database that lacks one of this version’s migrations and has others to the Migrator, which refuses it', () => {
		expect(migrationPlan(known, ['0001-a', '0003-c'])).toBe('migrate');
	});
});

const backends = [
	{ name: 'SQLite', open: sqliteDatabase, skip: false },
	{ name: 'PostgreSQL', open: postgresDatabase, skip: !postgres.run },
];

describe.each(backends)('the guild index, on $name', ({ open, skip }) => {
	let database: Database;
	let store: LearningStore | undefined;

	beforeAll(async () => {
		if (skip) return;
		if (postgres.problem && open === postgresDatabase)
			throw new Error(`REQUIRE_SERVICES=1 but PostgreSQL is not reachable: ${postgres.problem}`);
		database = await open();
		// The database as the previous version left it: the first schema only, holding records.
		const migrator = new Migrator({
			db: database.direct,
			provider: migrationProvider,
			...(database.schema ? { migrationTableSchema: database.schema } : {}),
		});
		const { error } = await migrator.migrateTo(FIRST);
		if (error) throw error instanceof Error ? error : new Error(`migrating to ${FIRST} failed`);
		// Rows as the previous version wrote them: the first schema's columns, no reason column.
		const firstSchemaRow = (record: QuestionRecord) => {
			const { abstention, ...row } = questionValues(record);
			expect(abstention).toBeNull();
			return row;
		};
		for (let start = 0; start < RECORDS; start += 500) {
			const rows = RECORDS_WRITTEN.slice(start, start + 500).map(firstSchemaRow);
			await database.direct.insertInto('questions').values(rows).execute();
		}
		await new KyselyStore(database.direct).write({ questions: [], votes: VOTES });
	}, 60_000);

	afterAll(async () => {
		await store?.close();
		await database?.cleanup();
	});

	it.skipIf(skip)(
		'is added when the store opens a database of the first schema that holds records, and every record is kept',
		async () => {
			expect(await database.indexes()).not.toContain(GUILD_INDEX);
			expect(await database.applied()).toEqual([FIRST]);

			store = openStore(database.location, { thread: 'here' });
			const mine = await store.questions({ since: 0, guildId: GUILD, limit: RECORDS });
			expect(mine.map((q) => q.id)).toEqual(
				[...inGuild].sort((a, b) => b.askedAt - a.askedAt || a.id.localeCompare(b.id)).map((q) => q.id),
			);
			expect(await store.questions({ since: 0, limit: 2 * RECORDS })).toHaveLength(RECORDS);

			expect(await database.indexes()).toContain(GUILD_INDEX);
			expect(await database.applied()).toEqual([FIRST, '0002-questions-by-guild', '0003-abstention-reason']);
		},
		60_000,
	);

	it.skipIf(skip)(
		'serves the guild-scoped queries of /unanswered and /stats, as the query plan shows',
		async () => {
			if (database.schema) await postgresQuery(`analyze ${database.schema}.questions`);
			const queries = new KyselyStore(database.direct);
			const since = NOW - 30 * DAY;
			const asked: [string, () => Promise<unknown>][] = [
				[
					'/unanswered',
					() => queries.questions({ since, outcome: 'abstained', unresolved: true, guildId: GUILD }),
				],
				['/stats counts', () => queries.outcomeCounts(since, GUILD)],
				['/stats votes', () => queries.votesByTopic(since, GUILD)],
			];
			for (const [what, run] of asked) {
				database.queries.length = 0;
				await run();
				const [query] = database.queries;
				if (!query) throw new Error(`${what}: no query ran`);
				expect(query.sql, what).toMatch(/guild_id/);
				expect(await database.plan(query), what).toContain(GUILD_INDEX);
			}
			// And the answers are the guild's own.
			const counts = await queries.outcomeCounts(since, GUILD);
			const expected = inGuild.filter((r) => r.askedAt >= since);
			expect(counts.answered + counts.abstained + counts.smalltalk).toBe(expected.length);
		},
		60_000,
	);

	it.skipIf(skip)(
		'is used as it is when a newer version (another host, upgraded first) migrated it further',
		async () => {
			const table = database.schema ? `${database.schema}.kysely_migration` : 'kysely_migration';
			await sql`insert into ${sql.raw(table)} (name, timestamp) values ('9999-from-a-newer-version', ${new Date().toISOString()})`.execute(
				database.direct,
			);
			const older = openStore(database.location, { thread: 'here' });
			try {
				const late = { ...record(RECORDS + 1), guildId: GUILD, askedAt: NOW + DAY };
				await older.write({ questions: [late], votes: [] });
				expect((await older.questions({ since: NOW + DAY, guildId: GUILD })).map((q) => q.id)).toEqual([
					late.id,
				]);
			} finally {
				await older.close();
			}
		},
		30_000,
	);
});
