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
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlowestInputs } from '../../testkit/fuzz-slowest.js';
import { EMPTY_MENTION_REPLY } from '../../src/discord/handlers/message.js';
import { GUILD, crowd, startLoadHarness, userName, type Harness } from '../../testkit/bot-harness.js';
import type { SentBody } from '../../testkit/fake-discord.js';
import { percentile } from '../../testkit/stats.js';
import { LONG, expectValidReply, carriesMessageBody, responsesByMessage, type Reply } from './helpers.js';
import { USER_MESSAGE_MAX, blank, longText, phrase, type Ids } from './generators.js';

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
		const guild = h.discord.guild(GUILD);
		ids = {
			bot: h.discord.botUser.id,
			botRole: guild.roles.find((r) => r.botId === h.discord.botUser.id)!.id,
			users: [h.discord.user(userName(1)).id, h.discord.user(userName(2)).id],
			roles: [h.discord.role(GUILD, 'Moderator').id],
			channel: h.discord.channel(GUILD, 'ask-the-bot').id,
		};
		// Warm up (first-message code paths, JIT), so the slowest input below is about the input.
		await h.discord
			.sendMessage({ author: userName(0), guild: GUILD, content: `<@${ids.bot}> who directed it?` })
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
					[{ ...bare, after: '@everyone @here who directed it?' }],
					[
						{
							...bare,
							before: '@everyone',
							after: "'release !cast ^who date$ =director | .* (?:x)+ [a-z]{2,}",
						},
					],
					[{ ...bare, address: 'role', after: 'who plays Rooney?' }],
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
