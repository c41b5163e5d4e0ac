import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUILD, defaultCommunity, startHarness, type Harness } from '../../testkit/bot-harness.js';
import {
	DEFAULT_MEMBER_PERMISSIONS,
	Permission,
	type FakeDiscordOptions,
	type RecordedRequest,
	type SentBody,
} from '../../testkit/fake-discord.js';
import { DIRECTOR_QUESTION, RUNTIME_QUESTION } from '../support/questions.js';

/** A second server where the bot was invited without Manage Threads. */
const SMALL = 'Small Club';

function community(): FakeDiscordOptions {
	const base = defaultCommunity();
	const [filmClub] = base.guilds!;
	return {
		...base,
		privilegedIntents: { messageContent: true },
		guilds: [
			{
				...filmClub!,
				channels: [...filmClub!.channels!, { name: 'help', type: 'forum', tags: ['Bug', '✅ Solved'] }],
				botPermissions: DEFAULT_MEMBER_PERMISSIONS | Permission.ManageThreads,
			},
			{
				name: SMALL,
				channels: [{ name: 'general' }, { name: 'questions', type: 'forum', tags: ['Answered'] }],
				members: [{ user: 'alice' }, { user: 'bob' }],
			},
		],
	};
}

const inThread = (threadId: string) => (r: RecordedRequest) =>
	r.route === 'POST /channels/:channelId/messages' && r.params.channelId === threadId;

const buttonIds = (body: SentBody) =>
	(body.components ?? []).flatMap((row) => row.components.map((b) => b.custom_id));

