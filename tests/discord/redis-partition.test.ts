/**
 * Two hosts of two shards each (as tests/discord/multi-host.test.ts runs them: two
 * `npm run start:sharded` processes on the Discord stand-in) whose REDIS_URL goes through a TCP
 * proxy the test cuts mid-run, the machine's Redis behind it untouched. Cut two ways: the network
 * swallowing every packet (a partition: nothing closes, only the bot's own timeouts and PINGs
 * notice) and connections refused (Redis gone). While cut, every shard answers (the cooldowns
 * asking Redis first) and `/reload` reloads the moderator's host, naming the host it could not
 * reach, within the deadline; once the proxy lets connections through again, nobody restarts
 * anything and a cross-host `/reload` reaches all four shards again.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { filmMarkdown } from '../../testkit/bot-harness.js';
import { addAsAlternateOnDiscord } from '../../testkit/learning.js';
import {
	ask,
	busReady,
	CLUBS,
	MOD_CLUB,
	reload,
	SHARDS_CONNECT_MS,
	startTwoHosts,
	type TwoHosts,
} from '../../testkit/coordination/sharded-host.js';
import type { FakeDiscord, ShownReply } from '../../testkit/fake-discord.js';
import { TcpProxy, type Cut } from '../../testkit/tcp-proxy.js';
import {
	deleteKeys,
	describeWithRedis,
	MACHINE_REDIS_URL,
	uniquePrefix,
} from '../coordination/redis-services.js';
import { TITLED_DIRECTOR_QUESTION } from '../support/questions.js';

const DEADLINE_SECONDS = 5;
/** Redis connections of the two hosts: commands and subscriber for each of 4 shards and 2 managers. */
const CONNECTIONS = 12;
/** The moderator (shard 3) is on the second host; the first runs shards 0 and 1. */
const hostIds: [string, string] = ['test-host-e', 'test-host-f'];

/** A film of its own for each cut, so that what each /reload brought is told apart. */
const FILMS: Record<Cut, { file: string; title: string; section: string; question: string; text: string }> = {
	blackhole: {
		file: 'harbor-lights.md',
		title: 'Harbor Lights',
		section: 'The Lighthouse Keeper',
		question: 'Who keeps the lighthouse in Harbor Lights?',
		text: 'Old Tomas keeps the lighthouse in Harbor Lights and spots the smugglers.',
	},
	refuse: {
		file: 'night-ferry.md',
		title: 'Night Ferry',
		section: 'The Crossing',
		question: 'When does the night ferry cross?',
		text: 'The night ferry crosses the bay at midnight with the stolen paintings aboard.',
	},
};

const sourceOf = (reply: ShownReply) =>
	reply.embeds?.[0]?.fields?.find((field) => field.name === 'Source')?.value;

