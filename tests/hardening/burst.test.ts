/**
 * A flood of questions on loopback: 1,000 from 50 users at once, through the real discord.js client
 * and the real bot. With the per-user cooldown on, each user's first question is answered, the
 * first refused one gets the ⏳ reaction and later refused ones nothing (no reaction flood); with it
 * off, every question is answered exactly once (matched by message_reference): nothing lost,
 * nothing doubled. Then the same burst twice more, to see the heap stays flat. Last, forum posts,
 * helpers' "Answer from FAQ" and `/faq topic:` all at once: each answered exactly once when it
 * should be, pinging exactly whom it names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUILD, crowd, startLoadHarness, userName, type Harness } from '../../testkit/bot-harness.js';
import { forumQuestion } from '../../src/discord/forum.js';
import { confidentEnough } from '../../src/discord/handlers/message.js';
import {
	Permission,
	type RecordedRequest,
	type SentBody,
	type SentMessage,
} from '../../testkit/fake-discord.js';
import { shuffled } from '../../testkit/random.js';
import { mib } from '../../testkit/stats.js';
import {
	LONG,
	exposeGc,
	expectValidReply,
	isMessagePost,
	isReaction,
	requestCounter,
	responsesByMessage,
	settledHeap,
	waitUntil,
} from './helpers.js';
import {
	DIRECTOR_QUESTION,
	MUSIC_QUESTION,
	ROONEY_QUESTION,
	RUNTIME_QUESTION,
} from '../support/questions.js';

const USERS = 50;
const PER_USER = 20;
const TOTAL = USERS * PER_USER; // 1,000
/** With the cooldown on: each user's first question answered, their first refused one reacted to. */
const COOLDOWN_RESPONSES = USERS * 2;
/**
 * Heap growth allowed from the second to the third identical burst. The heap is read after forced
 * full collections (`global.gc`, exposed at run time through V8's `--expose-gc` flag when vitest
 * didn't start the worker with it), with the stand-in's own records of the bursts cleared, so
 * what is left is the bot's (and discord.js') retained state. Measured growth is ~0.2–0.6 MB per
 * 1,000 messages (50 new users and members cached); 8 MB would be ~8 KB kept per message.
 */
const HEAP_GROWTH_MAX = 8 * 1024 * 1024;

const QUESTIONS = [
	'when is Ballerina released?',
	DIRECTOR_QUESTION,
	ROONEY_QUESTION,
	RUNTIME_QUESTION,
	MUSIC_QUESTION,
	'is it connected to the John Wick films?',
	'how do I bake sourdough bread?',
	'what is the plot?',
	'thanks!',
	'can i rent it on blu-ray?',
];

interface Burst {
	sent: SentMessage[];
	/** The user of each sent message, by message id. */
	authorOf: Map<string, string>;
	ms: number;
}

/**
 * Sends PER_USER questions from each of USERS users (from `firstUser` on), interleaved, all at
 * once, and waits for `expected` responses (replies and reactions).
 */
async function burst(h: Harness, firstUser: number, seed: number, expected: number): Promise<Burst> {
	const mention = `<@${h.discord.botUser.id}>`;
	const plan = shuffled(
		Array.from({ length: TOTAL }, (_, i) => ({
			user: userName(firstUser + (i % USERS)),
			question: QUESTIONS[(i * 7 + firstUser) % QUESTIONS.length]!,
		})),
		seed,
	);
	const isMine = new Set<string>();
	const responded = requestCounter(
		h,
		(r) => (isMessagePost(r) || isReaction(r)) && isMine.has(responseTarget(r) ?? ''),
	);
	const started = performance.now();
	const sent = plan.map(({ user, question }) => {
		const message = h.discord.sendMessage({
			author: user,
			guild: GUILD,
			channel: 'general',
			content: `${mention} ${question}`,
		});
		isMine.add(message.message.id);
		return message;
	});
	await waitUntil(() => responded() >= expected, 30_000, `${expected} responses`);
	const ms = performance.now() - started;
	// Anything doubled would arrive right behind the rest.
	await new Promise((resolve) => setTimeout(resolve, 200));
	return {
		sent,
		authorOf: new Map(plan.map(({ user }, i) => [sent[i]!.message.id, user])),
		ms,
	};
}