describe('forum channels in ANSWER_CHANNEL_IDS', () => {
	let h: Harness;
	let mention: string;

	beforeAll(async () => {
		h = await startHarness({
			community: community(),
			env: (discord) => ({
				MESSAGE_CONTENT_INTENT: 'true',
				ANSWER_CHANNEL_IDS: [
					discord.channel(GUILD, 'help').id,
					discord.channel(SMALL, 'questions').id,
				].join(),
			}),
		});
		mention = `<@${h.discord.botUser.id}>`;
	});
	afterAll(async () => {
		await h.stop();
	});

	/** Waits for the bot's answer to a confident post made after `threadIds`, then checks those got nothing. */
	async function expectNoBotMessageIn(threadIds: string[]): Promise<void> {
		const settle = h.discord.createForumPost({
			author: 'carol',
			channel: 'help',
			title: 'Director question',
			content: DIRECTOR_QUESTION,
		});
		await settle.botMessage();
		for (const id of threadIds) expect(h.discord.requests.filter(inThread(id))).toEqual([]);
	}

	it('answers a new post about the release date once, in the post, with "Did this solve it?" for its author', async () => {
		const post = h.discord.createForumPost({
			author: 'alice',
			channel: 'help',
			title: 'When is Ballerina released?',
			content: 'I want to know the release date.',
		});
		expect(post.delivered).toBe(1);
		const answer = await post.botMessage();
		expect(answer.status).toBe(200);
		expect(answer.body.embeds?.[0]?.description).toContain('June 6, 2025');
		expect(answer.body.embeds?.[0]?.footer?.text).toBe('Did this solve it?');
		const alice = h.discord.user('alice').id;
		const ids = buttonIds(answer.body);
		expect(ids.filter((id) => id?.startsWith('solved|'))).toEqual([
			`solved|yes|${alice}`,
			`solved|no|${alice}`,
		]);
		// 👍/👎 too, as under every answer: the post's question is recorded for the learning loop.
		expect(ids.filter((id) => id?.startsWith('fb|'))).toHaveLength(2);
		expect(answer.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
		expect(h.discord.notified((answer.response as { id: string }).id)).toEqual({
			everyone: false,
			users: [],
			roles: [],
		});
		await expectNoBotMessageIn([]);
		expect(h.discord.requests.filter(inThread(post.thread.id))).toHaveLength(1);
	});

	it('ignores a later message in the post, and answers one that mentions the bot', async () => {
		const post = h.discord.createForumPost({
			author: 'bob',
			channel: 'help',
			title: 'Rooney',
			content: 'Who is the actress playing Rooney?',
		});
		await post.botMessage();
		const before = h.discord.requests.filter(inThread(post.thread.id)).length;
		const ignored = h.discord.sendMessage({
			author: 'carol',
			guild: GUILD,
			channel: post.thread.id,
			content: "when's the premiere?",
		});
		const asked = h.discord.sendMessage({
			author: 'carol',
			guild: GUILD,
			channel: post.thread.id,
			content: `${mention} ${RUNTIME_QUESTION}`,
		});
		const reply = await asked.reply();
		expect(reply.body.embeds?.[0]?.description).toContain('120 minutes');
		// A mention is answered as anywhere else: no "solved" buttons, no ping.
		expect(buttonIds(reply.body).filter((id) => id?.startsWith('solved|'))).toEqual([]);
		expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
		const inPost = h.discord.requests.filter(inThread(post.thread.id));
		expect(inPost).toHaveLength(before + 1);
		expect(
			inPost.some((r) => (r.body as SentBody).message_reference?.message_id === ignored.message.id),
		).toBe(false);
	});

	it('says nothing to an off-topic post, or to one it is not sure of', async () => {
		const offTopic = h.discord.createForumPost({
			author: 'alice',
			channel: 'help',
			title: 'Elden ring tonight?',
			content: 'anyone up for some co-op later',
		});
		const unsure = h.discord.createForumPost({
			author: 'bob',
			channel: 'help',
			title: 'What camera did they shoot it on?',
			content: 'curious about the cinematography',
		});
		await expectNoBotMessageIn([offTopic.thread.id, unsure.thread.id]);
	});

	it('"Yes, solved" from the author applies the forum’s solved tag when the bot has Manage Threads', async () => {
		const post = h.discord.createForumPost({
			author: 'alice',
			channel: 'help',
			title: 'When is Ballerina released?',
			content: 'Release date please',
			tags: ['Bug'],
		});
		const answer = await post.botMessage();
		const messageId = (answer.response as { id: string }).id;
		const alice = h.discord.user('alice').id;

		const stranger = await h.discord
			.clickButton({ user: 'bob', guild: GUILD, messageId, customId: `solved|yes|${alice}` })
			.reply();
		expect(stranger.ephemeral).toBe(true);
		expect(stranger.content).toMatch(/Only the author of this post/);

		const no = await h.discord
			.clickButton({ user: 'alice', guild: GUILD, messageId, customId: `solved|no|${alice}` })
			.reply();
		expect(no.ephemeral).toBe(true);
		expect(h.discord.requests.filter((r) => r.route === 'PATCH /channels/:channelId')).toEqual([]);

		const yes = await h.discord
			.clickButton({ user: 'alice', guild: GUILD, messageId, customId: `solved|yes|${alice}` })
			.reply();
		expect(yes.ephemeral).toBe(true);
		expect(yes.content).toBe('Glad it helped — the post is marked as solved.');
		const forum = h.discord.channel(GUILD, 'help');
		const tag = (name: string) => forum.availableTags!.find((t) => t.name === name)!.id;
		const patch = h.discord.requests.find((r) => r.route === 'PATCH /channels/:channelId');
		expect(patch?.params.channelId).toBe(post.thread.id);
		expect(patch?.status).toBe(200);
		expect(post.thread.appliedTags).toEqual([tag('Bug'), tag('✅ Solved')]);
	});

	it('skips the tag silently without Manage Threads', async () => {
		const post = h.discord.createForumPost({
			author: 'alice',
			guild: SMALL,
			channel: 'questions',
			title: 'When is Ballerina released?',
			content: 'Release date please',
		});
		const answer = await post.botMessage();
		const alice = h.discord.user('alice').id;
		const patches = () => h.discord.requests.filter((r) => r.route === 'PATCH /channels/:channelId').length;
		const before = patches();
		const yes = await h.discord
			.clickButton({
				user: 'alice',
				guild: SMALL,
				messageId: (answer.response as { id: string }).id,
				customId: `solved|yes|${alice}`,
			})
			.reply();
		expect(yes).toMatchObject({ ephemeral: true, content: 'Glad it helped — thanks for saying.' });
		expect(patches()).toBe(before);
		expect(post.thread.appliedTags).toEqual([]);
	});

	it('made no request Discord would reject or not know, and logged no error', () => {
		expect(h.discord.unknownRequests).toEqual([]);
		expect(h.discord.failedRequests).toEqual([]);
		expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
	});
});

describe('a forum without the Message Content intent', () => {
	let h: Harness;

	beforeAll(async () => {
		h = await startHarness({
			community: { ...community(), privilegedIntents: {} },
			env: (discord) => ({ ANSWER_CHANNEL_IDS: discord.channel(GUILD, 'help').id }),
		});
	});
	afterAll(async () => {
		await h.stop();
	});

	it('answers from the title alone, whether THREAD_CREATE carries the starter message or it must be fetched', async () => {
		for (const withStarterMessage of [true, false]) {
			const post = h.discord.createForumPost({
				author: 'alice',
				channel: 'help',
				title: 'When is Ballerina released?',
				content: 'the body is blank to a bot without the intent',
				withStarterMessage,
			});
			const answer = await post.botMessage();
			expect(answer.body.embeds?.[0]?.description).toContain('June 6, 2025');
			const fetched = h.discord.requests.some(
				(r) =>
					r.route === 'GET /channels/:channelId/messages/:messageId' && r.params.messageId === post.thread.id,
			);
			expect(fetched).toBe(!withStarterMessage);
		}
		expect(h.discord.failedRequests).toEqual([]);
		expect(h.discord.unknownRequests).toEqual([]);
	});
});
