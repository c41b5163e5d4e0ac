/** Whether the PostgreSQL at DATABASE_URL answers now: for the one line a host prints at start. */
import pg from 'pg';
import { maskUrlPasswords } from '../log-redaction.js';

export type Reachable = { ok: true } | { ok: false; reason: string };

/** Connects, runs `SELECT 1` and disconnects, within `timeoutMs`; never throws, never shows the password. */
export async function postgresReachable(url: string, timeoutMs = 2_000): Promise<Reachable> {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
	// A connection dropped later must not become an unhandled 'error' event.
	client.on('error', () => undefined);
	try {
		await client.connect();
		await client.query('SELECT 1');
		return { ok: true };
	} catch (error) {
		return { ok: false, reason: maskUrlPasswords(error instanceof Error ? error.message : String(error)) };
	} finally {
		await client.end().catch(() => undefined);
	}
}
