import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type Message } from 'discord.js';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { Permission, startFakeDiscord, type FakeDiscord } from '../../testkit/fake-discord.js';
import { shardOf, snowflakeOnShard } from '../../testkit/fake-discord/snowflake.js';

const clients: Client[] = [];
let discord: FakeDiscord | undefined;

afterEach(async () => {
	await Promise.all(clients.splice(0).map((c) => c.destroy()));
	await discord?.close();
	discord = undefined;
});

function client(fake: FakeDiscord, extra: Partial<ConstructorParameters<typeof Client>[0]> = {}): Client {
	const created = new Client({
		intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
		rest: { api: fake.restUrl },
		...extra,
	});
	clients.push(created);
	return created;
}

/** `login()` may resolve after `ready` was emitted, so listen first. */
async function login(bot: Client, token: string): Promise<void> {
	const ready = once(bot, Events.ClientReady);
	await bot.login(token);
	await ready;
}

describe('the Discord stand-in', () => {
	// The stand-in writes Discord's values out rather than trusting the library under test; its
	// enums are checked against discord-api-types when it compiles, the permission bits (plain
	// bigints there) here.
	it("uses Discord's permission bits", () => {
		for (const [name, bit] of Object.entries(Permission))
			expect(bit, name).toBe(PermissionFlagsBits[name as keyof typeof PermissionFlagsBits]);
	});

	it('lets a bare discord.js Client log in, see its guild and send a message over REST', async () => {
		discord = await startFakeDiscord({
			users: [{ username: 'alice' }],
			guilds: [{ name: 'Film Club', channels: [{ name: 'general' }], members: [{ user: 'alice' }] }],
		});
		const bot = client(discord);
		const ready = once(bot, Events.ClientReady);
		await bot.login(discord.token);
		await ready;

		expect(bot.user?.id).toBe(discord.botUser.id);
		const guild = bot.guilds.cache.get(discord.guild('Film Club').id);
		expect(guild?.name).toBe('Film Club');
		const channel = guild?.channels.cache.find((c) => c.name === 'general');
		expect(channel?.isTextBased()).toBe(true);
		if (!channel?.isSendable()) throw new Error('channel not sendable');

		const sent = await channel.send({ content: 'hello from the bot', allowedMentions: { parse: [] } });
		expect(sent.id).toMatch(/^\d{17,20}$/);
		const request = await discord.waitForRequest((r) => r.route === 'POST /channels/:channelId/messages');
		expect(request.body).toMatchObject({ content: 'hello from the bot', allowed_mentions: { parse: [] } });
		expect(discord.message(sent.id)?.content).toBe('hello from the bot');
		expect(discord.unknownRequests).toEqual([]);
		expect(discord.failedRequests).toEqual([]);
	});

	it('refuses a message body that does not lock mentions, and fails close() for it', async () => {
		const fake = await startFakeDiscord({
			users: [{ username: 'alice' }],
			guilds: [{ name: 'Film Club', channels: [{ name: 'general' }], members: [{ user: 'alice' }] }],
		});
		const bot = client(fake);
		await login(bot, fake.token);
		const channel = bot.channels.cache.get(fake.channel('Film Club', 'general').id);
		if (!channel?.isSendable()) throw new Error('channel not sendable');

		await channel.send({ content: 'locked', allowedMentions: { parse: [] } });
		// A ping the bot names is not a leak: one listed user, or the author of the message replied to.
		const alice = fake.user('alice').id;
		await channel.send({ content: `<@${alice}> @everyone`, allowedMentions: { parse: [], users: [alice] } });
		await channel.send({ content: 'named', allowedMentions: { parse: [], repliedUser: true } });
		for (const allowedMentions of [
			undefined,
			{ parse: ['users' as const] },
			{ parse: [], roles: [fake.role('Film Club', 'FAQ Bot').id] },
		])
			await expect(
				channel.send({ content: '@everyone hello', ...(allowedMentions ? { allowedMentions } : {}) }),
			).rejects.toThrow(/mentions not locked/);
		expect(fake.unlockedBodies).toEqual([
			'POST /channels/:channelId/messages: no allowed_mentions (Discord would parse every mention in it)',
			'POST /channels/:channelId/messages: allowed_mentions.parse is ["users"], not []',
			`POST /channels/:channelId/messages: allowed_mentions.roles lists ["${fake.role('Film Club', 'FAQ Bot').id}"]`,
		]);
		await Promise.all(clients.splice(0).map((c) => c.destroy()));
		await expect(fake.close()).rejects.toThrow(/do not lock mentions/);
	});

	it('delivers a user message, strips its content without the Message Content intent, keeps it on a mention', async () => {
		discord = await startFakeDiscord({
			users: [{ username: 'alice' }],
			guilds: [{ name: 'Film Club', members: [{ user: 'alice' }] }],
		});
		const bot = client(discord);
		await login(bot, discord.token);

		const seen: Message[] = [];
		bot.on(Events.MessageCreate, (m) => seen.push(m));
		const plain = discord.sendMessage({ author: 'alice', guild: 'Film Club', content: 'secret words' });
		const mention = discord.sendMessage({
			author: 'alice',
			guild: 'Film Club',
			content: `<@${discord.botUser.id}> hello`,
		});
		await new Promise<void>((resolve) => {
			const check = () => (seen.length >= 2 ? resolve() : setImmediate(check));
			check();
		});
		expect(seen.find((m) => m.id === plain.message.id)?.content).toBe('');
		expect(seen.find((m) => m.id === mention.message.id)?.content).toBe(`<@${discord.botUser.id}> hello`);
		expect(seen[1]?.mentions.users.has(discord.botUser.id)).toBe(true);
	});

	it('refuses a bad token and a privileged intent the application lacks', async () => {
		discord = await startFakeDiscord();
		await expect(client(discord).login('bm90IGEgdG9rZW4.abc.def')).rejects.toThrow();

		const greedy = client(discord, {
			intents: [GatewayIntentBits.Guilds, GatewayIntentBits.MessageContent],
		});
		await expect(greedy.login(discord.token)).rejects.toThrow(/disallowed intents|Used disallowed/i);
	});

	it('routes guilds to shards by (guild_id >> 22) % shard_count', async () => {
		const zero = snowflakeOnShard(0, 2);
		const one = snowflakeOnShard(1, 2);
		expect(shardOf(zero, 2)).toBe(0);
		expect(shardOf(one, 2)).toBe(1);
		discord = await startFakeDiscord({
			recommendedShards: 2,
			guilds: [
				{ name: 'Zero', id: zero },
				{ name: 'One', id: one },
			],
		});
		const a = client(discord, { shards: [0], shardCount: 2 });
		const b = client(discord, { shards: [1], shardCount: 2 });
		await Promise.all([login(a, discord.token), login(b, discord.token)]);
		expect([...a.guilds.cache.keys()]).toEqual([zero]);
		expect([...b.guilds.cache.keys()]).toEqual([one]);
		expect(discord.sessions.map((s) => s.shard).sort()).toEqual([
			[0, 2],
			[1, 2],
		]);
	});

	it('replays missed events after op 7 RECONNECT and a RESUME', async () => {
		discord = await startFakeDiscord({
			users: [{ username: 'alice' }],
			guilds: [{ name: 'Film Club', members: [{ user: 'alice' }] }],
		});
		const bot = client(discord);
		await login(bot, discord.token);
		const sessionId = discord.sessions[0]?.id;

		discord.requestReconnect(0);
		await discord.waitForGateway((g) => g.direction === 'in' && g.op === 6);
		await discord.waitForGateway((g) => g.direction === 'out' && g.t === 'RESUMED');
		const received = once(bot, Events.MessageCreate) as Promise<[Message]>;
		const sent = discord.sendMessage({
			author: 'alice',
			guild: 'Film Club',
			content: `<@${discord.botUser.id}> hi`,
		});
		const [message] = await received;
		expect(message.id).toBe(sent.message.id);
		expect(discord.sessions[0]?.id).toBe(sessionId);
	});
});
