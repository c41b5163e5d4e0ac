/**
 * Cross-host coordination figures: `npx tsx bench/cross-host.ts [--runs 10] [--redis URL]`.
 *
 * - A cross-host reload of the knowledge folder (KNOWLEDGE_DIR, default `knowledge/`, the
 *   Ballerina FAQ) through Redis: two host processes, each with its own copy of the folder and a
 *   real KnowledgeService for two shards, answering a requester in this process; from request to
 *   summary, p50 and max over the runs (one warm-up run first).
 * - A cooldown check, Redis-backed (SharedCooldowns, one Lua script round trip) against the
 *   in-memory token bucket: p50 and p99 over 5,000 checks from 1,000 users.
 *
 * Uses the Redis at --redis (default the machine's, 127.0.0.1:6379) under a prefix of its own,
 * deleted at the end.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { RedisCooldowns, SharedCooldowns, type CooldownStore } from '../src/coordination/cooldown-store.js';
import { busKeys } from '../src/coordination/messages.js';
import { RedisConnection } from '../src/coordination/redis-connection.js';
import { ReloadRequester } from '../src/coordination/reload-requester.js';
import { Cooldowns } from '../src/discord/cooldown.js';
import { createLogger } from '../src/logger.js';
import { Folders, hostProcess, killHost } from '../testkit/coordination/hosts.js';
import { markdownTable, median, ms, percentile } from '../testkit/stats.js';

const { values } = parseArgs({
	options: {
		runs: { type: 'string', default: '10' },
		redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
	},
});
const runs = Number(values.runs);
const url = values.redis;
const knowledgeDir = process.env.KNOWLEDGE_DIR ?? 'knowledge';
const logger = createLogger({ level: 'warn' });
const prefix = `faq-bot-bench:${randomUUID().slice(0, 8)}:`;

const connection = new RedisConnection({ url, logger, name: 'bench' });
const ping = await connection.run((client) => client.ping());
if (!ping.ok) {
	console.error(`No Redis at ${connection.where}: ${ping.reason}`);
	process.exit(1);
}

const folders = new Folders();
// One after the other: two hosts starting at once on a loaded machine would time each other out.
const hosts = [];
for (const [hostId, shardIds] of [
	['bench-host-a', [0, 1]],
	['bench-host-b', [2, 3]],
] as const)
	hosts.push(
		await hostProcess({
			url,
			prefix,
			hostId,
			shardIds: [...shardIds],
			dir: await folders.copyOf(knowledgeDir),
			realReload: true,
		}),
	);

try {
	const requester = new ReloadRequester({
		connection,
		keys: busKeys(prefix),
		hostId: 'bench-requester',
		shardCount: 4,
		deadlineMs: 30_000,
		// The requester runs no shard itself here; the fallback is never used while Redis is up.
		local: { shardIds: () => [], reload: () => Promise.resolve([]) },
		logger,
	});
	requester.start();
	await connection.whenSubscribed(5_000);

	const times: number[] = [];
	for (let run = 0; run <= runs; run++) {
		const started = performance.now();
		const summary = await requester.reload();
		const elapsed = performance.now() - started;
		if (summary.reach !== 'redis' || summary.reports.filter((r) => r.ok).length !== 4)
			throw new Error(`run ${run}: reached ${summary.reports.length} of 4 shards`);
		if (run > 0) times.push(elapsed); // run 0 warms up
	}

	const users = Array.from({ length: 1_000 }, (_, i) => `user-${i}`);
	async function checkLatency(store: CooldownStore): Promise<number[]> {
		const latencies: number[] = [];
		for (let i = 0; i < 5_000; i++) {
			const started = performance.now();
			await store.take(users[i % users.length]!);
			latencies.push(performance.now() - started);
		}
		return latencies;
	}
	const inRedis = await checkLatency(
		new SharedCooldowns({
			redis: new RedisCooldowns({ connection, prefix, capacity: 5, windowMs: 30_000 }),
			fallback: new Cooldowns(5, 30_000),
			logger,
		}),
	);
	const inMemory = await checkLatency(new Cooldowns(5, 30_000));

	const row = (what: string, values: number[], high: number, label: string) => [
		what,
		`p50 ${ms(median(values))} ms, ${label} ${ms(percentile(values, high))} ms`,
	];
	console.log(
		markdownTable([
			['what', 'figure'],
			row(
				`cross-host /reload of ${knowledgeDir} through Redis, 2 host processes × 2 shards, request to summary (${runs} runs)`,
				times,
				100,
				'max',
			),
			row('cooldown check in Redis (5,000 checks, 1,000 users)', inRedis, 99, 'p99'),
			row('cooldown check in memory (the same)', inMemory, 99, 'p99'),
		]),
	);
} finally {
	for (const host of hosts) await killHost(host);
	await connection.run(async (client) => {
		const keys = await client.keys(`${prefix}*`);
		if (keys.length > 0) await client.del(...keys);
	});
	await connection.close();
	await folders.removeAll();
}
