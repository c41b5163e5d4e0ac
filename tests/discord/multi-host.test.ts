/**
 * The bot on two hosts, as it would run: two `npm run start:sharded` processes on this machine
 * (src/discord/shard-manager.ts, each a ShardingManager with two shard processes: SHARD_IDS=0,1
 * and 2,3 of SHARD_COUNT=4), their own copies of the knowledge folder, against the Discord
 * stand-in, connected through Redis. The happy path uses the machine's Redis (under a prefix of
 * its own) and PostgreSQL; the faults a throw-away redis-server, stopped and started at will.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { digestOf } from '../../src/knowledge/cache.js';
import { knowledgeFolderVersion } from '../../testkit/coordination/knowledge-version.js';
import { knowledgeEdit } from '../../src/coordination/knowledge-edit.js';
import { busKeys } from '../../src/coordination/messages.js';
import { RedisConnection } from '../../src/coordination/redis-connection.js';
import { formatBusSummary, shortVersion } from '../../src/coordination/reload-reply-text.js';
import { ReloadRequester } from '../../src/coordination/reload-requester.js';
import { filmMarkdown } from '../../testkit/bot-harness.js';
import { quietLogger } from '../../testkit/coordination/hosts.js';
import { addAsAlternateOnDiscord } from '../../testkit/learning.js';
import {
	ask,
	busReady,
	CLUBS,
	MOD_CLUB,
	reload,
	SHARDS_CONNECT_MS,
	startTwoHosts,
	type ShardedHost,
	type TwoHosts,
} from '../../testkit/coordination/sharded-host.js';
import type { FakeDiscord } from '../../testkit/fake-discord.js';
import {
	deleteKeys,
	describeWithRedis,
	describeWithRedisServer,
	MACHINE_REDIS_URL,
	ThrowawayRedis,
	uniquePrefix,
} from '../coordination/redis-services.js';
import { postgresAvailable, postgresQuery, postgresSchemaUrl } from '../storage/backends.js';
import { DIRECTOR_QUESTION, TITLED_DIRECTOR_QUESTION } from '../support/questions.js';

const HARBOR_LIGHTS = filmMarkdown({
	title: 'Harbor Lights',
	sections: {
		'The Lighthouse Keeper': 'Old Tomas keeps the lighthouse in Harbor Lights and spots the smugglers.',
	},
});
const LIGHTHOUSE_QUESTION = 'Who keeps the lighthouse in Harbor Lights?';
const HARBOR_SOURCE = { name: 'Source', value: 'Harbor Lights › The Lighthouse Keeper' };

const postgres = await postgresAvailable('the two-host test');

describeWithRedis()('two hosts of two shards each, through Redis and PostgreSQL', () => {
	const prefix = uniquePrefix();
	let pair: TwoHosts;
	let discord: FakeDiscord;
	let hosts: ShardedHost[];
	let folders: string[];
	const hostIds: [string, string] = ['test-host-a', 'test-host-b'];
	/** The learning records' schema of this run, dropped afterwards (never `public`: other runs share the database). */
	let database: Awaited<ReturnType<typeof postgresSchemaUrl>> | undefined;

	beforeAll(async () => {
		if (postgres.run) database = await postgresSchemaUrl();
		pair = await startTwoHosts(hostIds, {
			REDIS_URL: MACHINE_REDIS_URL,
			REDIS_PREFIX: prefix,
			RELOAD_DEADLINE_SECONDS: '15',
			// Everyone gets 8 questions an hour: alice asks fewer, bob tries more.
			COOLDOWN_QUESTIONS: '8',
			COOLDOWN_SECONDS: '3600',
			...(database ? { DATABASE_URL: database.url } : {}),
		});
		({ discord, hosts, folders } = pair);
		await busReady(MACHINE_REDIS_URL, prefix, hostIds);
	}, SHARDS_CONNECT_MS + 30_000);

	afterAll(async () => {
		await pair?.close();
		await deleteKeys(MACHINE_REDIS_URL, prefix);
		await database?.cleanup();
	}, 30_000);

	it('each host says at start which shards it runs, of how many, and that Redis and PostgreSQL answer', async () => {
		const [a, b] = hosts;
		await a!.waitForMessage(
			/^host test-host-a runs shards 0, 1 of 4 · Redis connected \(redis:\/\/127\.0\.0\.1:6379\) · /,
		);
		await b!.waitForMessage(/^host test-host-b runs shards 2, 3 of 4 · Redis connected/);
		if (postgres.run)
			await a!.waitForMessage(/ · PostgreSQL connected \(PostgreSQL postgres:\/\/.*\/test\?options=/);
	});

	it('a /reload on shard 3 reloads all four shards on both hosts; every shard answers from the new knowledge', async () => {
		for (const folder of folders) await writeFile(join(folder, 'harbor-lights.md'), HARBOR_LIGHTS);
		const reply = await reload(discord).reply(20_000);
		expect(reply.ephemeral).toBe(true);
		const version = shortVersion(await knowledgeFolderVersion(folders[0]!));
		expect(reply.content).toMatch(
			new RegExp(
				`^✅ Reloaded on 4 of 4 shards on 2 hosts — knowledge version ${version.replace('…', '')}…\\n`,
			),
		);
		// What changed, from the shard that was asked.
		expect(reply.content).toContain('+ document: Harbor Lights');

		for (const club of CLUBS) {
			const answer = await ask(discord, club, LIGHTHOUSE_QUESTION);
			expect(answer.embeds?.[0]?.fields, club).toContainEqual(HARBOR_SOURCE);
		}
	}, 60_000);

	it('a user has the same cooldown on every shard of every host (kept in Redis)', async () => {
		// Eight questions spread over host A's shards use up bob's hour ...
		for (let i = 0; i < 8; i++) {
			const answer = await ask(discord, CLUBS[i % 2]!, DIRECTOR_QUESTION, 'bob');
			expect(answer.content ?? '').not.toMatch(/^Slow down/);
		}
		// ... so host B's shard 3 refuses his ninth.
		const refused = await ask(discord, CLUBS[3]!, DIRECTOR_QUESTION, 'bob');
		expect(refused.ephemeral).toBe(true);
		expect(refused.content).toMatch(/^Slow down a little — you can ask again <t:\d+:R>\.$/);
	}, 60_000);

	it.skipIf(!postgres.run)(
		"both hosts' learning records land in the shared database, in this run's schema",
		async () => {
			const guilds = [CLUBS[0]!, CLUBS[3]!].map((club) => discord.guild(club).id);
			const deadline = Date.now() + 10_000;
			let seen: string[] = [];
			// Each shard writes its records in batches, about once a second.
			while (!guilds.every((id) => seen.includes(id)) && Date.now() < deadline) {
				await new Promise((resolve) => setTimeout(resolve, 250));
				const rows = await postgresQuery<{ guild_id: string }>(
					`select distinct guild_id from ${database!.schema}.questions`,
				);
				seen = rows.map((row) => row.guild_id);
			}
			expect(seen).toEqual(expect.arrayContaining(guilds));
		},
	);

	it("an alternate added on one host's request is written on both hosts' copies and served by every shard", async () => {
		const connection = new RedisConnection({
			url: MACHINE_REDIS_URL,
			logger: quietLogger,
			name: 'learning-loop',
		});
		try {
			const requester = new ReloadRequester({
				connection,
				keys: busKeys(prefix),
				hostId: 'test-learning-loop',
				shardCount: 4,
				deadlineMs: 15_000,
				local: { shardIds: () => [], reload: () => Promise.resolve([]) },
				logger: quietLogger,
			});
			connection.start();
			requester.start();
			expect(await connection.whenSubscribed(5_000)).toBe(true);
			const before = await readFile(join(folders[0]!, 'harbor-lights.md'));
			const summary = await requester.addAlternate(
				knowledgeEdit({
					file: 'harbor-lights.md',
					topic: { kind: 'section', title: 'The Lighthouse Keeper' },
					question: 'Who watches the beacon at night?',
					beforeHash: digestOf(before),
				}),
			);
			expect(formatBusSummary(summary)).toMatch(
				/^✅ Alternate added on 2 of 2 hosts and served on 4 of 4 shards — knowledge version /,
			);
		} finally {
			await connection.close();
		}
		const [a, b] = await Promise.all(
			folders.map((folder) => readFile(join(folder, 'harbor-lights.md'), 'utf8')),
		);
		expect(a).toContain('Who watches the beacon at night?');
		expect(b).toBe(a);
		for (const club of [CLUBS[0]!, CLUBS[3]!]) {
			const answer = await ask(discord, club, 'Who watches the beacon at night?');
			expect(answer.embeds?.[0]?.fields, club).toContainEqual(HARBOR_SOURCE);
		}
	}, 60_000);

	it('"Add as alternate" from /unanswered on host B is written into both hosts\' copies and answered on host A too', async () => {
		const question = 'which old sailor minds the light tower';
		// Asked where the moderator is (shard 3, host B): the bot cannot answer it yet.
		expect((await ask(discord, MOD_CLUB, question, 'mod')).embeds ?? []).toEqual([]);

		const done = await addAsAlternateOnDiscord(discord, {
			user: 'mod',
			guild: MOD_CLUB,
			cluster: /old sailor/,
			topic: 'The Lighthouse Keeper',
			timeoutMs: 30_000,
		});
		expect(done.ephemeral).toBe(true);
		const [a, b] = await Promise.all(
			folders.map((folder) => readFile(join(folder, 'harbor-lights.md'), 'utf8')),
		);
		expect(a).toContain(question);
		expect(b).toBe(a);
		const version = shortVersion(await knowledgeFolderVersion(folders[0]!));
		expect(done.content).toMatch(
			/^✅ Added an alternate to the section 'The Lighthouse Keeper' in harbor-lights\.md: /,
		);
		expect(done.content).toContain('\n1 question of the cluster marked resolved.\n');
		expect(done.content).toContain(
			`\n✅ Alternate added on 2 of 2 hosts and served on 4 of 4 shards — knowledge version ${version}`,
		);
		// Served by host A's shard 0, which did not run the command.
		const answer = await ask(discord, CLUBS[0]!, question);
		expect(answer.embeds?.[0]?.fields).toContainEqual(HARBOR_SOURCE);
	}, 60_000);

	it('a host whose knowledge folder differs is named in the reply', async () => {
		await writeFile(
			join(folders[1]!, 'night-ferry.md'),
			filmMarkdown({ title: 'Night Ferry', sections: { 'The Crossing': 'A ferry crosses at midnight.' } }),
		);
		const reply = await reload(discord).reply(20_000);
		const [versionA, versionB] = await Promise.all(folders.map((folder) => knowledgeFolderVersion(folder)));
		expect(reply.content).toContain(
			'⚠️ Reloaded on 4 of 4 shards on 2 hosts — the hosts disagree on the knowledge version',
		);
		expect(reply.content).toContain(
			`⚠️ The hosts serve different knowledge: test-host-a ${shortVersion(versionA!)} (shards 0, 1), test-host-b ${shortVersion(versionB!)} (shards 2, 3) — their knowledge folders differ.`,
		);
		expect(discord.failedRequests).toEqual([]);
	}, 60_000);
});

