/**
 * Opens the learning database: SQLite in DATA_DIR by default, PostgreSQL when DATABASE_URL is
 * set, the same schema and queries on both (Kysely), migrated to the latest version on opening.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { z } from 'zod';
import { maskUrlPasswords } from '../log-redaction.js';
import { discardingLostConnections } from './postgres-pool.js';
import type { LearningDatabase } from './schema.js';
import { KyselyStore } from './store.js';

export const SQLITE_FILE = 'learning.sqlite';

export type StoreLocation =
	| { kind: 'sqlite'; file: string }
	/** `schema`: tables in this PostgreSQL schema (created if missing) instead of the default one. */
	| { kind: 'postgres'; url: string; schema?: string };

/** Where the configuration puts the store: PostgreSQL when a database URL is set, else SQLite in the data folder. */
export function storeLocation(settings: { dataDir: string; databaseUrl: string | undefined }): StoreLocation {
	return settings.databaseUrl
		? { kind: 'postgres', url: settings.databaseUrl }
		: { kind: 'sqlite', file: path.join(settings.dataDir, SQLITE_FILE) };
}

/** Where the store is, in words fit for a log line (no password). */
export function describeLocation(location: StoreLocation): string {
	return location.kind === 'sqlite'
		? `SQLite ${location.file}`
		: `PostgreSQL ${maskUrlPasswords(location.url)}${location.schema ? ` (schema ${location.schema})` : ''}`;
}

/**
 * How long a SQLite statement waits for another process's write lock before failing with
 * SQLITE_BUSY. The writes run in a worker thread (see worker-store.ts), so waiting never holds
 * up a reply; a failed batch is kept and tried again.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * How long one PostgreSQL statement may go unanswered. A server that is down refuses at once, but
 * a network that drops every packet never answers, and TCP gives up only after many minutes:
 * without a limit, the write under way would hang, and every record after it wait behind it, long
 * after the network is back. Past it the statement fails, its connection is closed (see
 * postgres-pool.ts), and the recorder retries the batch on a new one. The store's
 * statements are small batches and bounded reads; 15 s is far beyond what they take.
 */
export const POSTGRES_STATEMENT_TIMEOUT_MS = 15_000;

function sqliteDatabase(Database: typeof SQLite, file: string): SQLite.Database {
	const database = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
	try {
		// WAL: readers never wait for the writer, and a commit survives the process being killed.
		database.pragma('journal_mode = WAL');
		// NORMAL is durable against a crash of the process (not of the machine) in WAL mode, and
		// does not fsync on every commit.
		database.pragma('synchronous = NORMAL');
		database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
	} catch (error) {
		database.close();
		throw error;
	}
	return database;
}

function postgresPool(driver: typeof pg, url: string, schema: string | undefined): pg.Pool {
	if (schema !== undefined && !SCHEMA_NAME.test(schema))
		throw new Error(`invalid PostgreSQL schema name '${schema}'`);
	const pool = new driver.Pool({
		connectionString: url,
		max: 4,
		connectionTimeoutMillis: 5_000,
		query_timeout: POSTGRES_STATEMENT_TIMEOUT_MS,
		...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
	});
	// An idle client losing its connection emits 'error' on the pool; unhandled, it would end the process.
	pool.on('error', () => undefined);
	return pool;
}

/**
 * Kysely over the location's database; nothing is connected until the first query. Kysely and the
 * driver load here, with the first store opened, not with this module: the bot's SQLite store
 * runs in a worker thread (worker-store.ts), so the bot's own thread never loads them (~10 MiB).
 */
export async function kyselyFor(location: StoreLocation): Promise<Kysely<LearningDatabase>> {
	const { Kysely, PostgresDialect, SqliteDialect } = await import('kysely');
	if (location.kind === 'sqlite') {
		await mkdir(path.dirname(path.resolve(location.file)), { recursive: true });
		const { default: Database } = await import('better-sqlite3');
		return new Kysely<LearningDatabase>({
			dialect: new SqliteDialect({ database: sqliteDatabase(Database, location.file) }),
		});
	}
	const { default: driver } = await import('pg');
	const pool = postgresPool(driver, location.url, location.schema);
	const db = new Kysely<LearningDatabase>({
		dialect: new PostgresDialect({ pool: discardingLostConnections(pool) }),
	});
	if (location.schema !== undefined) {
		try {
			await db.schema.createSchema(location.schema).ifNotExists().execute();
		} catch (error) {
			await db.destroy();
			throw error;
		}
	}
	return db;
}

