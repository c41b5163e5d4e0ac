import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_ALLOWED } from '../../src/discord/message-commands/answer-from-faq.js';
import { GUILD, defaultCommunity, startHarness, type Harness } from '../../testkit/bot-harness.js';
import { Permission, type FakeDiscordOptions, type SentBody } from '../../testkit/fake-discord.js';
import { DIRECTOR_QUESTION, ROONEY_QUESTION } from '../support/questions.js';

const NAME = 'Answer from FAQ';

function community(): FakeDiscordOptions {
	const base = defaultCommunity();
	const [filmClub] = base.guilds!;
	return {
		...base,
		users: [...base.users!, { username: 'helper' }, { username: 'janitor' }],
		guilds: [
			{
				...filmClub!,
				roles: [
					...filmClub!.roles!,
					{ name: 'Helper' },
					{ name: 'Message Manager', permissions: Permission.ManageMessages },
				],
				members: [
					...filmClub!.members!,
					{ user: 'helper', roles: ['Helper'] },
					{ user: 'janitor', roles: ['Message Manager'] },
				],
			},
		],
	};
}

describe('the "Answer from FAQ" message command', () => {
	let h: Harness;

	beforeAll(async () => {
		h = await startHarness({
			community: community(),
			env: (discord) => ({ HELPER_ROLE_IDS: discord.role(GUILD, 'Helper').id }),
		});
	});
	afterAll(async () => {
		await h.stop();
	});

	/** A question alice asks nobody in particular (the bot, without Message Content, doesn't see it). */
	const ask = (content: string) =>
		h.discord.sendMessage({ author: 'alice', guild: GUILD, channel: 'general', content }).message;

	const repliesTo = (messageId: string) =>
		h.discord.requests.filter(
			(r) =>
				r.route === 'POST /channels/:channelId/messages' &&
				(r.body as SentBody).message_reference?.message_id === messageId,
		);

	it('is registered as a message command', () => {
		expect(h.discord.commands.global.find((c) => c.name === NAME)).toMatchObject({ type: 3 });
	});

	it('lets a helper answer someone’s question publicly, pinging exactly the asker', async () => {
		const question = ask('when is Ballerina released?');
		const used = h.discord.sendMessageCommand({
			user: 'helper',
			guild: GUILD,
			name: NAME,
			targetMessageId: question.id,
		});
		const shown = await used.reply();
		expect(shown.ephemeral).toBe(true);
		expect(shown.content).toMatch(/^Answered alice’s message/);
		const [reply] = repliesTo(question.id);
		expect(reply?.status).toBe(200);
		const body = reply!.body as SentBody;
		expect(body.embeds?.[0]?.description).toContain('June 6, 2025');
		expect(body.allowed_mentions).toEqual({ parse: [], replied_user: true });
		expect(h.discord.notified((reply!.response as { id: string }).id)).toEqual({
			everyone: false,
			users: [h.discord.user('alice').id],
			roles: [],
		});
	});

	it('works for a member with Manage Messages too', async () => {
		const question = ask(DIRECTOR_QUESTION);
		await h.discord
			.sendMessageCommand({ user: 'janitor', guild: GUILD, name: NAME, targetMessageId: question.id })
			.reply();
		expect(repliesTo(question.id)).toHaveLength(1);
	});

	it('is refused, privately, to a member without the permission or a helper role — checked when used', async () => {
		const question = ask(ROONEY_QUESTION);
		const refused = await h.discord
			.sendMessageCommand({ user: 'bob', guild: GUILD, name: NAME, targetMessageId: question.id })
			.reply();
		expect(refused).toMatchObject({ ephemeral: true, content: NOT_ALLOWED });
		// A moderator role without Manage Messages and not listed in HELPER_ROLE_IDS is no helper.
		const moderator = await h.discord
			.sendMessageCommand({ user: 'mod', guild: GUILD, name: NAME, targetMessageId: question.id })
			.reply();
		expect(moderator).toMatchObject({ ephemeral: true, content: NOT_ALLOWED });
		// The permission is read from the interaction, not from a cache: granted for this use, it works.
		await h.discord
			.sendMessageCommand({
				user: 'bob',
				guild: GUILD,
				name: NAME,
				targetMessageId: question.id,
				permissions: Permission.ViewChannel | Permission.ManageMessages,
			})
			.reply();
		expect(repliesTo(question.id)).toHaveLength(1);
	});

	it('tells the helper privately when the FAQ has no answer, and posts nothing', async () => {
		const question = ask('lol anyone playing elden ring tonight');
		const shown = await h.discord
			.sendMessageCommand({ user: 'helper', guild: GUILD, name: NAME, targetMessageId: question.id })
			.reply();
		expect(shown.ephemeral).toBe(true);
		expect(shown.content).toMatch(/^The FAQ has no answer to that message/);
		expect(repliesTo(question.id)).toEqual([]);
	});

	it('made no request Discord would reject or not know, and logged no error', () => {
		expect(h.discord.unknownRequests).toEqual([]);
		expect(h.discord.failedRequests).toEqual([]);
		expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
	});
});
