import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EMBED_DESCRIPTION_MAX } from '../../src/discord/limits.js';
import { filmMarkdown, startHarness, type Harness } from '../../testkit/bot-harness.js';
import type { SentMessage } from '../../testkit/fake-discord.js';
import { DIRECTOR_QUESTION } from '../support/questions.js';

const EPHEMERAL = 64;
const LONG_SENTENCE =
	'The storm scenes run long and every wave is filmed from three different angles at once. ';

let h: Harness;
let mention: string;

beforeAll(async () => {
	h = await startHarness({
		files: {
			'harbor-lights.md': filmMarkdown({
				title: 'Harbor Lights',
				sections: {
					'The Storm Sequence': LONG_SENTENCE.repeat(70).trim(),
				},
				faq: {
					'How do I get notified about screenings?':
						'Ask a moderator to ping @everyone, or the <@&123456789012345678> role, or <@123456789012345679> directly.',
				},
			}),
		},
	});
	mention = `<@${h.discord.botUser.id}>`;
});

afterAll(async () => {
	await h.stop();
});

/** Resolves once the bot has demonstrably processed every earlier event: it answered a later question. */
async function sentinel(author = 'carol'): Promise<void> {
	await h.discord.sendMessage({ author, guild: 'Film Club', content: `${mention} hi` }).reply();
}

function repliesTo(sent: SentMessage) {
	return h.discord.requests.filter(
		(r) =>
			r.route === 'POST /channels/:channelId/messages' &&
			(r.body as { message_reference?: { message_id?: string } }).message_reference?.message_id ===
				sent.message.id,
	);
}

