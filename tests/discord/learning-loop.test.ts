/**
 * The learning loop on Discord, end to end on the stand-in with the real discord.js client and a
 * real SQLite database: 👍/👎 (kept per user, changed by a second click, still working after a
 * restart), /unanswered and its menus writing alternates into Markdown and YAML knowledge files,
 * /stats, and a database that stops taking writes while the bot keeps answering.
 */
import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MODERATORS_ONLY } from '../../src/discord/commands/unanswered.js';
import { REASON_HINTS, REASON_LABELS } from '../../src/learning-loop/render-text.js';
import { VOTE_THANKS } from '../../src/discord/feedback.js';
import { storeLocation } from '../../src/storage/connect.js';
import { defaultCommunity, startHarness, type Harness } from '../../testkit/bot-harness.js';
import type { SentBody, SentButton, ShownReply } from '../../testkit/fake-discord.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'knowledge', 'good');
const guild = 'Film Club';

async function fixtureFiles(): Promise<Record<string, string>> {
	const files: Record<string, string> = {};
	for (const name of await readdir(FIXTURES, { recursive: true })) {
		const path = join(FIXTURES, name);
		if ((await stat(path)).isFile()) files[name] = await readFile(path, 'utf8');
	}
	return files;
}

const buttonsOf = (body: SentBody): SentButton[] => (body.components ?? []).flatMap((row) => row.components);

describe('the learning loop on Discord', () => {
	let h: Harness;
	/** What users did, to compare with /stats. */
	const did = { asked: 0, answered: 0, abstained: 0 };

	const ask = async (question: string, user = 'alice') => {
		const handle = h.discord.sendCommand({ user, guild, name: 'ask', options: { question } });
		const shown = await handle.reply();
		did.asked++;
		if ((shown.embeds ?? []).length > 0) did.answered++;
		else did.abstained++;
		return { shown, messageId: await handle.messageId() };
	};
	const votes = async () => {
		await h.bot.learning.flush();
		return (await h.bot.learning.store.votesByTopic(0)).map((v) => ({
			title: v.topic.title,
			up: v.up,
			down: v.down,
		}));
	};
	const click = (user: string, messageId: string, customId: string) =>
		h.discord.clickButton({ user, messageId, customId }).reply();

	beforeAll(async () => {
		h = await startHarness({ files: await fixtureFiles(), copyReal: false });
	});
	afterAll(async () => {
		await h?.stop();
	});

	describe('👍 / 👎', () => {
		let messageId: string;
		let up: string;
		let down: string;

		it('come under every knowledge answer, none under an abstention', async () => {
			const answer = await ask('What is the running time?');
			messageId = answer.messageId;
			const buttons = buttonsOf(answer.shown);
			expect(buttons.map((b) => b.emoji)).toEqual([{ name: '👍' }, { name: '👎' }]);
			[up, down] = buttons.map((b) => b.custom_id ?? '') as [string, string];
			expect(up).toMatch(/^fb\|up\|[A-Za-z0-9_-]{16}$/);
			expect(down).toBe(up.replace('|up|', '|down|'));

			const abstained = await ask('how do I bake sourdough bread');
			expect(buttonsOf(abstained.shown).some((b) => b.custom_id?.startsWith('fb|'))).toBe(false);
		});

		it('keep one vote per user; a second click changes it', async () => {
			const thanks = await click('bob', messageId, up);
			expect(thanks).toMatchObject({ ephemeral: true, content: VOTE_THANKS });
			await click('carol', messageId, down);
			expect(await votes()).toEqual([{ title: 'What is the running time?', up: 1, down: 1 }]);

			await click('bob', messageId, up); // the same vote again: still one
			await click('carol', messageId, up); // changed
			expect(await votes()).toEqual([{ title: 'What is the running time?', up: 2, down: 0 }]);
		});

		it('still work after the bot restarts: the button carries all it needs', async () => {
			await h.restartBot();
			const thanks = await click('bob', messageId, down);
			expect(thanks.content).toBe(VOTE_THANKS);
			expect(await votes()).toEqual([{ title: 'What is the running time?', up: 1, down: 1 }]);
		});
	});
});

