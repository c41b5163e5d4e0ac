/**
 * The one state object every part of the stand-in works on: the community it hosts (users,
 * guilds, channels), what happened (messages, interactions, gateway sessions, registered
 * commands), and the records tests assert on, with the lookups over them.
 */
import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import type {
	FakeChannel,
	FakeDiscordOptions,
	FakeGuild,
	FakeRole,
	FakeUser,
	GatewayRecord,
	Json,
	Notified,
	RecordedRequest,
	SentBody,
} from './types.js';
import { snowflake } from './snowflake.js';
import { timestamp } from './json.js';
import type { StoredMessage } from './serialise.js';
import { ALL_PERMISSIONS, ChannelType, DEFAULT_MEMBER_PERMISSIONS, Permission } from './wire.js';

export interface StoredInteraction {
	id: string;
	token: string;
	type: number;
	createdAt: number;
	payload: Json;
	acknowledged?: { type: number; at: number; flags: number };
	/** The response message (type 4/5), or the component's message for updates. */
	originalMessageId?: string;
	followups: string[];
}

export interface Session {
	id: string;
	shard: [number, number];
	intents: number;
	seq: number;
	socket?: WebSocket;
	/** Every dispatch, for RESUME replay. */
	events: { s: number; t: string; d: unknown }[];
	closed: boolean;
}

export interface StandIn {
	readonly options: FakeDiscordOptions;
	readonly heartbeatInterval: number;
	/** How long an interaction may go unacknowledged (Discord: 3 s). */
	readonly interactionTimeout: number;
	readonly recommendedShards: number;
	readonly privileged: NonNullable<FakeDiscordOptions['privilegedIntents']>;
	readonly botUser: FakeUser;
	readonly applicationId: string;
	readonly token: string;
	/** The loopback port, once the server listens. */
	port: number;

	readonly users: Map<string, FakeUser>;
	readonly guilds: FakeGuild[];
	readonly channels: Map<string, FakeChannel>;
	readonly messages: Map<string, StoredMessage>;
	readonly notifiedByMessage: Map<string, Notified>;
	readonly interactions: Map<string, StoredInteraction>;
	readonly sessions: Map<string, Session>;
	readonly commands: { global: Json[]; guilds: Map<string, Json[]> };

	readonly requests: RecordedRequest[];
	readonly gatewayLog: GatewayRecord[];
	readonly sentBodies: SentBody[];
	readonly unlockedBodies: string[];
	readonly requestWaiters: Set<() => void>;
	readonly gatewayWaiters: Set<() => void>;
}