/** Whether a bot message POST replies to a message (a helper's pick) rather than standing alone (a forum answer). */
const repliedToMessage = (r: RecordedRequest) => (r.body as SentBody).message_reference !== undefined;

function responseTarget(r: {
	route: string;
	params: Record<string, string>;
	body: unknown;
}): string | undefined {
	if (r.route === 'PUT /channels/:channelId/messages/:messageId/reactions/:emoji/@me')
		return r.params.messageId;
	return (r.body as { message_reference?: { message_id?: string } } | undefined)?.message_reference
		?.message_id;
}

describe(`a burst of ${TOTAL} questions from ${USERS} users with the cooldown on`, () => {
	let h: Harness;
	let first: Burst;

	beforeAll(async () => {
		// Three disjoint groups of USERS members, one per burst, so every burst starts with no one cooling down.
		h = await startLoadHarness({
			community: crowd(USERS * 3),
			env: { COOLDOWN_QUESTIONS: '1', COOLDOWN_SECONDS: '600', LOG_LEVEL: 'info' },
		});
		first = await burst(h, 0, 1, COOLDOWN_RESPONSES);
		console.log(`cooldown burst: ${TOTAL} messages answered or refused in ${first.ms.toFixed(0)} ms`);
	});
	afterAll(async () => {
		await h.stop();
	});

	it('answers each user’s first question once and reacts ⏳ once to the later ones; nothing lost or doubled', () => {
		const { replies, reactions } = responsesByMessage(h.discord.requests);
		const refusals = new Map<string, number>();
		const seenUsers = new Set<string>();
		let answered = 0;
		let refused = 0;
		for (const sent of first.sent) {
			const id = sent.message.id;
			const user = first.authorOf.get(id)!;
			const repliesHere = replies.get(id) ?? [];
			const reactionsHere = reactions.get(id) ?? [];
			if (!seenUsers.has(user)) {
				// In dispatch order, a user's first question: answered, whoever else is cooling down.
				seenUsers.add(user);
				expect(repliesHere, `first question of ${user}`).toHaveLength(1);
				expect(reactionsHere).toHaveLength(0);
				expectValidReply(repliesHere[0]!);
				answered++;
				continue;
			}
			// Refused: the first refusal in the window gets ⏳, later ones nothing (no reaction flood).
			const count = (refusals.get(user) ?? 0) + 1;
			refusals.set(user, count);
			expect(repliesHere, `later question of ${user}`).toHaveLength(0);
			if (count === 1) {
				expect(reactionsHere, `first refused question of ${user}`).toHaveLength(1);
				expect(reactionsHere[0]!.params.emoji).toBe('⏳');
				expect(reactionsHere[0]!.status).toBe(204);
			} else {
				expect(reactionsHere, `further refused question of ${user}`).toHaveLength(0);
			}
			refused++;
		}
		expect([...refusals.values()].every((n) => n >= 1)).toBe(true);
		expect([...reactions.values()].flat()).toHaveLength(USERS);
		expect(seenUsers.size).toBe(USERS);
		expect(answered).toBe(USERS);
		expect(refused).toBe(TOTAL - USERS);
		// No bot message that isn't a reply to one of these questions (no stray or error messages).
		expect(h.discord.requests.filter(isMessagePost)).toHaveLength(USERS);
		expect(h.discord.failedRequests).toEqual([]);
		expect(h.discord.unknownRequests).toEqual([]);
		expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
	});

	it('keeps the heap flat over two more identical bursts (fresh users)', async () => {
		const gc = exposeGc();
		h.discord.clearHistory();
		const before = await settledHeap(gc);
		// Keep only the timing of each burst: the test's own records of 1,000 messages would count too.
		const second = (await burst(h, USERS, 2, COOLDOWN_RESPONSES)).ms;
		h.discord.clearHistory();
		const afterSecond = await settledHeap(gc);
		const third = (await burst(h, USERS * 2, 3, COOLDOWN_RESPONSES)).ms;
		h.discord.clearHistory();
		const afterThird = await settledHeap(gc);
		console.log(
			`cooldown bursts: ${second.toFixed(0)} ms, ${third.toFixed(0)} ms; heap after the first ${mib(before)} MiB, second ${mib(afterSecond)} MiB, third ${mib(afterThird)} MiB`,
		);
		expect(afterThird - afterSecond).toBeLessThan(HEAP_GROWTH_MAX);
		expect(afterThird - before).toBeLessThan(2 * HEAP_GROWTH_MAX);
	});
});