describeWithRedis()('two hosts whose connection to Redis is cut mid-run (TCP proxy)', () => {
	const prefix = uniquePrefix();
	let proxy: TcpProxy;
	let pair: TwoHosts;
	let discord: FakeDiscord;

	beforeAll(async () => {
		proxy = await TcpProxy.start('127.0.0.1', 6379);
		pair = await startTwoHosts(hostIds, {
			REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
			REDIS_PREFIX: prefix,
			RELOAD_DEADLINE_SECONDS: String(DEADLINE_SECONDS),
			// On, so that every question asks Redis first; high enough that nobody is refused.
			COOLDOWN_QUESTIONS: '1000',
			COOLDOWN_SECONDS: '60',
		});
		discord = pair.discord;
		await busReady(MACHINE_REDIS_URL, prefix, hostIds);
	}, SHARDS_CONNECT_MS + 30_000);

	afterAll(async () => {
		await pair?.close();
		await proxy?.close();
		await deleteKeys(MACHINE_REDIS_URL, prefix);
	}, 60_000);

	it('a cross-host /reload reaches all four shards through the proxy (and the moderator’s shard learns the hosts)', async () => {
		const reply = await reload(discord).reply(20_000);
		expect(reply.content).toMatch(/^✅ Reloaded on 4 of 4 shards on 2 hosts — knowledge version /);
	}, 60_000);

	it.each<Cut>(['blackhole', 'refuse'])(
		'cut (%s): every shard answers, /reload reloads this host and names the other within the deadline; restored: a cross-host /reload reaches every shard again by itself',
		async (cut) => {
			const film = FILMS[cut];
			for (const folder of pair.folders)
				await writeFile(
					join(folder, film.file),
					filmMarkdown({ title: film.title, sections: { [film.section]: film.text } }),
				);
			const source = `${film.title} › ${film.section}`;

			proxy.cut(cut);
			let reloadMs: number;
			const answerMs: number[] = [];
			try {
				for (const club of CLUBS) {
					const asked = Date.now();
					const answer = await ask(discord, club, TITLED_DIRECTOR_QUESTION);
					answerMs.push(Date.now() - asked);
					expect(sourceOf(answer), club).toBeDefined();
				}
				const asked = Date.now();
				const reply = await reload(discord).reply(20_000);
				reloadMs = Date.now() - asked;
				expect(reply.content).toMatch(
					/^⚠️ Redis is unavailable, so only this host was reached: reloaded on 2 of 4 shards on 1 host — knowledge version /,
				);
				expect(reply.content).toContain(`❓ Could not reach host ${hostIds[0]} (shards 0, 1).`);
				expect(reloadMs).toBeLessThan(DEADLINE_SECONDS * 1000);
				// The moderator's host serves the new film; the host it could not reach does not yet.
				expect(sourceOf(await ask(discord, CLUBS[2]!, film.question))).toBe(source);
				expect(sourceOf(await ask(discord, CLUBS[0]!, film.question))).not.toBe(source);
				// Answers go on while cut, the cooldowns in each shard's memory.
				for (const club of CLUBS) {
					const again = Date.now();
					expect(sourceOf(await ask(discord, club, TITLED_DIRECTOR_QUESTION)), club).toBeDefined();
					answerMs.push(Date.now() - again);
				}
				if (cut === 'blackhole') {
					// Cut until every connection (two per shard, two per manager) has been found dead and
					// has tried again into the partition, then past the 2 s such an attempt may take.
					const deadline = Date.now() + 30_000;
					while (proxy.swallowed < CONNECTIONS && Date.now() < deadline)
						await new Promise((resolve) => setTimeout(resolve, 100));
					expect(proxy.swallowed).toBeGreaterThanOrEqual(CONNECTIONS);
					await new Promise((resolve) => setTimeout(resolve, 2_500));
				}
			} finally {
				// Back even when an assertion failed, for the test after this one.
				proxy.restore();
			}

			// Nobody restarts anything: the connections come back by themselves.
			const restoredAt = Date.now();
			let again = await reload(discord).reply(20_000);
			while (
				!again.content?.startsWith('✅ Reloaded on 4 of 4 shards on 2 hosts') &&
				Date.now() - restoredAt < 30_000
			) {
				await new Promise((resolve) => setTimeout(resolve, 1_000));
				again = await reload(discord).reply(20_000);
			}
			const recoveredMs = Date.now() - restoredAt;
			expect(again.content).toMatch(/^✅ Reloaded on 4 of 4 shards on 2 hosts — knowledge version /);
			for (const club of CLUBS) expect(sourceOf(await ask(discord, club, film.question)), club).toBe(source);
			expect(discord.failedRequests).toEqual([]);
			console.log(
				`Redis cut (${cut}) between the bot and Redis: answers ${Math.max(...answerMs)} ms at most (${answerMs.length} questions on 4 shards), this-host /reload replied in ${reloadMs} ms; restored: a cross-host /reload reached 4 of 4 shards ${recoveredMs} ms after`,
			);
		},
		120_000,
	);

	it('an alternate added from /unanswered while Redis is cut goes into this host’s copy only; the reply says so, and /reload names the hosts that differ once Redis is back', async () => {
		const film = FILMS.blackhole;
		const question = 'which old sailor minds the light tower';
		for (const folder of pair.folders)
			await writeFile(
				join(folder, film.file),
				filmMarkdown({ title: film.title, sections: { [film.section]: film.text } }),
			);
		expect((await reload(discord).reply(20_000)).content).toMatch(/^✅ Reloaded on 4 of 4 shards on 2 hosts/);
		expect((await ask(discord, MOD_CLUB, question, 'mod')).embeds ?? []).toEqual([]);

		proxy.cut('blackhole');
		let done: ShownReply;
		try {
			done = await addAsAlternateOnDiscord(discord, {
				user: 'mod',
				guild: MOD_CLUB,
				cluster: /old sailor/,
				topic: film.section,
				timeoutMs: 30_000,
			});
		} finally {
			proxy.restore();
		}
		expect(done.content).toMatch(
			/^✅ Added an alternate to the section 'The Lighthouse Keeper' in harbor-lights\.md: /,
		);
		// The moderator's host has it, so the cluster is dealt with.
		expect(done.content).toContain('\n1 question of the cluster marked resolved.\n');
		expect(done.content).toContain(
			'\n⚠️ Redis is unavailable, so only this host was reached: alternate added on 1 of 2 hosts and served on 2 of 4 shards — knowledge version ',
		);
		expect(done.content).toContain(
			`\n❓ Could not reach host ${hostIds[0]} (shards 0, 1): the alternate was not added there.`,
		);
		const [a = '', b = ''] = await Promise.all(
			pair.folders.map((folder) => readFile(join(folder, film.file), 'utf8')),
		);
		expect(b).toContain(question);
		expect(a).not.toContain(question);
		expect(sourceOf(await ask(discord, CLUBS[2]!, question))).toBe(`${film.title} › ${film.section}`);
		expect(sourceOf(await ask(discord, CLUBS[0]!, question))).not.toBe(`${film.title} › ${film.section}`);

		// Redis back: the next /reload reaches both hosts and shows that their knowledge differs.
		const restoredAt = Date.now();
		let again = await reload(discord).reply(20_000);
		while (
			!/^⚠️ Reloaded on 4 of 4 shards on 2 hosts/.test(again.content ?? '') &&
			Date.now() - restoredAt < 30_000
		) {
			await new Promise((resolve) => setTimeout(resolve, 1_000));
			again = await reload(discord).reply(20_000);
		}
		expect(again.content).toMatch(
			/^⚠️ Reloaded on 4 of 4 shards on 2 hosts — the hosts disagree on the knowledge version\n⚠️ The hosts serve different knowledge: test-host-e \S+ \(shards 0, 1\), test-host-f \S+ \(shards 2, 3\)/,
		);
		// What the operator does: the same file on the other host, and the versions agree again.
		await writeFile(join(pair.folders[0], film.file), b);
		expect((await reload(discord).reply(20_000)).content).toMatch(/^✅ Reloaded on 4 of 4 shards on 2 hosts/);
		expect(sourceOf(await ask(discord, CLUBS[0]!, question))).toBe(`${film.title} › ${film.section}`);
	}, 120_000);
});
