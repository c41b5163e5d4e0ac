/**
 * Property test through the whole stack: generated messages that mention the bot (blank after the
 * mention, whitespace, 4,000 characters, emoji and mixed scripts, zero-width characters, @everyone /
 * @here / user / role / channel mention syntax, regex metacharacters, fuse.js extended-search
 * operators, Markdown) go from the Discord stand-in's gateway to the real discord.js client and the
 * real bot. Each must get exactly one reply (the cooldown is off, so never the ⏳ reaction), a body
 * the real API accepts within its limits, and `allowed_mentions.parse: []` on every request.
 *
 * CI runs 100 messages; `HARDENING_LONG=1` runs 5,000. The slowest message's latency (gateway
 * dispatch to the reply request reaching the stand-in's REST) is printed, not asserted.
 *
 * Then the same kind of text as forum posts in an answer forum (title and first message), each
 * pointed at by a helper's "Answer from FAQ", and as a `/faq topic:` for a member: a post is
 * answered once exactly when the engine is confident, the helper's reply pings exactly the
 * asker, the topic's answer exactly the member, and nothing else pings anyone.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlowestInputs } from '../../testkit/fuzz-slowest.js';
import { forumQuestion } from '../../src/discord/forum.js';
import { EMPTY_MENTION_REPLY, confidentEnough } from '../../src/discord/handlers/message.js';
import { GUILD, crowd, startLoadHarness, userName, type Harness } from '../../testkit/bot-harness.js';
import { Permission, type SentBody } from '../../testkit/fake-discord.js';
import { percentile } from '../../testkit/stats.js';
import { LONG, expectValidReply, carriesMessageBody, responsesByMessage, type Reply } from './helpers.js';
import { USER_MESSAGE_MAX, blank, longText, phrase, type Ids } from './generators.js';
import { DIRECTOR_QUESTION, ROONEY_QUESTION, RUNTIME_QUESTION } from '../support/questions.js';

const RUNS = LONG ? 5_000 : 100;
/** With FUZZ_SLOWEST_OUT=<file>, the slowest questions are saved there for `npm run bench`. */
const slowest = new SlowestInputs('tests/hardening/discord-fuzz.test.ts', {
	measured: 'whole bot: MESSAGE_CREATE dispatch → reply request at the Discord stand-in',
	runs: RUNS,
});

interface Generated {
	before: string;
	after: string;
	/** How the bot is addressed. */
	address: 'user' | 'nickname' | 'role';
	author: number;
	dm: boolean;
}

function generated(ids: Ids): fc.Arbitrary<Generated> {
	return fc.record({
		before: fc.oneof(
			{ weight: 3, arbitrary: fc.constant('') },
			{ weight: 2, arbitrary: phrase(ids, 4) },
			blank,
		),
		after: fc.oneof(
			{ weight: 6, arbitrary: phrase(ids, 16) },
			{ weight: 2, arbitrary: blank },
			{ weight: 1, arbitrary: longText(ids) },
		),
		address: fc.constantFrom('user', 'user', 'nickname', 'role'),
		author: fc.nat({ max: 9 }),
		dm: fc.nat({ max: 9 }).map((n) => n < 2),
	});
}

/** Code points of `text` that fit in `max` UTF-16 units (no surrogate pair is split). */
function fitCodePoints(text: string, max: number): string {
	if (text.length <= max) return text;
	let out = '';
	for (const point of text) {
		if (out.length + point.length > max) break;
		out += point;
	}
	return out;
}

/** The message text: `before`, the mention, `after`, within Discord's 4,000 characters (the mention kept). */
function contentOf(g: Generated, ids: Ids): string {
	const mention =
		g.address === 'role' && !g.dm
			? `<@&${ids.botRole}>`
			: g.address === 'nickname'
				? `<@!${ids.bot}>`
				: `<@${ids.bot}>`;
	const before = fitCodePoints(g.before, USER_MESSAGE_MAX - mention.length - 1);
	const head = before === '' ? mention : `${before} ${mention}`;
	const after = fitCodePoints(g.after, USER_MESSAGE_MAX - head.length - 1);
	return after === '' ? head : `${head} ${after}`;
}

