/**
 * The databases the learning store is tested against: SQLite in a fresh temporary folder, and
 * the machine's PostgreSQL (127.0.0.1:5432, trust auth, database `test`; TEST_DATABASE_URL to
 * point elsewhere) in a schema of its own per run, dropped afterwards. Without a reachable
 * PostgreSQL, its suite is skipped with one line — or fails, with REQUIRE_SERVICES=1 (CI).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { maskUrlPasswords } from '../../src/log-redaction.js';
import type { StoreLocation } from '../../src/storage/connect.js';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REQUIRE_SERVICES = process.env.REQUIRE_SERVICES === '1';

/** Why PostgreSQL cannot be used, or undefined when it can. */
export async function postgresProblem(): Promise<string | undefined> {
	const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3_000 });
	client.on('error', () => undefined);
	try {
		await client.connect();
		await client.query('select 1');
		return undefined;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	} finally {
		await client.end().catch(() => undefined);
	}
}

/** Whether to run the PostgreSQL suite; says so in one line when it is skipped. */
export async function postgresAvailable(suite: string): Promise<{ run: boolean; problem?: string }> {
	const problem = await postgresProblem();
	if (problem === undefined) return { run: true };
	if (REQUIRE_SERVICES) return { run: true, problem };
	console.log(
		`PostgreSQL at ${maskUrlPasswords(POSTGRES_URL)} is not reachable (${problem}): skipping ${suite} (REQUIRE_SERVICES=1 makes this a failure)`,
	);
	return { run: false, problem };
}

export interface Backend {
	location: StoreLocation;
	cleanup(): Promise<void>;
}

export async function sqliteBackend(): Promise<Backend> {
	const dir = await mkdtemp(path.join(tmpdir(), 'faq-store-'));
	return {
		location: { kind: 'sqlite', file: path.join(dir, 'learning.sqlite') },
		cleanup: () => rm(dir, { recursive: true, force: true }),
	};
}

/** Runs one statement on the test database, on a connection of its own. */
export async function postgresQuery<Row extends pg.QueryResultRow>(
	text: string,
	values: unknown[] = [],
): Promise<Row[]> {
	const client = new pg.Client({ connectionString: POSTGRES_URL });
	await client.connect();
	try {
		return (await client.query<Row>(text, values)).rows;
	} finally {
		await client.end();
	}
}

const uniqueSchema = () => `faq_test_${process.pid}_${randomBytes(4).toString('hex')}`;
const dropSchema = (schema: string) => postgresQuery(`drop schema if exists ${schema} cascade`);

/** The store in a schema of its own, named in its location (created by the store itself). */
export function postgresBackend(): Backend {
	const schema = uniqueSchema();
	return {
		location: { kind: 'postgres', url: POSTGRES_URL, schema },
		cleanup: () => dropSchema(schema).then(() => undefined),
	};
}

/**
 * A fresh schema of its own, created now, and a DATABASE_URL into it the way an operator points
 * the bot at a schema: `options=-c search_path=…` in the URL.
 */
export async function postgresSchemaUrl(): Promise<{
	url: string;
	schema: string;
	cleanup: () => Promise<void>;
}> {
	const schema = uniqueSchema();
	await postgresQuery(`create schema ${schema}`);
	const url = new URL(POSTGRES_URL);
	url.searchParams.set('options', `-c search_path=${schema}`);
	return { url: url.toString(), schema, cleanup: () => dropSchema(schema).then(() => undefined) };
}