describe('/unanswered and /stats', () => {
	let h: Harness;
	const did = { asked: 0, answered: 0, abstained: 0 };

	const ask = async (question: string, user = 'alice') => {
		const shown = await h.discord.sendCommand({ user, guild, name: 'ask', options: { question } }).reply();
		did.asked++;
		if ((shown.embeds ?? []).length > 0) did.answered++;
		else did.abstained++;
		return shown;
	};

	interface ListedCluster {
		/** The most frequent question, as the embed title shows it. */
		question: string;
		count: number;
		embed: NonNullable<SentBody['embeds']>[number];
		menu: SentButton & { options: { label: string; value: string }[] };
		messageId: string;
	}

	/**
	 * /unanswered as `user` sees it, the pages turned with ▶ until the end, or until a cluster
	 * matching `stopAt` is on the page shown (so that its menu can be used).
	 */
	async function listUnanswered({ user = 'mod', stopAt }: { user?: string; stopAt?: RegExp } = {}): Promise<{
		first: ShownReply;
		clusters: ListedCluster[];
	}> {
		const handle = h.discord.sendCommand({ user, guild, name: 'unanswered' });
		const first = await handle.reply(15_000);
		const messageId = await handle.messageId();
		const clusters: ListedCluster[] = [];
		let page: SentBody = first;
		for (;;) {
			const menus = (page.components ?? []).flatMap((row) => row.components).filter((c) => c.type === 3);
			const onPage = (page.embeds ?? []).map((embed, i) => {
				const [, count = '0', question = ''] = /^\d+\. (\d+) × (.*)$/s.exec(embed.title ?? '') ?? [];
				return { question, count: Number(count), embed, menu: menus[i] as ListedCluster['menu'], messageId };
			});
			clusters.push(...onPage);
			if (stopAt && onPage.some((c) => stopAt.test(c.question))) break;
			const next = buttonsOf(page).find((b) => b.label === 'Next ▶');
			if (!next || next.disabled) break;
			page = await h.discord.clickButton({ user, messageId, customId: next.custom_id ?? '' }).reply(15_000);
			expect(page.via).toBe('deferred-update-edit');
		}
		return { first, clusters };
	}

	/** The cluster matching `question`, on the page shown, so that its menu can be used. */
	async function shownCluster(question: RegExp): Promise<ListedCluster> {
		return find((await listUnanswered({ stopAt: question })).clusters, question);
	}

	async function choose(cluster: ListedCluster, label: string) {
		const option = cluster.menu.options.find((o) => o.label === label);
		if (!option) throw new Error(`no option ${label} in ${JSON.stringify(cluster.menu.options)}`);
		return h.discord
			.chooseOption({
				user: 'mod',
				messageId: cluster.messageId,
				customId: cluster.menu.custom_id ?? '',
				values: [option.value],
			})
			.reply(15_000);
	}

	const find = (clusters: ListedCluster[], question: RegExp) => {
		const found = clusters.find((c) => question.test(c.question));
		if (!found) throw new Error(`no cluster ${question} in ${clusters.map((c) => c.question).join(' | ')}`);
		return found;
	};

	let mention: string;
	/** Another community the same bot serves, from the same database; carol owns it. */
	const otherGuild = 'Other Club';
	const otherQuestion = 'where can i park my car near the cinema';

	beforeAll(async () => {
		const community = defaultCommunity();
		community.guilds = [
			...(community.guilds ?? []),
			{ name: otherGuild, owner: 'carol', members: [{ user: 'carol' }, { user: 'alice' }] },
		];
		h = await startHarness({ files: await fixtureFiles(), copyReal: false, community });
		const elsewhere = h.discord.sendCommand({
			user: 'alice',
			guild: otherGuild,
			name: 'ask',
			options: { question: otherQuestion },
		});
		expect((await elsewhere.reply()).embeds ?? []).toEqual([]);
		const alice = h.discord.user('alice').id;
		const role = h.discord.role(guild, 'Moderator').id;
		mention = `@everyone <@${alice}> <@&${role}> @here where is the after party`;
		for (const question of [
			'can i leak the ending',
			'can i leak the ending',
			'who plans the final job',
			'is the heist a real event',
			mention,
		])
			expect((await ask(question)).embeds ?? []).toEqual([]);
		await ask('What is the running time?');
	});
	afterAll(async () => {
		await h?.stop();
	});

	it('is refused to a member, privately', async () => {
		for (const name of ['unanswered', 'stats']) {
			const shown = await h.discord.sendCommand({ user: 'alice', guild, name }).reply();
			expect(shown).toMatchObject({ ephemeral: true, content: MODERATORS_ONLY });
		}
	});

	it('lists clusters to a moderator, largest first, with examples, closest topics and a menu each, in pages', async () => {
		const { first, clusters } = await listUnanswered();
		expect(first.ephemeral).toBe(true);
		expect(first.content).toMatch(
			/^Unanswered questions, last 30 days: 5 in 4 clusters, largest first — page 1 of 2\./,
		);
		expect(clusters.map((c) => c.count)).toEqual([2, 1, 1, 1]);
		const leak = clusters[0]!;
		expect(leak.question).toBe('can i leak the ending');
		expect(leak.embed.fields?.[0]).toEqual({ name: 'Asked as', value: '• “can i leak the ending”' });
		expect(leak.embed.fields?.[1]?.value).toContain('house-rules › Can I post spoilers? (FAQ)');
		// Why: "ending" matched the film's known gap (a post-credits scene), and the hint says what
		// to do when such a question asked something else; a topic came close to "final job".
		expect(leak.embed.fields?.[2]).toEqual({ name: 'Why unanswered', value: REASON_HINTS['known-gap'] });
		expect(find(clusters, /final job/).embed.fields?.[2]).toEqual({
			name: 'Why unanswered',
			value: REASON_HINTS['low-confidence'],
		});
		expect(leak.menu.options.map((o) => o.label)).toContain('Can I post spoilers?');
		expect(leak.menu.options.at(-1)).toMatchObject({ label: 'Dismiss', value: 'dismiss' });
	});

	it("shows a moderator only their own guild's questions and figures, never another guild's", async () => {
		const { first, clusters } = await listUnanswered();
		expect(clusters.some((c) => c.question.includes('park my car'))).toBe(false);
		expect(first.content).toMatch(/: 5 in 4 clusters/);

		const there = await h.discord
			.sendCommand({ user: 'carol', guild: otherGuild, name: 'unanswered' })
			.reply();
		expect(there.content).toMatch(/^Unanswered questions, last 30 days: 1 in 1 cluster\b/);
		expect(there.embeds?.map((e) => e.title)).toEqual([`1. 1 × ${otherQuestion}`]);
		const stats = await h.discord.sendCommand({ user: 'carol', guild: otherGuild, name: 'stats' }).reply();
		expect(stats.embeds?.[0]?.description).toMatch(
			/^\*\*1\*\* asked · \*\*0\*\* answered · \*\*1\*\* abstained/,
		);
	});

	it('shows a stored question with no mention able to ping', async () => {
		const shown = await shownCluster(/after party/);
		expect(shown.question).toContain(`<@${h.discord.user('alice').id}>`);
		expect(shown.question).toContain('@everyone');
		for (const body of h.discord.sentBodies.filter((b) =>
			(b.embeds ?? []).some((e) => e.title?.includes('after party')),
		))
			expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
		expect(h.discord.unlockedBodies).toEqual([]);
		// Dismissed: off the list, nothing written anywhere.
		const dismissed = await choose(shown, 'Dismiss');
		expect(dismissed.content).toBe('Dismissed: 1 question(s) taken off the list.');
		expect((await listUnanswered()).clusters.some((c) => /after party/.test(c.question))).toBe(false);
	});

	it('refuses to add an alternate when the file changed on disk meanwhile, writing nothing', async () => {
		const leak = await shownCluster(/leak the ending/);
		const file = join(h.knowledgeDir, 'house-rules.yaml');
		const original = await readFile(file, 'utf8');
		const edited = `${original}# edited by hand\n`;
		await writeFile(file, edited);
		const refused = await choose(leak, 'Can I post spoilers?');
		expect(refused.ephemeral).toBe(true);
		expect(refused.content).toMatch(/^❌ Nothing was written: .*changed on disk/s);
		expect(await readFile(file, 'utf8')).toBe(edited);
		await writeFile(file, original);
	});

	it.each([
		['a YAML FAQ entry', /leak the ending/, 'Can I post spoilers?', 'house-rules.yaml'],
		['a Markdown FAQ entry', /heist a real event/, 'Is it based on a true story?', 'night-heist.md'],
		['a Markdown section', /final job/, 'The Plot', 'night-heist.md'],
	])(
		'adds a cluster as an alternate of %s: the file gains one line, every shard reloads, the question is answered',
		async (_, pattern, topic, file) => {
			const { clusters } = await listUnanswered();
			const cluster = find(clusters, pattern);
			const before = await readFile(join(h.knowledgeDir, file), 'utf8');
			expect((await ask(cluster.question)).embeds ?? []).toEqual([]);

			const done = await choose(cluster, topic);
			expect(done.ephemeral).toBe(true);
			expect(done.content).toMatch(/^✅ /);
			// The question asked once more above joined its cluster, and is resolved with it.
			expect(done.content).toContain(`\n${cluster.count + 1} questions of the cluster marked resolved.\n`);
			expect(done.content).toContain('✅ Knowledge reloaded on 1 of 1 shard.');
			expect(done.embeds?.[0]?.title).toBe(file);
			expect(done.embeds?.[0]?.description).toContain(`+`);
			expect(done.embeds?.[0]?.description).toContain(cluster.question);

			const after = await readFile(join(h.knowledgeDir, file), 'utf8');
			const added = after.split('\n').filter((line) => !before.split('\n').includes(line));
			expect(added).toHaveLength(1);
			expect(added[0]).toContain(cluster.question);

			const answer = await ask(cluster.question);
			expect(answer.embeds?.[0]?.fields?.[0]?.value).toMatch(
				new RegExp(`› ${topic.replace(/[.?]/g, '\\$&')}$`),
			);
			expect((await listUnanswered()).clusters.some((c) => pattern.test(c.question))).toBe(false);
		},
	);

	it('/stats shows the 7 and 30 days figures and 👍/👎 per topic, privately', async () => {
		const answer = h.discord.sendCommand({
			user: 'bob',
			guild,
			name: 'ask',
			options: { question: 'What is the running time?' },
		});
		const shown = await answer.reply();
		did.asked++;
		did.answered++;
		const down = buttonsOf(shown).find((b) => b.custom_id?.startsWith('fb|down|'));
		await h.discord
			.clickButton({ user: 'bob', messageId: await answer.messageId(), customId: down?.custom_id ?? '' })
			.reply();

		const stats = await h.discord.sendCommand({ user: 'admin', guild, name: 'stats' }).reply(15_000);
		expect(stats.ephemeral).toBe(true);
		expect(stats.embeds?.map((e) => e.title)).toEqual(['Last 7 days', 'Last 30 days']);
		const rate = ((did.abstained / (did.answered + did.abstained)) * 100).toFixed(1);
		for (const embed of stats.embeds ?? []) {
			const [counts, rateLine, because = ''] = (embed.description ?? '').split('\n');
			expect(`${counts}\n${rateLine}`).toBe(
				`**${did.asked}** asked · **${did.answered}** answered · **${did.abstained}** abstained · **0** small talk\nAbstention rate: **${rate}%**`,
			);
			// Every abstention this version recorded says why: the counts by reason add up to them all.
			expect(because).toMatch(/^Abstained because: /);
			const byReason = because.replace(/^Abstained because: /, '').split(' · ');
			expect(byReason.reduce((sum, part) => sum + Number(/^\d+/.exec(part)?.[0]), 0)).toBe(did.abstained);
			// "can i leak the ending" (asked twice) met the film's known gap.
			expect(byReason.some((part) => part.endsWith(REASON_LABELS['known-gap']))).toBe(true);
			expect(embed.fields).toEqual([
				{ name: '👍/👎 per topic', value: 'night-heist › What is the running time? (FAQ): 👍 0 👎 1' },
				{ name: 'Worst rated', value: '1. night-heist › What is the running time? (FAQ): 👍 0 👎 1' },
			]);
		}
	});
});