/** What the engine is asked: the content without the bot's mentions, whitespace collapsed, cut at 1,000. */
function questionFor(content: string, ids: Ids, dm: boolean): string {
	let text = content.replaceAll(new RegExp(`<@!?${ids.bot}>`, 'g'), ' ');
	if (!dm) text = text.replaceAll(`<@&${ids.botRole}>`, ' ');
	return text.replace(/\s+/g, ' ').trim().slice(0, 1000);
}

/** Whether nothing is left once the bot's mentions and whitespace are taken out (the bot then nudges). */
function isBlankQuestion(content: string, ids: Ids, dm: boolean): boolean {
	return questionFor(content, ids, dm) === '';
}

/** The ids the generators mention: the bot, its role, two members, a role, a channel. */
function idsIn(h: Harness): Ids {
	return {
		bot: h.discord.botUser.id,
		botRole: h.discord.guild(GUILD).roles.find((r) => r.botId === h.discord.botUser.id)!.id,
		users: [h.discord.user(userName(1)).id, h.discord.user(userName(2)).id],
		roles: [h.discord.role(GUILD, 'Moderator').id],
		channel: h.discord.channel(GUILD, 'ask-the-bot').id,
	};
}

describe('any message that mentions the bot', () => {
	let h: Harness;
	let ids: Ids;
	const asked: { id: string; content: string }[] = [];
	const latencies: { ms: number; content: string }[] = [];

	/** The MESSAGE_CREATE the stand-in sent the bot for a message: when, and with what content. */
	function dispatchOf(messageId: string): { hr: number; content: string } {
		for (let i = h.discord.gateway.length - 1; i >= 0; i--) {
			const g = h.discord.gateway[i]!;
			const d = g.d as { id?: unknown; content?: unknown };
			if (g.direction === 'out' && g.t === 'MESSAGE_CREATE' && d.id === messageId)
				return { hr: g.hr, content: String(d.content) };
		}
		throw new Error(`no MESSAGE_CREATE dispatched for ${messageId}`);
	}

	beforeAll(async () => {
		h = await startLoadHarness({ community: crowd(10) });
		ids = idsIn(h);
		// Warm up (first-message code paths, JIT), so the slowest input below is about the input.
		await h.discord
			.sendMessage({ author: userName(0), guild: GUILD, content: `<@${ids.bot}> ${DIRECTOR_QUESTION}` })
			.reply();
	});
	afterAll(async () => {
		await slowest.save();
		await h.stop();
	});

	it(`gets exactly one valid, non-pinging reply (${RUNS} generated messages)`, async () => {
		const bare: Generated = { before: '', after: '', address: 'user', author: 0, dm: false };
		await fc.assert(
			fc.asyncProperty(generated(ids), async (g) => {
				const content = contentOf(g, ids);
				expect(content.length).toBeLessThanOrEqual(USER_MESSAGE_MAX);
				const sent = h.discord.sendMessage({
					author: userName(g.author),
					...(g.dm ? { dm: true } : { guild: GUILD, channel: 'general' }),
					content,
				});
				asked.push({ id: sent.message.id, content });
				const reply: Reply = await sent.reply(10_000);
				const dispatch = dispatchOf(sent.message.id);
				latencies.push({ ms: reply.hr - dispatch.hr, content });
				const question = questionFor(dispatch.content, ids, g.dm);
				if (question !== '') slowest.record(question, reply.hr - dispatch.hr);

				expectValidReply(reply);
				const body: SentBody = reply.body;
				// What the bot was given: without the Message Content intent, Discord (and the stand-in)
				// blanks the content unless the bot's user is @mentioned — a mention of its role doesn't count.
				if (isBlankQuestion(dispatch.content, ids, g.dm)) expect(body.content).toBe(EMPTY_MENTION_REPLY);
				else expect(body.content ?? '').not.toBe(EMPTY_MENTION_REPLY);
				// Whatever was typed, the reply notifies no one.
				const replyId = (reply.response as { id: string }).id;
				expect(h.discord.notified(replyId)).toEqual({ everyone: false, users: [], roles: [] });
			}),
			{
				numRuns: RUNS,
				examples: [
					[bare],
					[{ ...bare, after: '   \n\t ' }],
					[{ ...bare, after: '\u200B\u200D\uFEFF' }],
					[{ ...bare, after: 'x'.repeat(USER_MESSAGE_MAX) }],
					[{ ...bare, after: '😀'.repeat(USER_MESSAGE_MAX) }],
					[{ ...bare, after: `@everyone @here ${DIRECTOR_QUESTION}` }],
					[
						{
							...bare,
							before: '@everyone',
							after: "'release !cast ^who date$ =director | .* (?:x)+ [a-z]{2,}",
						},
					],
					[{ ...bare, address: 'role', after: ROONEY_QUESTION }],
					[{ ...bare, address: 'nickname', dm: true, after: 'Балерина 芭蕾舞女 😀' }],
				],
			},
		);
	}, 120_000);

	it('replied once to every message — never twice, never a reaction — and every request opted out of mentions', async () => {
		// Settle: anything doubled would arrive before the reply to a later message.
		await h.discord
			.sendMessage({ author: userName(0), guild: GUILD, content: `<@${ids.bot}> thanks` })
			.reply();
		const { replies, reactions } = responsesByMessage(h.discord.requests);
		expect(asked.length).toBeGreaterThanOrEqual(RUNS);
		for (const { id, content } of asked)
			expect(replies.get(id)?.length ?? 0, `replies to ${JSON.stringify(content.slice(0, 80))}`).toBe(1);
		expect(reactions.size).toBe(0);
		const bodies = h.discord.requests.filter(carriesMessageBody);
		expect(bodies.length).toBe(asked.length + 2); // and the warm-up and settling questions
		for (const request of bodies)
			expect((request.body as SentBody).allowed_mentions?.parse, request.route).toEqual([]);
		expect(h.discord.failedRequests).toEqual([]);
		expect(h.discord.unknownRequests).toEqual([]);
		expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);

		const times = latencies.map((l) => l.ms);
		const slowest = latencies.reduce((a, b) => (b.ms > a.ms ? b : a));
		console.log(
			`discord fuzz: ${asked.length} messages; latency dispatch -> reply request p50 ${percentile(times, 50).toFixed(1)} ms, ` +
				`p99 ${percentile(times, 99).toFixed(1)} ms, max ${slowest.ms.toFixed(1)} ms for a ${slowest.content.length}-character message: ` +
				JSON.stringify(slowest.content.length > 160 ? `${slowest.content.slice(0, 160)}…` : slowest.content),
		);
	});
});

