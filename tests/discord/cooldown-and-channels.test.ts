import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCommunity, startHarness, type Harness } from '../../testkit/bot-harness.js';
import { DIRECTOR_QUESTION, ROONEY_QUESTION, RUNTIME_QUESTION } from '../support/questions.js';

const guild = 'Film Club';

describe('answer channels (Message Content intent) and the per-user cooldown', () => {
	let h: Harness;
	let mention: string;

	beforeAll(async () => {
		h = await startHarness({
			community: { ...defaultCommunity(), privilegedIntents: { messageContent: true } },
			env: (discord) => ({
				// Two questions per 30 s, so a follow-up and a refusal both fit in a short test.
				COOLDOWN_QUESTIONS: '2',
				COOLDOWN_SECONDS: '30',
				MESSAGE_CONTENT_INTENT: 'true',
				ANSWER_CHANNEL_IDS: discord.channel(guild, 'ask-the-bot').id,
			}),
		});
		mention = `<@${h.discord.botUser.id}>`;
	});
	afterAll(async () => {
		await h.stop();
	});

	it('identifies with the Message Content intent', () => {
		expect(h.discord.sessions[0]!.intents & (1 << 15)).not.toBe(0);
	});

	it('answers every question in an answer channel, and only mentions elsewhere', async () => {
		const elsewhere = h.discord.sendMessage({
			author: 'bob',
			guild,
			channel: 'general',
			content: DIRECTOR_QUESTION,
		});
		const inChannel = h.discord.sendMessage({
			author: 'alice',
			guild,
			channel: 'ask-the-bot',
			content: DIRECTOR_QUESTION,
		});
		const reply = await inChannel.reply();
		expect(reply.body.embeds?.[0]?.description).toContain('Len Wiseman');
		// bob's next (mentioned) question is answered, so his unaddressed one was seen and skipped.
		await h.discord
			.sendMessage({ author: 'bob', guild, channel: 'general', content: `${mention} runtime?` })
			.reply();
		expect(
			h.discord.requests.some(
				(r) =>
					(r.body as { message_reference?: { message_id?: string } } | undefined)?.message_reference
						?.message_id === elsewhere.message.id,
			),
		).toBe(false);
	});

	it('a follow-up right away is answered; a question beyond the bucket gets one ⏳ reaction, no reply; others are unaffected', async () => {
		// alice asked in the previous test; her follow-up uses her second question.
		const followUp = await h.discord
			.sendMessage({ author: 'alice', guild, channel: 'ask-the-bot', content: RUNTIME_QUESTION })
			.reply();
		expect(followUp.body.embeds?.[0]?.description).toContain('120 minutes');
		const again = h.discord.sendMessage({
			author: 'alice',
			guild,
			channel: 'ask-the-bot',
			content: ROONEY_QUESTION,
		});
		const reaction = await again.reaction();
		expect(reaction.emoji).toBe('⏳');
		expect(reaction.status).toBe(204);
		const carol = await h.discord
			.sendMessage({ author: 'carol', guild, channel: 'ask-the-bot', content: ROONEY_QUESTION })
			.reply();
		expect(carol.body.embeds?.[0]?.description).toContain('Ana de Armas');
		expect(
			h.discord.requests.filter(
				(r) =>
					r.route === 'POST /channels/:channelId/messages' &&
					(r.body as { message_reference?: { message_id?: string } }).message_reference?.message_id ===
						again.message.id,
			),
		).toEqual([]);
	});

	it('stays silent in an answer channel on chat, greetings and questions it cannot answer surely, at no cost to the cooldown', async () => {
		const unprompted = [
			'lol anyone playing elden ring tonight',
			'hi everyone',
			'what camera did they shoot it on',
		];
		const silent = unprompted.map((content) =>
			h.discord.sendMessage({ author: 'admin', guild, channel: 'ask-the-bot', content }),
		);
		// admin's bucket holds two questions: both confident answers after the chat still come.
		const first = await h.discord
			.sendMessage({ author: 'admin', guild, channel: 'ask-the-bot', content: ROONEY_QUESTION })
			.reply();
		expect(first.body.embeds?.[0]?.description).toContain('Ana de Armas');
		const second = await h.discord
			.sendMessage({ author: 'admin', guild, channel: 'ask-the-bot', content: RUNTIME_QUESTION })
			.reply();
		expect(second.body.embeds?.[0]?.description).toContain('120 minutes');
		const silentIds = new Set(silent.map((sent) => sent.message.id));
		const touching = h.discord.requests.filter((r) => {
			const body = r.body as { message_reference?: { message_id?: string } } | undefined;
			return (
				silentIds.has(body?.message_reference?.message_id ?? '') || silentIds.has(r.path.split('/')[4] ?? '')
			);
		});
		expect(touching).toEqual([]);
	});

	it('tells a slash-command user privately when they can ask again; /faq stays available', async () => {
		const first = await h.discord
			.sendCommand({ user: 'mod', guild, name: 'ask', options: { question: 'Is it worth watching?' } })
			.reply();
		expect(first.embeds?.length).toBe(1);
		// /release then /cast right after: the follow-up goes through ...
		const followUp = await h.discord.sendCommand({ user: 'mod', guild, name: 'release' }).reply();
		expect(followUp.ephemeral).toBe(false);
		expect(JSON.stringify(followUp)).toMatch(/<t:\d+:/);
		// ... and the third question in a few seconds is refused, privately.
		const second = await h.discord.sendCommand({ user: 'mod', guild, name: 'cast' }).reply();
		expect(second.ephemeral).toBe(true);
		expect(second.content).toMatch(/^Slow down a little — you can ask again <t:\d+:R>\.$/);
		const retryAt = Number(/<t:(\d+):R>/.exec(second.content!)![1]);
		// One question comes back every 30 s / 2 = 15 s.
		expect(retryAt * 1000).toBeGreaterThan(Date.now() + 10_000);
		const faq = await h.discord.sendCommand({ user: 'mod', guild, name: 'faq' }).reply();
		expect(faq.content).toContain('FAQ');
	});

	it('made no request Discord would reject or not know', () => {
		expect(h.discord.unknownRequests).toEqual([]);
		expect(h.discord.failedRequests).toEqual([]);
	});
});

describe('Message Content intent not enabled for the application', () => {
	it('fails to start with Discord’s "disallowed intents" rather than running deaf', async () => {
		await expect(startHarness({ env: { MESSAGE_CONTENT_INTENT: 'true' } })).rejects.toThrow(
			/disallowed intents/i,
		);
	});
});
