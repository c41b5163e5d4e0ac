/**
 * pg's pool as Kysely uses it, except that a connection whose statement failed without an answer
 * from the server (timed out, reset) is closed instead of handed out again. pg's `query_timeout`
 * fails a statement the network swallowed, but leaves it pending on its connection, and pg's pool
 * takes the connection back as healthy: every later statement on it would queue behind the lost
 * one and time out too, and the pool hands the most recently used connection out first — so the
 * learning records would never flow again after a network partition, even once it heals.
 */
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/** PostgreSQL's own errors carry a five-character SQLSTATE: the server answered, so the connection works. */
const SQLSTATE = /^[0-9A-Z]{5}$/;

function answeredByServer(error: unknown): boolean {
	return (
		typeof error === 'object' &&
		error !== null &&
		'code' in error &&
		typeof error.code === 'string' &&
		SQLSTATE.test(error.code)
	);
}

class CheckedClient implements PostgresPoolClient {
	#lost = false;

	constructor(private readonly client: pg.PoolClient) {}

	query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
	query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
	query<R>(
		sqlOrCursor: string | PostgresCursor<R>,
		parameters: ReadonlyArray<unknown> = [],
	): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
		if (typeof sqlOrCursor !== 'string') throw new Error('cursors are not used by the learning store');
		return this.client
			.query(sqlOrCursor, [...parameters])
			.then((result) => result as unknown as PostgresQueryResult<R>)
			.catch((error: unknown) => {
				if (!answeredByServer(error)) this.#lost = true;
				throw error;
			});
	}

	release(destroy?: boolean): void {
		this.client.release(destroy === true || this.#lost);
	}
}

export function discardingLostConnections(pool: pg.Pool): PostgresPool {
	return {
		connect: async () => new CheckedClient(await pool.connect()),
		end: () => pool.end(),
	};
}
