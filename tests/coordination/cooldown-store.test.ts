/**
 * Cooldowns in Redis: one limit for a user on every shard of every host, the same token bucket
 * as in memory, and the in-memory store taking over while Redis is down.
 */
import { Writable } from 'node:stream';
import { afterAll, expect, it } from 'vitest';
import {
	RedisCooldowns,
	SharedCooldowns,
	type CooldownResult,
	type CooldownStore,
} from '../../src/coordination/cooldown-store.js';
import { RedisConnection } from '../../src/coordination/redis-connection.js';
import { Cooldowns } from '../../src/discord/cooldown.js';
import { createLogger } from '../../src/logger.js';
import { quietLogger } from '../../testkit/coordination/hosts.js';
import {
	cleanupAfterEach,
	deleteKeys,
	describeWithRedis,
	describeWithRedisServer,
	MACHINE_REDIS_URL,
	ThrowawayRedis,
	uniquePrefix,
} from './redis-services.js';

const cleanup = cleanupAfterEach();

function connect(url: string): RedisConnection {
	const connection = new RedisConnection({ url, logger: quietLogger, maxReconnectDelayMs: 100 });
	cleanup(() => connection.close());
	return connection;
}

const allowed = (results: CooldownResult[]) => results.map((result) => result.ok);

// The in-memory store implements the interface as it is (checked by the compiler here).
const inMemory: CooldownStore = new Cooldowns(2, 1_000);
void inMemory;

describeWithRedis()('cooldowns in the machine Redis', () => {
	const prefix = uniquePrefix();
	afterAll(() => deleteKeys(MACHINE_REDIS_URL, prefix));

	it('are one limit for a user across two clients (two shards), told once, and other users are not affected', async () => {
		const options = { prefix, capacity: 3, windowMs: 60_000 };
		const shardA = new RedisCooldowns({ ...options, connection: connect(MACHINE_REDIS_URL) });
		const shardB = new RedisCooldowns({ ...options, connection: connect(MACHINE_REDIS_URL) });
		const take = async (store: RedisCooldowns, user: string) => {
			const result = await store.take(user);
			if (!result.ok) throw new Error(result.reason);
			return result.value;
		};
		const results = [
			await take(shardA, 'ann'),
			await take(shardB, 'ann'),
			await take(shardA, 'ann'),
			await take(shardB, 'ann'),
			await take(shardA, 'ann'),
		];
		expect(allowed(results)).toEqual([true, true, true, false, false]);
		expect(results[3]).toMatchObject({ ok: false, firstRefusal: true });
		expect(results[4]).toMatchObject({ ok: false, firstRefusal: false });
		// One question comes back every 20 s (3 per 60 s), counted from Redis' clock.
		const retryAt = (results[3] as { retryAt: number }).retryAt;
		expect(retryAt - Date.now()).toBeGreaterThan(18_000);
		expect(retryAt - Date.now()).toBeLessThan(21_000);
		expect((await take(shardB, 'bob')).ok).toBe(true);
	});

	it('take a user’s last question only once when shards race for it', async () => {
		const options = { prefix, capacity: 5, windowMs: 60_000 };
		const stores = [connect(MACHINE_REDIS_URL), connect(MACHINE_REDIS_URL)].map(
			(connection) => new RedisCooldowns({ ...options, connection }),
		);
		const results = await Promise.all(Array.from({ length: 20 }, (_, i) => stores[i % 2]!.take('racer')));
		expect(results.filter((result) => result.ok && result.value.ok)).toHaveLength(5);
	});

	it('refill one question every window / capacity, and keep a key only until its bucket would be full', async () => {
		const connection = connect(MACHINE_REDIS_URL);
		const store = new RedisCooldowns({ connection, prefix, capacity: 2, windowMs: 600 });
		const takes = async () => {
			const result = await store.take('cara');
			return result.ok && result.value.ok;
		};
		expect([await takes(), await takes(), await takes()]).toEqual([true, true, false]);
		const ttl = await connection.run((client) => client.pttl(`${prefix}cooldown:cara`));
		expect(ttl.ok && ttl.value > 0 && ttl.value <= 600).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 350)); // one question back after 300 ms
		expect([await takes(), await takes()]).toEqual([true, false]);
		await new Promise((resolve) => setTimeout(resolve, 700));
		expect(await connection.run((client) => client.exists(`${prefix}cooldown:cara`))).toEqual({
			ok: true,
			value: 0,
		});
	});

	it('are off with a window of 0, without asking Redis', async () => {
		const store = new RedisCooldowns({
			connection: connect('redis://127.0.0.1:1'),
			capacity: 1,
			windowMs: 0,
		});
		expect(await store.take('dan')).toEqual({ ok: true, value: { ok: true } });
	});
});

describeWithRedisServer()('cooldowns when Redis goes away', () => {
	it('fall back to memory, which keeps limiting, say so once, and go back to Redis when it returns', async () => {
		const server = await ThrowawayRedis.start();
		cleanup(() => server.kill());
		const lines: string[] = [];
		const logger = createLogger({
			level: 'info',
			format: 'json',
			destination: new Writable({
				write(chunk: Buffer, _encoding, callback) {
					lines.push((JSON.parse(chunk.toString()) as { msg: string }).msg);
					callback();
				},
			}),
		});
		const connection = connect(server.url);
		let refusedInRedis = 0;
		const cooldowns = new SharedCooldowns({
			redis: new RedisCooldowns({ connection, prefix: 'bot:', capacity: 2, windowMs: 60_000 }),
			fallback: new Cooldowns(2, 60_000),
			logger,
			onRefuse: () => refusedInRedis++,
		});
		expect(
			allowed([await cooldowns.take('eve'), await cooldowns.take('eve'), await cooldowns.take('eve')]),
		).toEqual([true, true, false]);
		expect(refusedInRedis).toBe(1);
		expect(cooldowns.inMemory).toBe(false);

		await server.kill();
		const started = Date.now();
		const down = [await cooldowns.take('fay'), await cooldowns.take('fay'), await cooldowns.take('fay')];
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(allowed(down)).toEqual([true, true, false]);
		expect(cooldowns.inMemory).toBe(true);
		expect(lines).toEqual([
			expect.stringMatching(/^cooldowns fall back to this shard's memory until Redis is back/),
		]);

		await server.restart();
		const deadline = Date.now() + 5_000;
		while (!connection.available && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 20));
		expect((await cooldowns.take('gus')).ok).toBe(true);
		expect(cooldowns.inMemory).toBe(false);
		expect(lines.at(-1)).toBe('cooldowns are shared through Redis again');
		expect(lines).toHaveLength(2);
	});
});
