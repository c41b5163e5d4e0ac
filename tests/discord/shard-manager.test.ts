import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShardingManager } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { createShardManager } from '../../src/discord/shard-manager.js';
import { startMetricsServer } from '../../src/metrics/server.js';
import { shardManagerEndpoints } from '../../src/metrics/shards.js';
import { defaultCommunity, filmMarkdown, makeKnowledgeDir, memoryLogger } from '../../testkit/bot-harness.js';
import { startShardedHost, type ShardedHost } from '../../testkit/coordination/sharded-host.js';
import { startFakeDiscord, type FakeDiscord } from '../../testkit/fake-discord.js';
import { sample } from '../support/prometheus.js';
import { addAsAlternateOnDiscord } from '../../testkit/learning.js';
import { shardOf, snowflakeOnShard } from '../../testkit/fake-discord/snowflake.js';
import { DIRECTOR_QUESTION } from '../support/questions.js';

/**
 * The real thing: `npm run start:sharded`'s ShardingManager spawning two shard processes (tsx,
 * src/discord/shard-process.ts), each with its own KnowledgeService, against the stand-in.
 */
describe('two shards under the ShardingManager', () => {
	let discord: FakeDiscord;
	let manager: ShardingManager;
	let knowledgeDir: string;
	let dataDir: string;

	beforeAll(async () => {
		discord = await startFakeDiscord({
			recommendedShards: 2,
			users: [{ username: 'mod' }, { username: 'alice' }],
			guilds: [
				{
					name: 'Shard Zero Club',
					id: snowflakeOnShard(0, 2),
					roles: [{ name: 'Moderator' }],
					members: [{ user: 'alice' }],
				},
				{
					name: 'Shard One Club',
					id: snowflakeOnShard(1, 2),
					roles: [{ name: 'Moderator' }],
					members: [{ user: 'mod', roles: ['Moderator'] }],
				},
			],
		});
		knowledgeDir = await makeKnowledgeDir();
		// Both shard processes record into one SQLite file here.
		dataDir = await mkdtemp(join(tmpdir(), 'faq-bot-data-'));
		const moderatorRole = discord.role('Shard One Club', 'Moderator').id;
		const env = {
			DISCORD_API_URL: discord.restUrl,
			KNOWLEDGE_DIR: knowledgeDir,
			DATA_DIR: dataDir,
			MODERATOR_ROLE_IDS: moderatorRole,
			COOLDOWN_SECONDS: '0',
			LOG_LEVEL: 'warn',
		};
		const config = loadConfig({ ...env, DISCORD_TOKEN: discord.token });
		await deployCommands({ ...config, token: discord.token });
		const { logger } = memoryLogger();
		manager = await createShardManager({ ...config, token: discord.token }, logger, { env, respawn: false });
		// As `npm run start:sharded` does, minus the 5.5 s identify spacing: the stand-in reports
		// max_concurrency 16. (Spawning both at once gains nothing on a 2-core machine.) With the
		// bot's ready timeout (SHARD_READY_TIMEOUT_SECONDS, 120 s by default): a shard process
		// under tsx on a loaded machine can take longer than discord.js's own 30 s.
		await manager.spawn({ delay: 0, timeout: config.shardReadyTimeoutMs });
		await discord.waitForShards(2, 30_000);
	}, 300_000);

	afterAll(async () => {
		if (manager) {
			manager.respawn = false;
			for (const shard of manager.shards.values()) shard.kill();
		}
		await discord?.close();
		if (knowledgeDir) await rm(knowledgeDir, { recursive: true, force: true });
		if (dataDir) await rm(dataDir, { recursive: true, force: true });
	});

	it('asks Discord for the shard count and runs one process per shard', () => {
		expect(manager.totalShards).toBe(2);
		expect(manager.shards.size).toBe(2);
		expect(discord.sessions.map((s) => s.shard).sort()).toEqual([
			[0, 2],
			[1, 2],
		]);
		expect(shardOf(discord.guild('Shard Zero Club').id, 2)).toBe(0);
		expect(shardOf(discord.guild('Shard One Club').id, 2)).toBe(1);
	});

	it('reloads every shard from a /reload on one of them', async () => {
		const question = 'Who keeps the lighthouse in Harbor Lights?';
		const before = await discord
			.sendCommand({ user: 'alice', guild: 'Shard Zero Club', name: 'ask', options: { question } })
			.reply();
		expect(before.embeds ?? []).toEqual([]);

		await writeFile(
			join(knowledgeDir, 'harbor-lights.md'),
			filmMarkdown({
				title: 'Harbor Lights',
				sections: {
					'The Lighthouse Keeper': 'Old Tomas keeps the lighthouse in Harbor Lights and spots the smugglers.',
				},
			}),
		);
		// Asked on shard 1 ...
		const reload = await discord
			.sendCommand({ user: 'mod', guild: 'Shard One Club', name: 'reload' })
			.reply(15_000);
		expect(reload.ephemeral).toBe(true);
		expect(reload.content).toContain('Knowledge reloaded on 2 of 2 shards');
		expect(reload.content).toContain('+ document: Harbor Lights');

		// ... and shard 0 serves the new knowledge too.
		const after = await discord
			.sendCommand({ user: 'alice', guild: 'Shard Zero Club', name: 'ask', options: { question } })
			.reply();
		expect(after.embeds?.[0]?.fields).toContainEqual({
			name: 'Source',
			value: 'Harbor Lights › The Lighthouse Keeper',
		});
		expect(discord.unknownRequests).toEqual([]);
		expect(discord.failedRequests).toEqual([]);
	}, 30_000);

	it('METRICS_PORT on the manager serves the totals of all shards, over HTTP', async () => {
		// One more question, on shard 1: the two earlier ones were both asked on shard 0.
		await discord
			.sendCommand({
				user: 'mod',
				guild: 'Shard One Club',
				name: 'ask',
				options: { question: DIRECTOR_QUESTION },
			})
			.reply();
		const server = await startMetricsServer(0, shardManagerEndpoints(manager));
		try {
			const base = `http://127.0.0.1:${server.port}`;
			const health = await fetch(`${base}/healthz`);
			expect(health.status).toBe(200);
			expect(((await health.json()) as { shards: unknown[] }).shards).toHaveLength(2);
			const text = await (await fetch(`${base}/metrics`)).text();
			const value = (series: string) => sample(text, series);
			expect(value('faq_bot_questions_total{outcome="answered"}')).toBe(2);
			expect(value('faq_bot_questions_total{outcome="abstained"}')).toBe(1);
			// One /reload is one reload, however many shard processes it reached (it used to count 2)...
			expect(value('faq_bot_reloads_total{result="ok"}')).toBe(1);
			expect(value('faq_bot_reloads_total{result="refused"}')).toBe(0);
			// ... and every shard took it: they all serve the same, second, knowledge.
			expect(value('faq_bot_knowledge_version')).toBe(2);
			expect(value('faq_bot_knowledge_entries{kind="documents"}')).toBe(2);
		} finally {
			await server.close();
		}
	}, 30_000);

	it('an alternate added from /unanswered on shard 1 is answered on shard 0 too', async () => {
		const question = 'which old sailor minds the light tower';
		const asked = await discord
			.sendCommand({ user: 'mod', guild: 'Shard One Club', name: 'ask', options: { question } })
			.reply();
		expect(asked.embeds ?? []).toEqual([]);

		const done = await addAsAlternateOnDiscord(discord, {
			user: 'mod',
			guild: 'Shard One Club',
			cluster: /old sailor/,
			topic: 'The Lighthouse Keeper',
		});
		expect(done.content).toMatch(/^✅ Added an alternate to the section 'The Lighthouse Keeper'/);
		expect(done.content).toContain('✅ Knowledge reloaded on 2 of 2 shards.');

		// Shard 0 did not run the command; it reloaded all the same.
		const after = await discord
			.sendCommand({ user: 'alice', guild: 'Shard Zero Club', name: 'ask', options: { question } })
			.reply();
		expect(after.embeds?.[0]?.fields ?? []).toContainEqual({
			name: 'Source',
			value: 'Harbor Lights › The Lighthouse Keeper',
		});
	}, 60_000);
});