/** A crowd whose server also has an answer forum, with the Message Content intent (post bodies are read). */
function crowdWithForum() {
	const community = crowd(10);
	community.guilds![0]!.channels!.push({ name: 'help', type: 'forum', tags: ['Solved'] });
	return { ...community, privilegedIntents: { messageContent: true } };
}

/** Questions the knowledge answers surely, mixed in so that every path is taken. */
const ON_TOPIC = ['When is Ballerina released?', DIRECTOR_QUESTION, ROONEY_QUESTION, RUNTIME_QUESTION];

interface GeneratedPost {
	title: string;
	body: string;
	author: number;
	helper: number;
	topic: string;
	mentioned: number;
}

describe('forum posts, "Answer from FAQ" and /faq topic on generated text', () => {
	const POST_RUNS = LONG ? 2_000 : 50;
	let h: Harness;
	let ids: Ids;

	beforeAll(async () => {
		h = await startLoadHarness({
			community: crowdWithForum(),
			env: (discord) => ({
				MESSAGE_CONTENT_INTENT: 'true',
				ANSWER_CHANNEL_IDS: discord.channel(GUILD, 'help').id,
			}),
		});
		ids = idsIn(h);
	});
	afterAll(async () => {
		await h.stop();
	});

	const generatedPost = (): fc.Arbitrary<GeneratedPost> =>
		fc.record({
			title: fc.oneof(
				{ weight: 2, arbitrary: phrase(ids, 8) },
				{ weight: 1, arbitrary: fc.constantFrom(...ON_TOPIC) },
			),
			body: fc.oneof(
				{ weight: 3, arbitrary: phrase(ids, 16) },
				{ weight: 1, arbitrary: fc.constantFrom(...ON_TOPIC) },
				{ weight: 1, arbitrary: blank },
			),
			author: fc.nat({ max: 9 }),
			helper: fc.nat({ max: 9 }),
			topic: phrase(ids, 8),
			mentioned: fc.nat({ max: 9 }),
		});

	it(`answers each post at most once, only when confident, and pings only whom it names (${POST_RUNS} generated posts)`, async () => {
		const engine = h.service.engine;
		const threshold = h.config.autoAnswerThreshold;
		const taken = { answered: 0, silent: 0, helped: 0, posted: 0 };
		await fc.assert(
			fc.asyncProperty(generatedPost(), async (g) => {
				// Discord takes a post title of 1 to 100 characters.
				const title = g.title.trim() === '' ? 'question' : fitCodePoints(g.title, 100);
				const body = fitCodePoints(g.body, USER_MESSAGE_MAX);
				const author = userName(g.author);
				const post = h.discord.createForumPost({ author, channel: 'help', title, content: body });

				// A helper points "Answer from FAQ" at the post's first message.
				const used = h.discord.sendMessageCommand({
					user: userName(g.helper),
					guild: GUILD,
					name: 'Answer from FAQ',
					targetMessageId: post.message.id,
					permissions: Permission.ViewChannel | Permission.ManageMessages,
				});
				const helperSees = await used.reply(10_000);
				expect(helperSees.ephemeral).toBe(true);
				const bodyQuestion = questionFor(body, ids, false);
				const helped = bodyQuestion !== '' && engine.ask(bodyQuestion).kind === 'answer';

				// Someone posts a topic's answer for a member.
				const topic = fitCodePoints(g.topic, 300);
				const target = h.discord.user(userName(g.mentioned)).id;
				const faq = h.discord.sendCommand({
					user: author,
					guild: GUILD,
					channel: 'general',
					name: 'faq',
					options: { topic, user: target },
				});
				const shown = await faq.reply(10_000);
				if (!shown.ephemeral)
					expect(shown.allowed_mentions).toEqual({ parse: [], users: [target], replied_user: false });

				// Settle: the bot answers a confident post of its own, after everything above.
				const settle = h.discord.createForumPost({
					author: userName(0),
					channel: 'help',
					title: 'When is Ballerina released?',
					content: 'I want to know the release date.',
				});
				await settle.botMessage(10_000);

				const question = forumQuestion(title, questionFor(body, ids, false)).slice(0, 1000);
				const answer = engine.ask(question);
				const inPost = h.discord.requests.filter(
					(r) => r.route === 'POST /channels/:channelId/messages' && r.params.channelId === post.thread.id,
				);
				const answers = inPost.filter((r) => (r.body as SentBody).message_reference === undefined);
				const helperReplies = inPost.filter(
					(r) => (r.body as SentBody).message_reference?.message_id === post.message.id,
				);
				expect(answers).toHaveLength(confidentEnough(answer, threshold) ? 1 : 0);
				expect(helperReplies).toHaveLength(helped ? 1 : 0);
				taken[answers.length > 0 ? 'answered' : 'silent']++;
				if (helped) taken.helped++;
				if (!shown.ephemeral) taken.posted++;
				for (const reply of answers) {
					expect(reply.status).toBe(200);
					expect(h.discord.notified((reply.response as { id: string }).id)).toEqual({
						everyone: false,
						users: [],
						roles: [],
					});
				}
				for (const reply of helperReplies) {
					expect(reply.status).toBe(200);
					expect(h.discord.notified((reply.response as { id: string }).id)).toEqual({
						everyone: false,
						users: [h.discord.user(author).id],
						roles: [],
					});
				}
			}),
			{ numRuns: POST_RUNS },
		);
		console.log(
			`forum fuzz: ${taken.answered} posts answered, ${taken.silent} left alone; "Answer from FAQ" posted ${taken.helped} answers; /faq topic posted ${taken.posted}`,
		);
		// Every path was taken, not only the silent ones.
		for (const [path, count] of Object.entries(taken)) expect(count, path).toBeGreaterThan(0);
	}, 180_000);

	it('sent only bodies that parse no mentions, none Discord would reject, and logged no error', () => {
		for (const request of h.discord.requests.filter(carriesMessageBody)) {
			// An interaction callback carries its message under `data`.
			const body = request.body as SentBody & { data?: SentBody };
			const allowed = (request.route.endsWith('/callback') ? body.data : body)?.allowed_mentions;
			expect(allowed?.parse, request.route).toEqual([]);
			expect(allowed?.roles ?? [], request.route).toEqual([]);
		}
		expect(h.discord.failedRequests).toEqual([]);
		expect(h.discord.unknownRequests).toEqual([]);
		expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
	});
});