/**
 * The migrations a database records as applied, or undefined when it has no record yet (a new
 * database). `schema`: where the Migrator keeps its table (see migrate()).
 */
async function appliedMigrations(
	db: Kysely<LearningDatabase>,
	schema: string | undefined,
): Promise<string[] | undefined> {
	const { sql } = await import('kysely');
	const table = schema === undefined ? sql.table('kysely_migration') : sql.id(schema, 'kysely_migration');
	try {
		const { rows } = await sql<{ name: unknown }>`select name from ${table}`.execute(db);
		return z
			.array(z.object({ name: z.string() }))
			.parse(rows)
			.map((row) => row.name);
	} catch {
		return undefined; // No such table yet: the Migrator creates it.
	}
}

/**
 * What to do with a database's migrations, given the ones this version knows. A database that
 * has every one of them and more was migrated by a newer version of the bot (another host, during
 * a rolling upgrade): migrations only ever add (see migrations.ts), so this version uses it as it
 * is, where Kysely's Migrator would refuse it ("previously executed migration … is missing") and
 * leave this host recording nothing until it is upgraded too.
 */
export function migrationPlan(
	known: readonly string[],
	applied: readonly string[] | undefined,
): 'migrate' | 'newer-schema' {
	if (applied === undefined) return 'migrate';
	const newer = applied.some((name) => !known.includes(name));
	return newer && known.every((name) => applied.includes(name)) ? 'newer-schema' : 'migrate';
}

/** Attempts at migrating: two processes opening one SQLite file at once may see SQLITE_BUSY. */
const MIGRATION_ATTEMPTS = 5;

/**
 * Applies the migrations the database lacks. `schema`: the PostgreSQL schema the tables live in.
 * Kysely's Migrator looks for its own bookkeeping tables in every schema unless told which one, so
 * without it a store in one schema would take another schema's tables for its own.
 */
export async function migrate(db: Kysely<LearningDatabase>, schema?: string): Promise<void> {
	const [{ Migrator }, { migrationProvider }] = await Promise.all([
		import('kysely'),
		import('./migrations.js'),
	]);
	const known = Object.keys(await migrationProvider.getMigrations());
	if (migrationPlan(known, await appliedMigrations(db, schema)) === 'newer-schema') return;
	const migrator = new Migrator({
		db,
		provider: migrationProvider,
		...(schema === undefined ? {} : { migrationTableSchema: schema }),
	});
	for (let attempt = 1; ; attempt++) {
		const { error } = await migrator.migrateToLatest();
		if (error === undefined) return;
		if (attempt >= MIGRATION_ATTEMPTS)
			throw error instanceof Error
				? error
				: new Error(`migrating the learning database failed: ${JSON.stringify(error)}`);
		await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
	}
}

/**
 * The schema unqualified tables are created in and read from: the first schema of the
 * connection's search_path that exists (`$user`, then `public` by default, or what the URL's
 * `options=-c search_path=…` says).
 */
async function currentSchema(db: Kysely<LearningDatabase>): Promise<string> {
	const { sql } = await import('kysely');
	const { rows } = await sql<{ schema: unknown }>`select current_schema() as schema`.execute(db);
	const parsed = z.object({ schema: z.string() }).safeParse(rows[0]);
	if (!parsed.success)
		throw new Error(
			'PostgreSQL has no schema to create the learning tables in: no schema of the search_path exists (create one, or name one in DATABASE_URL with options=-c search_path=<schema>)',
		);
	return parsed.data.schema;
}

/** Opens and migrates the store at `location`, in this thread. */
export async function openKyselyStore(location: StoreLocation): Promise<KyselyStore> {
	const db = await kyselyFor(location);
	try {
		// Named even when the URL names none: the Migrator would otherwise take another schema's
		// bookkeeping tables for this one's (see migrate()).
		const schema = location.kind === 'postgres' ? (location.schema ?? (await currentSchema(db))) : undefined;
		await migrate(db, schema);
	} catch (error) {
		await db.destroy();
		throw error;
	}
	return new KyselyStore(db);
}
