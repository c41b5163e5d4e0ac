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

export function postgresBackend(): Backend {
	const schema = `faq_test_${process.pid}_${randomBytes(4).toString('hex')}`;
	return {
		location: { kind: 'postgres', url: POSTGRES_URL, schema },
		async cleanup() {
			const client = new pg.Client({ connectionString: POSTGRES_URL });
			await client.connect();
			try {
				await client.query(`drop schema if exists ${schema} cascade`);
			} finally {
				await client.end();
			}
		},
	};
}