function makeToken(userId: string): string {
	return `${Buffer.from(userId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}

/** The state for `options`: the bot's application, the users, and each guild with its roles, channels and members. */
export function createStandIn(options: FakeDiscordOptions): StandIn {
	const botUser: FakeUser = {
		id: snowflake(),
		username: options.botName ?? 'FAQ Bot',
		global_name: null,
		discriminator: '0000',
		avatar: null,
		bot: true,
		public_flags: 0,
	};
	const state: StandIn = {
		options,
		heartbeatInterval: options.heartbeatIntervalMs ?? 1_000,
		interactionTimeout: options.interactionTimeoutMs ?? 3_000,
		recommendedShards: options.recommendedShards ?? 1,
		privileged: options.privilegedIntents ?? {},
		botUser,
		applicationId: botUser.id,
		token: makeToken(botUser.id),
		port: 0,
		users: new Map([[botUser.id, botUser]]),
		guilds: [],
		channels: new Map(),
		messages: new Map(),
		notifiedByMessage: new Map(),
		interactions: new Map(),
		sessions: new Map(),
		commands: { global: [], guilds: new Map() },
		requests: [],
		gatewayLog: [],
		sentBodies: [],
		unlockedBodies: [],
		requestWaiters: new Set(),
		gatewayWaiters: new Set(),
	};

	for (const init of options.users ?? []) {
		const user: FakeUser = {
			id: init.id ?? snowflake(),
			username: init.username,
			global_name: init.globalName ?? init.username,
			discriminator: '0',
			avatar: null,
			public_flags: 0,
			...(init.bot ? { bot: true } : {}),
		};
		state.users.set(user.id, user);
	}

	for (const init of options.guilds ?? []) {
		const id = init.id ?? snowflake();
		const owner = init.owner ? findUser(state, init.owner) : undefined;
		const guild: FakeGuild = {
			id,
			name: init.name,
			ownerId: owner?.id ?? snowflake(),
			everyonePermissions: init.everyonePermissions ?? DEFAULT_MEMBER_PERMISSIONS,
			roles: [],
			channels: [],
			members: new Map(),
		};
		(init.roles ?? []).forEach((role, i) =>
			guild.roles.push({
				id: role.id ?? snowflake(),
				name: role.name,
				permissions: role.permissions ?? 0n,
				managed: false,
				position: i + 1,
			}),
		);
		const botRole: FakeRole = {
			id: snowflake(),
			name: botUser.username,
			permissions: init.botPermissions ?? DEFAULT_MEMBER_PERMISSIONS,
			managed: true,
			botId: botUser.id,
			position: guild.roles.length + 1,
		};
		guild.roles.push(botRole);
		for (const channel of init.channels ?? [{ name: 'general' }]) {
			const created: FakeChannel = {
				id: channel.id ?? snowflake(),
				name: channel.name,
				guildId: id,
				type: channel.type === 'forum' ? ChannelType.GuildForum : ChannelType.GuildText,
				...(channel.type === 'forum'
					? { availableTags: (channel.tags ?? []).map((name) => ({ id: snowflake(), name })) }
					: {}),
			};
			guild.channels.push(created);
			state.channels.set(created.id, created);
		}
		const joinedAt = timestamp(Date.now() - 86_400_000);
		guild.members.set(botUser.id, { userId: botUser.id, roles: [botRole.id], nick: null, joinedAt });
		for (const member of init.members ?? []) {
			const user = findUser(state, member.user);
			const roles = (member.roles ?? []).map((name) => findRole(guild, name).id);
			guild.members.set(user.id, { userId: user.id, roles, nick: member.nick ?? null, joinedAt });
		}
		if (owner && !guild.members.has(owner.id))
			guild.members.set(owner.id, { userId: owner.id, roles: [], nick: null, joinedAt });
		state.guilds.push(guild);
	}
	return state;
}

// -- lookups, by name or id; a miss is a mistake in the test, so it throws --------------------

export function findUser(state: StandIn, ref: string | FakeUser): FakeUser {
	if (typeof ref !== 'string') return ref;
	const user = state.users.get(ref) ?? [...state.users.values()].find((u) => u.username === ref);
	if (!user) throw new Error(`fake discord: no user ${ref}`);
	return user;
}

export function findGuild(state: StandIn, ref: string): FakeGuild {
	const guild = state.guilds.find((g) => g.id === ref || g.name === ref);
	if (!guild) throw new Error(`fake discord: no guild ${ref}`);
	return guild;
}

export function findRole(guild: FakeGuild, ref: string): FakeRole {
	const role = guild.roles.find((r) => r.name === ref || r.id === ref);
	if (!role) throw new Error(`fake discord: no role ${ref} in ${guild.name}`);
	return role;
}

/** A guild's channel (or thread) by name or id; its first channel without one. */
export function findChannel(state: StandIn, guildRef: string, channelRef?: string): FakeChannel {
	const guild = findGuild(state, guildRef);
	const matches = (c: FakeChannel) => c.id === channelRef || c.name === channelRef;
	const channel = channelRef
		? (guild.channels.find(matches) ??
			[...state.channels.values()].find((c) => c.guildId === guild.id && c.parentId && matches(c)))
		: guild.channels[0];
	if (!channel) throw new Error(`fake discord: no channel ${channelRef ?? '(first)'} in ${guild.name}`);
	return channel;
}

/** The user's DM channel with the bot, opened on first use. */
export function dmChannelFor(state: StandIn, user: FakeUser): FakeChannel {
	const existing = [...state.channels.values()].find(
		(c) => c.type === ChannelType.DM && c.recipientId === user.id,
	);
	if (existing) return existing;
	const created: FakeChannel = { id: snowflake(), name: '', recipientId: user.id, type: ChannelType.DM };
	state.channels.set(created.id, created);
	return created;
}

/** A member's permissions in a guild: ownership, @everyone and roles, Administrator meaning all. */
export function permissionsOf(guild: FakeGuild, userId: string): bigint {
	if (guild.ownerId === userId) return ALL_PERMISSIONS;
	const member = guild.members.get(userId);
	let bits = guild.everyonePermissions;
	for (const roleId of member?.roles ?? [])
		bits |= guild.roles.find((r) => r.id === roleId)?.permissions ?? 0n;
	return bits & Permission.Administrator ? ALL_PERMISSIONS : bits;
}

// -- waiting for what the bot does ---------------------------------------------------------

export function notifyWaiters(waiters: Set<() => void>): void {
	for (const waiter of [...waiters]) waiter();
}

/** The first item of `list` matching `predicate`, now or once it is recorded (`waiters` are told). */
export function waitFor<T>(
	list: readonly T[],
	waiters: Set<() => void>,
	predicate: (item: T) => boolean,
	timeoutMs: number,
	what: string,
): Promise<T> {
	const found = list.find(predicate);
	if (found) return Promise.resolve(found);
	return new Promise((resolve, reject) => {
		const check = () => {
			const match = list.find(predicate);
			if (match) {
				clearTimeout(timer);
				waiters.delete(check);
				resolve(match);
			}
		};
		const timer = setTimeout(() => {
			waiters.delete(check);
			reject(new Error(`fake discord: timed out after ${timeoutMs} ms waiting for ${what}`));
		}, timeoutMs);
		waiters.add(check);
	});
}

export function waitForRequest(
	state: StandIn,
	predicate: (request: RecordedRequest) => boolean,
	timeoutMs = 5_000,
): Promise<RecordedRequest> {
	return waitFor(state.requests, state.requestWaiters, predicate, timeoutMs, 'a matching request');
}
