import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { reconnectDelay, RedisConnection } from '../../src/coordination/redis-connection.js';
import { redisUrlForLog, withoutRedisPassword } from '../../src/coordination/redis-url.js';
import { createLogger } from '../../src/logger.js';
import { TcpProxy } from '../../testkit/tcp-proxy.js';
import { cleanupAfterEach, describeWithRedisServer, freePort, ThrowawayRedis } from './redis-services.js';

/** A logger writing JSON lines into `lines`. */
function capturedLogger() {
	const lines: string[] = [];
	const destination = new Writable({
		write(chunk: Buffer, _encoding, callback) {
			lines.push(chunk.toString('utf8'));
			callback();
		},
	});
	return { lines, logger: createLogger({ level: 'info', format: 'json', destination }) };
}

describe('reconnectDelay', () => {
	it('doubles from 50 ms up to the cap, with at most 20% jitter', () => {
		expect([1, 2, 3, 4].map((n) => reconnectDelay(n, 5_000, () => 0))).toEqual([50, 100, 200, 400]);
		expect(reconnectDelay(30, 5_000, () => 0)).toBe(5_000);
		expect(reconnectDelay(30, 5_000, () => 1)).toBe(6_000);
	});
});

describeWithRedisServer()('RedisConnection against a throw-away redis-server', () => {
	const cleanup = cleanupAfterEach();

	function connect(
		url: string,
		logger: ReturnType<typeof capturedLogger>['logger'],
		warnIntervalMs = 60_000,
		heartbeatMs?: number,
	) {
		const connection = new RedisConnection({
			url,
			logger,
			name: 'test',
			maxReconnectDelayMs: 100,
			warnIntervalMs,
			...(heartbeatMs === undefined ? {} : { heartbeatMs }),
		});
		cleanup(() => connection.close());
		return connection;
	}

	/** A connection to a throw-away Redis through a proxy the test can cut, subscribed to "news". */
	async function subscribedThroughProxy() {
		const server = await ThrowawayRedis.start();
		cleanup(() => server.kill());
		const proxy = await TcpProxy.start('127.0.0.1', server.port);
		cleanup(() => proxy.close());
		const { lines, logger } = capturedLogger();
		const connection = connect(`redis://127.0.0.1:${proxy.port}`, logger, 60_000, 200);
		const heard: string[] = [];
		connection.subscribe('news', (message) => heard.push(message));
		expect(await connection.whenSubscribed(5_000)).toBe(true);
		return { server, proxy, lines, connection, heard };
	}

	/** Publishes "back" straight to the server until the subscriber hears it, or the deadline passes. */
	async function publishUntilHeard(url: string, heard: string[], deadline: number): Promise<void> {
		const publisher = new Redis(url);
		cleanup(() => Promise.resolve(publisher.disconnect()));
		while (!heard.includes('back') && Date.now() < deadline) {
			await publisher.publish('news', 'back');
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		expect(heard).toContain('back');
	}

	describe('Redis URLs in logs', () => {
		it('mask the password and keep where they point', () => {
			expect(redisUrlForLog('redis://:hunter2@cache.internal:6380/1')).toBe(
				'redis://:[redacted]@cache.internal:6380/1',
			);
			expect(redisUrlForLog('rediss://bot:p%40ss@cache:6379')).toBe('rediss://bot:[redacted]@cache:6379');
			expect(redisUrlForLog('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
			expect(redisUrlForLog('not a url :hunter2@')).toBe('(an unparsable REDIS_URL)');
			expect(withoutRedisPassword('WRONGPASS for p@ss', 'rediss://bot:p%40ss@cache:6379')).toBe(
				'WRONGPASS for [redacted]',
			);
		});
	});

	it('with Redis down: answers "unavailable" at once, never throws, warns once, and never logs the password', async () => {
		const port = await freePort();
		const { lines, logger } = capturedLogger();
		const connection = connect(`redis://:s3cret-pw@127.0.0.1:${port}`, logger);
		const started = Date.now();
		const results = [];
		for (let i = 0; i < 20; i++) results.push(await connection.run((client) => client.ping()));
		expect(Date.now() - started).toBeLessThan(2_000);
		expect(results.every((result) => !result.ok)).toBe(true);
		expect(results[0]).toEqual({
			ok: false,
			reason: `Redis is unavailable (redis://:[redacted]@127.0.0.1:${port})`,
		});
		await new Promise((resolve) => setTimeout(resolve, 500)); // several reconnection attempts fail meanwhile
		const warnings = lines.map((line) => JSON.parse(line) as { level: number; msg: string; redis: string });
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatchObject({ level: 40, redis: `redis://:[redacted]@127.0.0.1:${port}` });
		expect(warnings[0]!.msg).toMatch(
			/^Redis unavailable \(.*ECONNREFUSED.*\): cross-host reload and shared cooldowns are off/,
		);
		expect(lines.join('')).not.toContain('s3cret-pw');
	});

	it('warns again after the interval, saying how many failures it did not log', async () => {
		const { lines, logger } = capturedLogger();
		const connection = connect(`redis://127.0.0.1:${await freePort()}`, logger, 300);
		connection.start();
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		const warnings = lines.map((line) => JSON.parse(line) as { failuresSinceLastWarning?: number });
		expect(warnings.length).toBeGreaterThanOrEqual(2);
		expect(warnings.length).toBeLessThanOrEqual(4);
		expect(warnings[1]!.failuresSinceLastWarning).toBeGreaterThan(0);
	});

	it('connects on first use, reconnects by itself after the server dies and returns, and resubscribes', async () => {
		const server = await ThrowawayRedis.start();
		cleanup(() => server.kill());
		const { lines, logger } = capturedLogger();
		const connection = connect(server.url, logger);
		const heard: string[] = [];
		connection.subscribe('news', (message) => heard.push(message));
		expect(await connection.run((client) => client.set('k', 'v'))).toEqual({ ok: true, value: 'OK' });
		expect(await connection.whenSubscribed(5_000)).toBe(true);

		await server.kill();
		expect(await connection.run((client) => client.get('k'))).toMatchObject({ ok: false });
		await server.restart();
		const deadline = Date.now() + 5_000;
		while (!(connection.available && connection.subscribed) && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 20));
		expect(await connection.run((client) => client.get('k'))).toEqual({ ok: true, value: null }); // nothing kept on disk
		await connection.run((client) => client.publish('news', 'back'));
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(heard).toEqual(['back']);
		expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([
			expect.stringMatching(/^Redis unavailable/),
			'Redis connected again',
		]);
	});

	it('notices a network that swallows every packet (nothing closes), and is back by itself, subscribed, once the network is', async () => {
		const { server, proxy, lines, connection, heard } = await subscribedThroughProxy();

		proxy.cut('blackhole');
		const deadline = Date.now() + 10_000;
		while (lines.length === 0 && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 20));
		expect((JSON.parse(lines[0] ?? '{}') as { msg?: string }).msg).toMatch(/^Redis unavailable \(/);
		// The connections cut stay dead (as after a partition); only new ones get through.
		proxy.restore();
		await publishUntilHeard(server.url, heard, deadline + 10_000);
		expect(await connection.run((client) => client.ping())).toEqual({ ok: true, value: 'PONG' });
		expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toContain('Redis connected again');
	});

	it('gives up on a connection the network takes but never answers, and is back by itself, subscribed, once the network is', async () => {
		const { server, proxy, lines, connection, heard } = await subscribedThroughProxy();
		expect(await connection.run((client) => client.ping())).toEqual({ ok: true, value: 'PONG' });

		// Both connections lost, and each tried again into the partition: taken, never answered.
		proxy.cut('blackhole');
		const deadline = Date.now() + 10_000;
		while (proxy.swallowed < 2 && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 20));
		expect(proxy.swallowed).toBeGreaterThanOrEqual(2);
		// Longer than a connection's handshake may take (2 s): those attempts must be given up, or
		// they would wait for an answer forever.
		await new Promise((resolve) => setTimeout(resolve, 2_500));
		proxy.restore();

		const restoredAt = Date.now();
		await publishUntilHeard(server.url, heard, restoredAt + 10_000);
		expect(await connection.run((client) => client.ping())).toEqual({ ok: true, value: 'PONG' });
		expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toContain('Redis connected again');
		console.log(
			`a connection taken but never answered: subscribed again ${Date.now() - restoredAt} ms after the network was back`,
		);
	});

	it('gives a command error back as a reason', async () => {
		const server = await ThrowawayRedis.start();
		cleanup(() => server.kill());
		const connection = connect(server.url, capturedLogger().logger);
		await connection.run((client) => client.set('text', 'abc'));
		expect(await connection.run((client) => client.incr('text'))).toEqual({
			ok: false,
			reason: 'ERR value is not an integer or out of range',
		});
	});
});