describe('questions in messages', () => {
	it('answers a mention with an embed reply citing the source', async () => {
		const sent = h.discord.sendMessage({
			author: 'alice',
			guild: 'Film Club',
			content: `${mention} when is Ballerina released?`,
		});
		const reply = await sent.reply();
		expect(reply.status).toBe(200);
		expect(reply.body.message_reference).toMatchObject({ message_id: sent.message.id });
		const [embed] = reply.body.embeds ?? [];
		expect(embed).toMatchObject({
			author: { name: 'From the World of John Wick: Ballerina' },
			description: expect.stringContaining('June 6, 2025') as string,
		});
		expect(embed?.fields).toContainEqual({
			name: 'Source',
			value: 'From the World of John Wick: Ballerina › Release date',
		});
		expect(embed?.fields?.find((f) => f.name === 'Confidence')?.value).toMatch(/^\d+% \((high|good|fair)\)$/);
		// The engine got the question, not the mention.
		const answered = h.logs.find((l) => l.msg === 'answering' && l.messageId === sent.message.id);
		expect(answered).toBeDefined();
	});

	it('answers a direct message', async () => {
		const sent = h.discord.sendMessage({ author: 'bob', dm: true, content: DIRECTOR_QUESTION });
		expect(sent.delivered).toBe(1);
		const reply = await sent.reply();
		expect(h.discord.message(sent.message.id)?.guild_id).toBeUndefined();
		expect(reply.body.embeds?.[0]?.description).toContain('Len Wiseman');
		expect(reply.body.embeds?.[0]?.fields).toContainEqual({
			name: 'Source',
			value: 'From the World of John Wick: Ballerina › Director',
		});
	});

	it('replies to small talk in plain text', async () => {
		const reply = await h.discord
			.sendMessage({ author: 'alice', guild: 'Film Club', content: `${mention} thanks!` })
			.reply();
		expect(reply.body.content).toBe("You're welcome! Happy to help.");
		expect(reply.body.embeds ?? []).toEqual([]);
	});

	it('nudges a bare mention toward asking something', async () => {
		const reply = await h.discord
			.sendMessage({ author: 'alice', guild: 'Film Club', content: mention })
			.reply();
		expect(reply.body.content).toContain('Ask me a question after the mention');
	});

	it('ignores other bots, its own messages and unaddressed messages', async () => {
		const fromBot = h.discord.sendMessage({
			author: 'otherbot',
			guild: 'Film Club',
			content: `${mention} when is it released?`,
		});
		// Without the Message Content intent Discord sends this one with empty content anyway.
		const unaddressed = h.discord.sendMessage({
			author: 'alice',
			guild: 'Film Club',
			content: 'when is it released?',
		});
		await sentinel();
		expect(repliesTo(fromBot)).toEqual([]);
		expect(repliesTo(unaddressed)).toEqual([]);
		// Discord echoed each of the bot's replies back over the gateway; none was answered.
		const botMessages = h.discord.requests.filter((r) => r.route === 'POST /channels/:channelId/messages');
		for (const posted of botMessages) {
			const id = (posted.response as { id: string }).id;
			expect(
				h.discord.requests.some(
					(r) =>
						(r.body as { message_reference?: { message_id?: string } })?.message_reference?.message_id === id,
				),
			).toBe(false);
		}
	});

	it('answers an unknown question honestly with up to three "did you mean" buttons', async () => {
		const sent = h.discord.sendMessage({
			author: 'alice',
			guild: 'Film Club',
			content: `${mention} how do I bake sourdough bread?`,
		});
		const reply = await sent.reply();
		expect(reply.body.content).toMatch(/don't know/i);
		expect(reply.body.content).toContain('Did you mean');
		const buttons = reply.body.components?.[0]?.components as {
			label: string;
			custom_id: string;
			style: number;
		}[];
		expect(buttons.length).toBeGreaterThan(0);
		expect(buttons.length).toBeLessThanOrEqual(3);
		for (const button of buttons) {
			expect(button.label.length).toBeLessThanOrEqual(80);
			expect(button.custom_id.length).toBeLessThanOrEqual(100);
		}

		// Someone else clicks the first suggestion: the answer is for them only.
		const botMessageId = (reply.response as { id: string }).id;
		const first = buttons[0]!;
		const shown = await h.discord
			.clickButton({ user: 'bob', messageId: botMessageId, customId: first.custom_id })
			.reply();
		expect(shown.ephemeral).toBe(true);
		expect(shown.flags).toBe(EPHEMERAL);
		expect(shown.embeds?.[0]?.fields).toContainEqual({
			name: 'Source',
			value: expect.stringContaining(`› ${first.label}`) as string,
		});
		// The original message is untouched.
		expect(h.discord.message(botMessageId)?.edited_timestamp).toBeNull();
	});

	it('cuts a long passage at a sentence boundary within the embed limit', async () => {
		const reply = await h.discord
			.sendMessage({
				author: 'alice',
				guild: 'Film Club',
				content: `${mention} Tell me about the storm sequence in Harbor Lights`,
			})
			.reply();
		const description = reply.body.embeds?.[0]?.description as string;
		expect(LONG_SENTENCE.repeat(70).length).toBeGreaterThan(EMBED_DESCRIPTION_MAX);
		expect(description.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
		expect(description.endsWith('at once.')).toBe(true);
		expect(reply.status).toBe(200);
	});

	it('never pings: @everyone, roles and users in questions or answers stay inert', async () => {
		const alice = h.discord.user('alice');
		const regular = h.discord.role('Film Club', 'Regular');
		const sent = h.discord.sendMessage({
			author: 'admin',
			guild: 'Film Club',
			content: `@everyone <@&${regular.id}> <@${alice.id}> ${mention} how do I get notified about screenings?`,
		});
		const reply = await sent.reply();
		expect(reply.body.embeds?.[0]?.description).toContain('@everyone');
		const id = (reply.response as { id: string }).id;
		expect(h.discord.notified(id)).toEqual({ everyone: false, users: [], roles: [] });
		expect(h.discord.message(id)?.mention_everyone).toBe(false);

		// Every body the bot sent so far, in any test, opted out of every mention type.
		expect(h.discord.sentBodies.length).toBeGreaterThan(5);
		for (const body of h.discord.sentBodies) expect(body.allowed_mentions?.parse).toEqual([]);
	});

	it('survives a failing engine: logged, no crash, next question answered', async () => {
		const spy = vi.spyOn(h.service, 'engine', 'get').mockImplementationOnce(() => {
			throw new Error('engine exploded');
		});
		const broken = h.discord.sendMessage({
			author: 'alice',
			guild: 'Film Club',
			content: `${mention} ${DIRECTOR_QUESTION}`,
		});
		await sentinel();
		spy.mockRestore();
		expect(repliesTo(broken)).toEqual([]);
		expect(h.logs.some((l) => l.msg === 'message handler failed' && l.messageId === broken.message.id)).toBe(
			true,
		);
	});

	it('answers a failing slash command with an ephemeral "Something went wrong"', async () => {
		const spy = vi.spyOn(h.service, 'engine', 'get').mockImplementationOnce(() => {
			throw new Error('engine exploded');
		});
		const shown = await h.discord
			.sendCommand({
				user: 'alice',
				guild: 'Film Club',
				name: 'ask',
				options: { question: DIRECTOR_QUESTION },
			})
			.reply();
		spy.mockRestore();
		expect(shown.ephemeral).toBe(true);
		expect(shown.content).toMatch(/^Something went wrong/);
		const ok = await h.discord
			.sendCommand({
				user: 'alice',
				guild: 'Film Club',
				name: 'ask',
				options: { question: DIRECTOR_QUESTION },
			})
			.reply();
		expect(ok.embeds?.[0]?.description).toContain('Len Wiseman');
	});

	it('made no request Discord would reject or not know', () => {
		expect(h.discord.unknownRequests).toEqual([]);
		expect(h.discord.failedRequests).toEqual([]);
		expect(h.rawLogs.join('')).not.toContain(h.discord.token);
	});
});

describe('gateway interruptions', () => {
	it('keeps answering after Discord asks the shard to reconnect (RESUME)', async () => {
		const session = h.discord.sessions[0]!.id;
		h.discord.requestReconnect(0);
		await h.discord.waitForGateway(
			(g) => g.direction === 'out' && g.t === 'RESUMED' && g.sessionId === session,
		);
		const reply = await h.discord
			.sendMessage({ author: 'bob', guild: 'Film Club', content: `${mention} ${DIRECTOR_QUESTION}` })
			.reply();
		expect(reply.body.embeds?.[0]?.description).toContain('Len Wiseman');
		expect(h.discord.sessions.map((s) => s.id)).toEqual([session]);
	});
});