describe('SHARD_READY_TIMEOUT_SECONDS', () => {
	let discord: FakeDiscord | undefined;
	let host: ShardedHost | undefined;
	const dirs: string[] = [];

	afterAll(async () => {
		await host?.stop();
		await discord?.close();
		for (const dir of dirs) await rm(dir, { recursive: true, force: true });
	});

	it('is how long `npm run start:sharded` waits for a shard to be ready before it stops, saying why', async () => {
		// Discord never lets the shard in: it never becomes ready.
		discord = await startFakeDiscord({ ...defaultCommunity(), holdIdentify: new Promise(() => undefined) });
		dirs.push(await makeKnowledgeDir(), await mkdtemp(join(tmpdir(), 'faq-bot-data-')));
		host = startShardedHost('test-slow-host', {
			DISCORD_TOKEN: discord.token,
			DISCORD_API_URL: discord.restUrl,
			KNOWLEDGE_DIR: dirs[0]!,
			DATA_DIR: dirs[1]!,
			SHARD_READY_TIMEOUT_SECONDS: '5',
		});
		const exited = new Promise<number | null>((resolve) => host!.process.once('exit', resolve));
		await host.waitForMessage(/^shard created$/, 60_000);
		const createdAt = Date.now();
		await host.waitForMessage(
			/^a shard could not start: Shard 0's Client took too long to become ready\.$/,
			60_000,
		);
		const waitedMs = Date.now() - createdAt;
		expect(await exited).toBe(1);
		// 5 s, not discord.js's 30 s.
		expect(waitedMs).toBeGreaterThanOrEqual(4_000);
		expect(waitedMs).toBeLessThan(25_000);
	}, 120_000);
});