describeWithRedisServer()('two hosts when Redis fails', () => {
	const prefix = uniquePrefix();
	let redis: ThrowawayRedis;
	let pair: TwoHosts;
	let discord: FakeDiscord;
	let hosts: ShardedHost[];
	let folders: string[];
	const hostIds: [string, string] = ['test-host-c', 'test-host-d'];

	beforeAll(async () => {
		// A port that had a Redis and has none now: the hosts start with Redis down.
		redis = await ThrowawayRedis.start();
		await redis.kill();
		pair = await startTwoHosts(hostIds, {
			REDIS_URL: redis.url,
			REDIS_PREFIX: prefix,
			RELOAD_DEADLINE_SECONDS: '3',
			COOLDOWN_SECONDS: '0',
		});
		({ discord, hosts, folders } = pair);
	}, SHARDS_CONNECT_MS + 30_000);

	afterAll(async () => {
		await pair?.close();
		await redis?.kill();
	}, 30_000);

	it('Redis down at start: every shard answers, and /reload reloads this host and names the shards it could not reach', async () => {
		await hosts[1]!.waitForMessage(/^host test-host-d runs shards 2, 3 of 4 · Redis NOT connected \(/);
		for (const club of CLUBS) {
			const answer = await ask(discord, club, TITLED_DIRECTOR_QUESTION);
			expect(
				answer.embeds?.[0]?.fields?.some((field) => field.name === 'Source'),
				club,
			).toBe(true);
		}
		for (const folder of folders) await writeFile(join(folder, 'harbor-lights.md'), HARBOR_LIGHTS);
		const reply = await reload(discord).reply(20_000);
		expect(reply.content).toMatch(
			/^⚠️ Redis is unavailable, so only this host was reached: reloaded on 2 of 4 shards on 1 host — knowledge version /,
		);
		expect(reply.content).toContain('❓ Could not reach shards 0, 1 on the other hosts.');
		// This host's shards serve the new knowledge; the other host's do not yet.
		expect((await ask(discord, CLUBS[2]!, LIGHTHOUSE_QUESTION)).embeds?.[0]?.fields).toContainEqual(
			HARBOR_SOURCE,
		);
		expect((await ask(discord, CLUBS[0]!, LIGHTHOUSE_QUESTION)).embeds?.[0]?.fields ?? []).not.toContainEqual(
			HARBOR_SOURCE,
		);
	}, 60_000);

	it('Redis back: the hosts reconnect by themselves and a /reload reaches every shard again', async () => {
		await redis.restart();
		await busReady(redis.url, prefix, hostIds);
		const reply = await reload(discord).reply(20_000);
		expect(reply.content).toMatch(/^✅ Reloaded on 4 of 4 shards on 2 hosts — knowledge version /);
		expect((await ask(discord, CLUBS[0]!, LIGHTHOUSE_QUESTION)).embeds?.[0]?.fields).toContainEqual(
			HARBOR_SOURCE,
		);
	}, 60_000);

	it('Redis lost mid-run: every shard keeps answering, /reload names the host it could not reach; back, the hosts reconnect by themselves', async () => {
		await redis.kill();
		let reloadMs: number;
		let answerMs: number[];
		try {
			const lostAt = Date.now();
			// Answers never wait for Redis: every shard, the cooldown falling back to memory.
			answerMs = [];
			for (const club of CLUBS) {
				const asked = Date.now();
				const answer = await ask(discord, club, LIGHTHOUSE_QUESTION);
				answerMs.push(Date.now() - asked);
				expect(answer.embeds?.[0]?.fields, club).toContainEqual(HARBOR_SOURCE);
			}
			const reply = await reload(discord).reply(20_000);
			expect(reply.content).toMatch(
				/^⚠️ Redis is unavailable, so only this host was reached: reloaded on 2 of 4 shards on 1 host — knowledge version /,
			);
			// By name: this shard saw the other host in the cross-host /reload before Redis went.
			expect(reply.content).toContain('❓ Could not reach host test-host-c (shards 0, 1).');
			reloadMs = Date.now() - lostAt;
		} finally {
			// Back even when an assertion failed, for the tests after this one.
			await redis.restart();
		}
		const backAt = Date.now();
		await busReady(redis.url, prefix, hostIds);
		const busMs = Date.now() - backAt;
		const again = await reload(discord).reply(20_000);
		expect(again.content).toMatch(/^✅ Reloaded on 4 of 4 shards on 2 hosts — knowledge version /);
		console.log(
			`Redis lost mid-run: answers ${Math.max(...answerMs)} ms at most, this-host /reload replied ${reloadMs} ms after the loss; back: every host and shard subscribed again ${busMs} ms after Redis restarted, a cross-host /reload ${Date.now() - backAt} ms after`,
		);
	}, 90_000);

	it('a host killed during a /reload: the reply comes within the deadline and names its missing shards', async () => {
		const [c] = hosts;
		// Frozen first, so that it has certainly not answered when it dies mid-request.
		process.kill(c!.process.pid!, 'SIGSTOP');
		const started = Date.now();
		const pending = reload(discord);
		await new Promise((resolve) => setTimeout(resolve, 500));
		await c!.kill();
		const reply = await pending.reply(20_000);
		const elapsed = Date.now() - started;
		expect(elapsed).toBeLessThan(3_000 + 2_000);
		expect(reply.content).toMatch(/^⚠️ Reloaded on 2 of 4 shards on 1 host — knowledge version /);
		expect(reply.content).toContain('❓ No answer within 3 s from host test-host-c (shards 0, 1).');
		// The other host keeps answering.
		expect((await ask(discord, CLUBS[3]!, LIGHTHOUSE_QUESTION)).embeds?.[0]?.fields).toContainEqual(
			HARBOR_SOURCE,
		);
	}, 60_000);
});
