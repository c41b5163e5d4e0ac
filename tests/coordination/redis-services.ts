/**
 * Redis for the coordination tests: the machine's own server (127.0.0.1:6379) for the happy paths,
 * under a prefix unique to the run and cleaned up after (never FLUSHALL: other programs may use
 * it), and throw-away `redis-server` processes on free ports for the faults, killed and restarted
 * at will. Without a server the tests are skipped with one line; with REQUIRE_SERVICES=1 (as
 * .ci/run sets) they fail instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { freePort } from '../../testkit/ports.js';
import { Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterEach, describe } from 'vitest';

export const MACHINE_REDIS_URL = 'redis://127.0.0.1:6379';

/** True when something at host:port answers PING with PONG within a second. */
export function pings(port: number, host = '127.0.0.1'): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = new Socket();
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1_000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
		socket.connect(port, host, () => socket.write('PING\r\n'));
	});
}

const redisServerInstalled = spawnSync('redis-server', ['--version']).status === 0;
const machineRedis = await pings(6379);

const missing = [
	machineRedis ? undefined : 'no Redis answers at 127.0.0.1:6379',
	redisServerInstalled ? undefined : 'no redis-server binary on this machine (Debian package redis-server)',
].filter((why) => why !== undefined);
if (missing.length > 0) {
	if (process.env.REQUIRE_SERVICES === '1')
		throw new Error(`${missing.join('; ')}, and REQUIRE_SERVICES=1 says the Redis tests must run`);
	console.warn(`Skipping Redis tests: ${missing.join('; ')} (REQUIRE_SERVICES=1 makes this a failure).`);
}

/** For tests against the machine's Redis at 127.0.0.1:6379 (skipped, said once above, without it). */
export const describeWithRedis = () => (machineRedis ? describe : describe.skip);

/** For tests that start their own throw-away `redis-server` (skipped, said once above, without it). */
export const describeWithRedisServer = () => (redisServerInstalled ? describe : describe.skip);

/** A key and channel prefix of this run's own, so parallel runs and other users of the server never meet. */
export function uniquePrefix(): string {
	return `faq-bot-test:${process.pid}:${randomUUID().slice(0, 8)}:`;
}

/** Deletes every key under `prefix` (and nothing else). */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
	const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null });
	try {
		await client.connect();
		let cursor = '0';
		do {
			const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
			if (keys.length > 0) await client.del(...keys);
			cursor = next;
		} while (cursor !== '0');
	} finally {
		client.disconnect();
	}
}

export { freePort };

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

/** A `redis-server` of the test's own, on a free port, keeping nothing on disk. */
export class ThrowawayRedis {
	#process: ChildProcess | undefined;

	private constructor(readonly port: number) {}

	static async start(): Promise<ThrowawayRedis> {
		const server = new ThrowawayRedis(await freePort());
		await server.restart();
		return server;
	}

	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	get running(): boolean {
		return this.#process !== undefined;
	}

	/** Starts it (again) on the same port and waits until it answers. */
	async restart(): Promise<void> {
		if (this.#process) return;
		this.#process = spawn(
			'redis-server',
			['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			{ stdio: 'ignore' },
		);
		await until(() => pings(this.port), 10_000, `redis-server did not answer on port ${this.port}`);
	}

	/** Kills it outright (SIGKILL, as a crash or a lost machine would) and waits until it is gone. */
	async kill(): Promise<void> {
		const child = this.#process;
		if (!child) return;
		this.#process = undefined;
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGKILL');
		await exited;
	}
}

/**
 * Registers an `afterEach` that undoes what the tests hand it (closing connections, killing
 * servers and processes), the last first; returns the function to hand it with.
 */
export function cleanupAfterEach(): (step: () => Promise<unknown>) => void {
	const steps: (() => Promise<unknown>)[] = [];
	afterEach(async () => {
		for (const step of steps.splice(0).reverse()) await step();
	});
	return (step) => void steps.push(step);
}