describe(`a burst of ${TOTAL} questions from ${USERS} users with the cooldown off`, () => {
	let h: Harness;

	beforeAll(async () => {
		h = await startLoadHarness({
			community: crowd(USERS),
			env: { COOLDOWN_SECONDS: '0', LOG_LEVEL: 'info' },
		});
	});
	afterAll(async () => {
		await h.stop();
	});

	it('answers every question exactly once, with a valid reply', async () => {
		const run = await burst(h, 0, 4, TOTAL);
		console.log(`open burst: ${TOTAL} messages answered in ${run.ms.toFixed(0)} ms`);
		const { replies, reactions } = responsesByMessage(h.discord.requests);
		expect(reactions.size).toBe(0);
		for (const sent of run.sent) {
			const repliesHere = replies.get(sent.message.id) ?? [];
			expect(repliesHere, `message ${sent.message.id}`).toHaveLength(1);
			expectValidReply(repliesHere[0]!);
		}
		expect(h.discord.requests.filter(isMessagePost)).toHaveLength(TOTAL);
		expect(h.discord.failedRequests).toEqual([]);
		expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
	});

	it.runIf(LONG)('keeps the heap flat over more bursts', async () => {
		const gc = exposeGc();
		h.discord.clearHistory();
		const heaps = [await settledHeap(gc)];
		for (let i = 0; i < 4; i++) {
			await burst(h, 0, 10 + i, TOTAL);
			h.discord.clearHistory();
			heaps.push(await settledHeap(gc));
		}
		console.log(`open bursts, heap after each: ${heaps.map((bytes) => `${mib(bytes)} MiB`).join(', ')}`);
		expect(heaps.at(-1)! - heaps[1]!).toBeLessThan(HEAP_GROWTH_MAX);
	});
});

