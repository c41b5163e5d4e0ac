/**
 * Cross-host figures end to end, as a moderator and a user see them:
 * `npx tsx bench/cross-host-discord.ts [--runs 10] [--questions 200]`.
 *
 * Two `npm run start:sharded` hosts (SHARD_IDS=0,1 and 2,3 of SHARD_COUNT=4, each shard its own
 * process, each host its own copy of the Ballerina knowledge) against the Discord stand-in:
 *
 * - `/reload` on shard 3 through the machine's Redis (127.0.0.1:6379, under a prefix of its own),
 *   from the moderator's command to the aggregated reply: p50 and max over the runs (one warm-up
 *   run first);
 * - a question (`/ask`, spread over the four shards) from command to reply, with the cooldown
 *   checked in Redis, then with the same hosts restarted without REDIS_URL (in memory).
 *
 * (bench/cross-host.ts measures the bus and a cooldown check alone, without Discord.)
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { ask, busReady, CLUBS, reload, startTwoHosts } from '../testkit/coordination/sharded-host.js';
import type { FakeDiscord } from '../testkit/fake-discord.js';
import { markdownTable, median, ms, percentile } from '../testkit/stats.js';

const { values } = parseArgs({
	options: {
		runs: { type: 'string', default: '10' },
		questions: { type: 'string', default: '200' },
	},
});
const runs = Number(values.runs);
const questions = Number(values.questions);
const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `faq-bot-bench:${process.pid}:`;

const QUESTIONS = [
	'Which director made the Ballerina film?',
	'When was it released?',
	'Who plays Eve?',
	'Is it connected to John Wick?',
];

async function timeAsks(discord: FakeDiscord): Promise<number[]> {
	const times: number[] = [];
	for (let i = 0; i <= questions; i++) {
		const started = performance.now();
		await ask(discord, CLUBS[i % CLUBS.length]!, QUESTIONS[i % QUESTIONS.length]!);
		if (i > 0) times.push(performance.now() - started); // the first warms up
	}
	return times;
}

// The cooldown is checked on every question but never refuses one here.
const common = { COOLDOWN_QUESTIONS: '1000', COOLDOWN_SECONDS: '3600', LOG_LEVEL: 'warn' };
const pair = await startTwoHosts(['bench-a', 'bench-b'], { ...common, REDIS_URL, REDIS_PREFIX: prefix });
const { discord } = pair;

try {
	await busReady(REDIS_URL, prefix, ['bench-a', 'bench-b']);
	const reloads: number[] = [];
	for (let run = 0; run <= runs; run++) {
		const started = performance.now();
		const reply = await reload(discord).reply(60_000);
		if (!reply.content?.startsWith('✅ Reloaded on 4 of 4 shards on 2 hosts'))
			throw new Error(`run ${run}: ${reply.content}`);
		if (run > 0) reloads.push(performance.now() - started);
	}
	const inRedis = await timeAsks(discord);
	await pair.restart(common);
	const inMemory = await timeAsks(discord);

	const row = (what: string, times: number[], high: number, label: string) => [
		what,
		`p50 ${ms(median(times))} ms, ${label} ${ms(percentile(times, high))} ms`,
	];
	console.log(
		markdownTable([
			['what', 'figure'],
			row(
				`cross-host /reload of the Ballerina knowledge, 2 hosts × 2 shard processes, moderator's command to aggregated reply (${runs} runs)`,
				reloads,
				100,
				'max',
			),
			row(
				`a question, command to reply, cooldown in Redis (${questions} questions over 4 shards)`,
				inRedis,
				95,
				'p95',
			),
			row(
				'a question, command to reply, cooldown in memory (the same, hosts without REDIS_URL)',
				inMemory,
				95,
				'p95',
			),
		]),
	);
} finally {
	await pair.close();
	const redis = new Redis(REDIS_URL);
	const keys = await redis.keys(`${prefix}*`);
	if (keys.length > 0) await redis.del(...keys);
	redis.disconnect();
}