describe('a learning database that stops taking writes mid-run', () => {
	let h: Harness;
	let blocker: SQLite.Database | undefined;

	beforeAll(async () => {
		h = await startHarness({ files: await fixtureFiles(), copyReal: false });
	});
	afterAll(async () => {
		blocker?.close();
		await chmod(h.dataDir, 0o700).catch(() => undefined);
		await h?.stop();
	});

	it('keeps answering every question at once; what it could not write waits, and is written once it can', async () => {
		const questions = ['What is the running time?', 'Can I post spoilers?', 'how do I bake bread', 'hello'];
		const ask = (question: string, user: string) =>
			h.discord.sendCommand({ user, guild, name: 'ask', options: { question } }).reply();
		await ask('Is it based on a true story?', 'alice');
		expect(await h.bot.learning.flush()).toBe(true);

		// Read-only files and folder (which stops a non-root bot), and a write lock held by another
		// connection (which stops root too, whom file modes do not).
		const location = storeLocation(h.config);
		if (location.kind !== 'sqlite') throw new Error('the harness uses SQLite');
		const files = (await readdir(h.dataDir)).map((name) => join(h.dataDir, name));
		for (const file of files) await chmod(file, 0o400);
		await chmod(h.dataDir, 0o500);
		blocker = new SQLite(location.file);
		blocker.exec('BEGIN EXCLUSIVE');

		const users = ['alice', 'bob', 'carol', 'mod', 'admin'];
		let asked = 1;
		for (let round = 0; round < 5; round++)
			for (const [i, question] of questions.entries()) {
				// The reply comes within the stand-in's 5 s, while every write waits 5 s for the lock.
				const shown = await ask(question, users[(round + i) % users.length]!);
				asked++;
				expect((shown.embeds ?? []).length > 0 || (shown.content ?? '') !== '').toBe(true);
			}
		await vi.waitFor(() => expect(h.bot.learning.counts.failedBatches).toBeGreaterThan(0), {
			timeout: 20_000,
		});
		expect(h.logs.some((line) => line.level === 40 && String(line.msg).startsWith('learning store'))).toBe(
			true,
		);

		blocker.exec('ROLLBACK');
		blocker.close();
		blocker = undefined;
		await chmod(h.dataDir, 0o700);
		for (const file of files) await chmod(file, 0o600).catch(() => undefined);
		expect(await h.bot.learning.flush()).toBe(true);
		expect(h.bot.learning.counts.dropped).toBe(0);
		const counts = await h.bot.learning.store.outcomeCounts(0);
		expect(counts.answered + counts.abstained + counts.smalltalk).toBe(asked);
	}, 60_000);
});