describe('a burst of forum posts, "Answer from FAQ" and /faq topic at once', () => {
	const POSTS = 200;
	const HELPS = 100;
	const TOPICS = 100;
	let h: Harness;

	beforeAll(async () => {
		const community = crowd(USERS);
		community.guilds![0]!.channels!.push({ name: 'help', type: 'forum', tags: ['Solved'] });
		h = await startLoadHarness({
			community: { ...community, privilegedIntents: { messageContent: true } },
			env: (discord) => ({
				COOLDOWN_SECONDS: '0',
				LOG_LEVEL: 'info',
				MESSAGE_CONTENT_INTENT: 'true',
				ANSWER_CHANNEL_IDS: discord.channel(GUILD, 'help').id,
			}),
		});
	});
	afterAll(async () => {
		await h.stop();
	});

	it('answers each confident post once, each helper’s pick once pinging its asker, each topic pinging its member; nothing else', async () => {
		const engine = h.service.engine;
		const threshold = h.config.autoAnswerThreshold;
		const started = performance.now();
		const posts = Array.from({ length: POSTS }, (_, i) => {
			const title = QUESTIONS[i % QUESTIONS.length]!;
			// Half the posts ask one thing in title and body, as most do; half mix two questions.
			const content = i % 2 === 0 ? title : QUESTIONS[(i * 3 + 1) % QUESTIONS.length]!;
			const author = userName(i % USERS);
			const post = h.discord.createForumPost({ author, channel: 'help', title, content });
			return {
				post,
				author,
				confident: confidentEnough(engine.ask(forumQuestion(title, content)), threshold),
			};
		});
		const helps = posts.slice(0, HELPS).map(({ post, author }, i) => ({
			author,
			post,
			answers: engine.ask(post.message.content).kind === 'answer',
			handle: h.discord.sendMessageCommand({
				user: userName((i + 1) % USERS),
				guild: GUILD,
				name: 'Answer from FAQ',
				targetMessageId: post.message.id,
				permissions: Permission.ViewChannel | Permission.ManageMessages,
			}),
		}));
		const topics = Array.from({ length: TOPICS }, (_, i) => {
			const member = h.discord.user(userName((i + 7) % USERS)).id;
			return {
				member,
				answers: engine.ask(QUESTIONS[i % QUESTIONS.length]!).kind === 'answer',
				handle: h.discord.sendCommand({
					user: userName(i % USERS),
					guild: GUILD,
					name: 'faq',
					options: { topic: QUESTIONS[i % QUESTIONS.length]!, user: member },
				}),
			};
		});
		await Promise.all([...helps, ...topics].map(({ handle }) => handle.reply(30_000)));
		const expectedAnswers = posts.filter((p) => p.confident).length;
		const expectedHelps = helps.filter((p) => p.answers).length;
		const postsIn = (threadId: string) =>
			h.discord.requests.filter((r) => isMessagePost(r) && r.params.channelId === threadId);
		const forumAnswers = () =>
			posts.reduce(
				(n, { post }) => n + postsIn(post.thread.id).filter((r) => !repliedToMessage(r)).length,
				0,
			);
		const helperReplies = () =>
			helps.reduce((n, { post }) => n + postsIn(post.thread.id).filter((r) => repliedToMessage(r)).length, 0);
		await waitUntil(
			() => forumAnswers() >= expectedAnswers && helperReplies() >= expectedHelps,
			30_000,
			`${expectedAnswers} forum answers and ${expectedHelps} helper replies`,
		);
		const ms = performance.now() - started;
		// Anything doubled would arrive right behind the rest.
		await new Promise((resolve) => setTimeout(resolve, 200));
		console.log(
			`forum burst: ${POSTS} posts (${expectedAnswers} answered), ${HELPS} "Answer from FAQ" (${expectedHelps} answered), ${TOPICS} /faq topic in ${ms.toFixed(0)} ms`,
		);
		expect(expectedAnswers).toBeGreaterThan(0);
		expect(expectedAnswers).toBeLessThan(POSTS);

		for (const { post, confident } of posts)
			expect(
				postsIn(post.thread.id).filter((r) => !repliedToMessage(r)),
				post.thread.name,
			).toHaveLength(confident ? 1 : 0);
		for (const { post, author, answers } of helps) {
			const replies = postsIn(post.thread.id).filter((r) => repliedToMessage(r));
			expect(replies).toHaveLength(answers ? 1 : 0);
			for (const reply of replies)
				expect(h.discord.notified((reply.response as { id: string }).id)).toEqual({
					everyone: false,
					users: [h.discord.user(author).id],
					roles: [],
				});
		}
		for (const { handle, member, answers } of topics) {
			const shown = await handle.reply();
			// A topic the FAQ doesn't answer is a private notice, pinging no one.
			expect(shown.ephemeral).toBe(!answers);
			expect(shown.allowed_mentions).toEqual(
				answers ? { parse: [], users: [member], replied_user: false } : { parse: [], replied_user: false },
			);
		}
		expect(topics.filter((t) => t.answers).length).toBeGreaterThan(0);
		for (const { post } of posts)
			for (const reply of postsIn(post.thread.id).filter((r) => !repliedToMessage(r)))
				expect(h.discord.notified((reply.response as { id: string }).id)).toEqual({
					everyone: false,
					users: [],
					roles: [],
				});
		expect(h.discord.failedRequests).toEqual([]);
		expect(h.discord.unknownRequests).toEqual([]);
		expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
	}, 60_000);
});
