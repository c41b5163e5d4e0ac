/**
 * A loopback stand-in for Discord: the v10 gateway (WebSocket, JSON, no compression) and the slice
 * of the REST API a bot uses, close enough to the real thing that an unmodified discord.js `Client`
 * or `ShardingManager` logs in, shards, receives messages and interactions and answers them.
 *
 * What it checks the way Discord does: the bot token (REST and IDENTIFY), shard ids, privileged
 * intents (close 4014), intent filtering of events, Message Content stripping, interaction
 * tokens, the 3-second acknowledgement window, double acknowledgement, message/embed/component/
 * autocomplete/command limits (400 "Invalid Form Body"), and unknown routes (404, recorded).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
	formErrorBody,
	validateAutocompleteChoices,
	validateCommands,
	unlockedMentions,
	validateMessageBody,
	type FieldError,
} from './fake-discord/validation.js';
import { shardOf, snowflake } from './fake-discord/snowflake.js';

// ---------------------------------------------------------------------------------------------
// Constants (Discord's wire values, written out so the stand-in doesn't trust the library under test)

export const Op = {
	Dispatch: 0,
	Heartbeat: 1,
	Identify: 2,
	PresenceUpdate: 3,
	Resume: 6,
	Reconnect: 7,
	InvalidSession: 9,
	Hello: 10,
	HeartbeatAck: 11,
} as const;

export const Intent = {
	Guilds: 1 << 0,
	GuildMembers: 1 << 1,
	GuildPresences: 1 << 8,
	GuildMessages: 1 << 9,
	GuildMessageReactions: 1 << 10,
	DirectMessages: 1 << 12,
	MessageContent: 1 << 15,
} as const;

export const Permission = {
	ViewChannel: 1n << 10n,
	SendMessages: 1n << 11n,
	EmbedLinks: 1n << 14n,
	ReadMessageHistory: 1n << 16n,
	AddReactions: 1n << 6n,
	UseApplicationCommands: 1n << 31n,
	ManageGuild: 1n << 5n,
	Administrator: 1n << 3n,
	MentionEveryone: 1n << 17n,
} as const;

const ALL_PERMISSIONS = (1n << 53n) - 1n;

export const DEFAULT_MEMBER_PERMISSIONS =
	Permission.ViewChannel |
	Permission.SendMessages |
	Permission.EmbedLinks |
	Permission.ReadMessageHistory |
	Permission.AddReactions |
	Permission.UseApplicationCommands;

export const InteractionType = {
	Ping: 1,
	ApplicationCommand: 2,
	MessageComponent: 3,
	Autocomplete: 4,
} as const;
export const CallbackType = {
	ChannelMessageWithSource: 4,
	DeferredChannelMessageWithSource: 5,
	DeferredUpdateMessage: 6,
	UpdateMessage: 7,
	ApplicationCommandAutocompleteResult: 8,
	Modal: 9,
} as const;
export const EPHEMERAL = 1 << 6;

// ---------------------------------------------------------------------------------------------
// Public shapes

export interface FakeUserInit {
	username: string;
	id?: string;
	globalName?: string;
	bot?: boolean;
}

export interface FakeRoleInit {
	name: string;
	id?: string;
	/** Permission bits; defaults to none beyond @everyone's. */
	permissions?: bigint;
}

export interface FakeChannelInit {
	name: string;
	id?: string;
}

export interface FakeMemberInit {
	/** A username from `users`. */
	user: string;
	/** Role names from the guild's `roles`. */
	roles?: string[];
	nick?: string;
}

export interface FakeGuildInit {
	name: string;
	/** Choose an id, e.g. `snowflakeOnShard(1, 2)`, to place the guild on a shard. */
	id?: string;
	/** A username; the owner has every permission. */
	owner?: string;
	channels?: FakeChannelInit[];
	roles?: FakeRoleInit[];
	members?: FakeMemberInit[];
	/** Permissions of @everyone; defaults to the usual member set. */
	everyonePermissions?: bigint;
}

export interface FakeDiscordOptions {
	users?: FakeUserInit[];
	guilds?: FakeGuildInit[];
	/** Bot username; the application has the same id. */
	botName?: string;
	/** Privileged intents enabled for the application in the developer portal. */
	privilegedIntents?: { messageContent?: boolean; guildMembers?: boolean; presences?: boolean };
	/** What `GET /gateway/bot` recommends. */
	recommendedShards?: number;
	heartbeatIntervalMs?: number;
	/** How long an interaction may go unacknowledged (Discord: 3 s). */
	interactionTimeoutMs?: number;
	/** Delay before answering each REST request, to keep the bot's replies in flight for a while. */
	restDelayMs?: number;
	/**
	 * Refuse (400) every message body with content or embeds that does not lock mentions, and fail
	 * `close()` if there was one; default true, so every test checks it. See `unlockedMentions`.
	 */
	requireLockedMentions?: boolean;
}

export interface RecordedRequest {
	method: string;
	/** Path after `/api/v10`, e.g. `/channels/123/messages`. */
	path: string;
	/** Which route answered, e.g. `POST /channels/:id/messages`, or `unknown`. */
	route: string;
	params: Record<string, string>;
	query: Record<string, string>;
	headers: Record<string, string | undefined>;
	body: unknown;
	status: number;
	response: unknown;
	at: number;
	/** `performance.now()` when the request arrived (before its body was read), for latency measurements. */
	hr: number;
}

export interface GatewayRecord {
	direction: 'in' | 'out';
	sessionId?: string;
	shard?: [number, number];
	op: number;
	t?: string | null;
	d: unknown;
	at: number;
	/** `performance.now()` when the payload was sent or received, for latency measurements. */
	hr: number;
}

/** A message body as the bot sent it, with what Discord would actually notify. */
export interface SentEmbed {
	title?: string;
	description?: string;
	color?: number;
	author?: { name: string; [key: string]: unknown };
	footer?: { text: string; [key: string]: unknown };
	fields?: { name: string; value: string; inline?: boolean }[];
	[key: string]: unknown;
}

export interface SentButton {
	type: number;
	style?: number;
	label?: string;
	custom_id?: string;
	url?: string;
	disabled?: boolean;
	[key: string]: unknown;
}

export interface SentBody {
	content?: string;
	embeds?: SentEmbed[];
	components?: { type: number; components: SentButton[] }[];
	flags?: number;
	allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean };
	message_reference?: {
		message_id?: string;
		channel_id?: string;
		guild_id?: string;
		fail_if_not_exists?: boolean;
	};
	[key: string]: unknown;
}

/** What the user would see as an interaction's response. */
export interface ShownReply extends SentBody {
	ephemeral: boolean;
	/** How the bot delivered it: a direct reply, an edit of a deferred reply, or an update. */
	via: 'reply' | 'deferred-edit' | 'update' | 'deferred-update-edit';
}

/** Who a message Discord created would notify. */
export interface Notified {
	everyone: boolean;
	users: string[];
	roles: string[];
}

export type Json = Record<string, unknown>;

export interface FakeUser {
	id: string;
	username: string;
	global_name: string | null;
	discriminator: string;
	avatar: null;
	bot?: boolean;
	system?: boolean;
	public_flags: number;
}

export interface FakeRole {
	id: string;
	name: string;
	permissions: bigint;
	managed: boolean;
	botId?: string;
	position: number;
}

export interface FakeChannel {
	id: string;
	name: string;
	guildId?: string;
	/** For DM channels. */
	recipientId?: string;
	type: 0 | 1;
}

export interface FakeMember {
	userId: string;
	roles: string[];
	nick: string | null;
	joinedAt: string;
}

export interface FakeGuild {
	id: string;
	name: string;
	ownerId: string;
	everyonePermissions: bigint;
	roles: FakeRole[];
	channels: FakeChannel[];
	members: Map<string, FakeMember>;
}

interface StoredInteraction {
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

interface Session {
	id: string;
	shard: [number, number];
	intents: number;
	seq: number;
	socket?: WebSocket;
	/** Every dispatch, for RESUME replay. */
	events: { s: number; t: string; d: unknown }[];
	closed: boolean;
}

export interface SendMessageInit {
	/** Username or user of the author. */
	author: string | FakeUser;
	content: string;
	/** A guild channel (`{ guild, channel }` by name or id); omit with `dm: true`. */
	guild?: string;
	channel?: string;
	dm?: boolean;
	/** Users mentioned in content are parsed from `<@id>` automatically. */
	referencedMessageId?: string;
}

/** A stored message (API shape). */
export type FakeMessage = Json & { id: string; channel_id: string; content: string };

export interface SentMessage {
	message: FakeMessage;
	/** How many shard sessions the event was dispatched to (0 when intents filtered it out). */
	delivered: number;
	/** The bot's reply to this message (a channel message POST whose message_reference points here). */
	reply(timeoutMs?: number): Promise<RecordedRequest & { body: SentBody }>;
	/** The bot reacting to this message. */
	reaction(timeoutMs?: number): Promise<RecordedRequest & { emoji: string }>;
}

export interface InteractionUser {
	/** Username. */
	user: string | FakeUser;
	/** Guild name or id; omit for a DM. */
	guild?: string;
	/** Channel name or id in the guild (defaults to the first channel). */
	channel?: string;
	locale?: string;
	/** Overrides the member's permissions (otherwise computed from @everyone, roles and ownership). */
	permissions?: bigint;
}

export interface SendCommandInit extends InteractionUser {
	name: string;
	/** Option values by name; for subcommands use `{ sub: { ... } }` shapes as raw options instead. */
	options?: Record<string, string | number | boolean>;
}

export interface SendAutocompleteInit extends InteractionUser {
	name: string;
	options?: Record<string, string | number | boolean>;
	/** The option being typed. */
	focused: string;
}

export interface ClickButtonInit extends InteractionUser {
	/** The message carrying the button. */
	messageId: string;
	customId: string;
}

export interface InteractionHandle {
	id: string;
	token: string;
	payload: Json;
	/** The interaction callback (`POST /interactions/:id/:token/callback`). */
	callback(timeoutMs?: number): Promise<RecordedRequest & { body: { type: number; data?: SentBody } }>;
	/** What the user is shown in response: the reply, or the edit that fills a deferred reply. */
	reply(timeoutMs?: number): Promise<ShownReply>;
	/** Autocomplete choices. */
	choices(timeoutMs?: number): Promise<{ name: string; value: string | number }[]>;
	/** The next follow-up message. */
	followup(timeoutMs?: number): Promise<RecordedRequest & { body: SentBody }>;
}

export interface FakeDiscord {
	readonly token: string;
	readonly applicationId: string;
	readonly botUser: FakeUser;
	/** REST base for discord.js' `rest.api` option: `http://127.0.0.1:PORT/api`. */
	readonly restUrl: string;
	readonly gatewayUrl: string;
	readonly requests: readonly RecordedRequest[];
	readonly gateway: readonly GatewayRecord[];
	/** Requests that hit no route (answered 404). */
	readonly unknownRequests: readonly RecordedRequest[];
	/** Requests answered with a 4xx/5xx by a known route (bad bodies, late interactions...). */
	readonly failedRequests: readonly RecordedRequest[];
	/** Every message body the bot sent (channel messages, interaction responses, webhook edits/follow-ups). */
	readonly sentBodies: readonly SentBody[];
	/** Bodies refused for not locking mentions (`route: why`); `close()` fails when there are any. */
	readonly unlockedBodies: readonly string[];
	/** Registered commands: `global` and per guild id. */
	readonly commands: { global: Json[]; guilds: Map<string, Json[]> };
	/** Identified sessions that are still alive, with their shard. */
	readonly sessions: readonly { id: string; shard: [number, number]; intents: number; connected: boolean }[];
	user(name: string): FakeUser;
	guild(nameOrId: string): FakeGuild;
	channel(guild: string, channel?: string): FakeChannel;
	role(guild: string, name: string): FakeRole;
	message(id: string): FakeMessage | undefined;
	/** Who a bot message notified, computed from its content and `allowed_mentions` as Discord does. */
	notified(messageId: string): Notified | undefined;
	sendMessage(init: SendMessageInit): SentMessage;
	sendCommand(init: SendCommandInit): InteractionHandle;
	sendAutocomplete(init: SendAutocompleteInit): InteractionHandle;
	clickButton(init: ClickButtonInit): InteractionHandle;
	waitForRequest(
		predicate: (request: RecordedRequest) => boolean,
		timeoutMs?: number,
	): Promise<RecordedRequest>;
	waitForGateway(predicate: (record: GatewayRecord) => boolean, timeoutMs?: number): Promise<GatewayRecord>;
	/** Resolves when `count` sessions (default: the recommended shard count) are identified and connected. */
	waitForShards(count?: number, timeoutMs?: number): Promise<void>;
	/** Sends op 7 RECONNECT to a shard; the client is expected to RESUME on `resume_gateway_url`. */
	requestReconnect(shard: number): void;
	/**
	 * Forgets the history the stand-in keeps for assertions (recorded requests, gateway log, sent
	 * bodies, stored messages and interactions, RESUME replay buffers), so long runs can measure
	 * the bot's memory rather than the stand-in's. Call it when no event is in flight: references
	 * to forgotten messages no longer resolve.
	 */
	clearHistory(): void;
	close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------

class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
	) {
		super(`HTTP ${status}`);
	}
}

const unknown = (what: string, code: number) => new HttpError(404, { message: `Unknown ${what}`, code });
const invalidForm = (errors: FieldError[]) => new HttpError(400, formErrorBody(errors));

function timestamp(ms = Date.now()): string {
	return new Date(ms).toISOString().replace('Z', '+00:00');
}

function makeToken(userId: string): string {
	return `${Buffer.from(userId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}

interface Route {
	method: string;
	name: string;
	pattern: RegExp;
	auth: boolean;
	handle(ctx: RouteContext): unknown;
}

interface RouteContext {
	params: Record<string, string>;
	query: URLSearchParams;
	body: unknown;
	status: number;
}

const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function routeOf(method: string, name: string, auth: boolean, handle: (ctx: RouteContext) => unknown): Route {
	const source = name.split(' ')[1]!.replace(/:(\w+)/g, (_m, key: string) => `(?<${key}>[^/]+)`);
	return { method, name, pattern: new RegExp(`^${source}$`), auth, handle };
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
	const heartbeatInterval = options.heartbeatIntervalMs ?? 1_000;
	const interactionTimeout = options.interactionTimeoutMs ?? 3_000;
	const recommendedShards = options.recommendedShards ?? 1;
	const privileged = options.privilegedIntents ?? {};

	const botUser: FakeUser = {
		id: snowflake(),
		username: options.botName ?? 'FAQ Bot',
		global_name: null,
		discriminator: '0000',
		avatar: null,
		bot: true,
		public_flags: 0,
	};
	const applicationId = botUser.id;
	const token = makeToken(botUser.id);

	const users = new Map<string, FakeUser>([[botUser.id, botUser]]);
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
		users.set(user.id, user);
	}
	const findUser = (ref: string | FakeUser): FakeUser => {
		if (typeof ref !== 'string') return ref;
		const user = users.get(ref) ?? [...users.values()].find((u) => u.username === ref);
		if (!user) throw new Error(`fake discord: no user ${ref}`);
		return user;
	};

	const guilds: FakeGuild[] = [];
	const channels = new Map<string, FakeChannel>();
	for (const init of options.guilds ?? []) {
		const id = init.id ?? snowflake();
		const owner = init.owner ? findUser(init.owner) : undefined;
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
			permissions: DEFAULT_MEMBER_PERMISSIONS,
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
				type: 0,
			};
			guild.channels.push(created);
			channels.set(created.id, created);
		}
		const joinedAt = timestamp(Date.now() - 86_400_000);
		guild.members.set(botUser.id, { userId: botUser.id, roles: [botRole.id], nick: null, joinedAt });
		for (const member of init.members ?? []) {
			const user = findUser(member.user);
			const roles = (member.roles ?? []).map((name) => {
				const role = guild.roles.find((r) => r.name === name || r.id === name);
				if (!role) throw new Error(`fake discord: no role ${name} in ${guild.name}`);
				return role.id;
			});
			guild.members.set(user.id, { userId: user.id, roles, nick: member.nick ?? null, joinedAt });
		}
		if (owner && !guild.members.has(owner.id))
			guild.members.set(owner.id, { userId: owner.id, roles: [], nick: null, joinedAt });
		guilds.push(guild);
	}

	const findGuild = (ref: string): FakeGuild => {
		const guild = guilds.find((g) => g.id === ref || g.name === ref);
		if (!guild) throw new Error(`fake discord: no guild ${ref}`);
		return guild;
	};
	const findChannel = (guildRef: string, channelRef?: string): FakeChannel => {
		const guild = findGuild(guildRef);
		const channel = channelRef
			? guild.channels.find((c) => c.id === channelRef || c.name === channelRef)
			: guild.channels[0];
		if (!channel) throw new Error(`fake discord: no channel ${channelRef ?? '(first)'} in ${guild.name}`);
		return channel;
	};
	const dmChannelFor = (user: FakeUser): FakeChannel => {
		const existing = [...channels.values()].find((c) => c.type === 1 && c.recipientId === user.id);
		if (existing) return existing;
		const created: FakeChannel = { id: snowflake(), name: '', recipientId: user.id, type: 1 };
		channels.set(created.id, created);
		return created;
	};

	const permissionsOf = (guild: FakeGuild, userId: string): bigint => {
		if (guild.ownerId === userId) return ALL_PERMISSIONS;
		const member = guild.members.get(userId);
		let bits = guild.everyonePermissions;
		for (const roleId of member?.roles ?? [])
			bits |= guild.roles.find((r) => r.id === roleId)?.permissions ?? 0n;
		return bits & Permission.Administrator ? ALL_PERMISSIONS : bits;
	};

	// -- API object shapes ------------------------------------------------------------------

	const apiRole = (guild: FakeGuild, role: FakeRole | 'everyone') =>
		role === 'everyone'
			? {
					id: guild.id,
					name: '@everyone',
					color: 0,
					colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
					hoist: false,
					icon: null,
					unicode_emoji: null,
					position: 0,
					permissions: guild.everyonePermissions.toString(),
					managed: false,
					mentionable: false,
					flags: 0,
				}
			: {
					id: role.id,
					name: role.name,
					color: 0,
					colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
					hoist: false,
					icon: null,
					unicode_emoji: null,
					position: role.position,
					permissions: role.permissions.toString(),
					managed: role.managed,
					mentionable: false,
					flags: 0,
					...(role.botId ? { tags: { bot_id: role.botId } } : {}),
				};

	const apiChannel = (channel: FakeChannel, withGuildId = true): Json =>
		channel.type === 1
			? {
					id: channel.id,
					type: 1,
					last_message_id: null,
					flags: 0,
					recipients: [users.get(channel.recipientId!)],
				}
			: {
					id: channel.id,
					type: 0,
					...(withGuildId ? { guild_id: channel.guildId } : {}),
					name: channel.name,
					position: findGuild(channel.guildId!).channels.indexOf(channel),
					permission_overwrites: [],
					parent_id: null,
					topic: null,
					nsfw: false,
					last_message_id: null,
					rate_limit_per_user: 0,
					flags: 0,
				};

	const apiMember = (guild: FakeGuild, userId: string, withUser: boolean): Json => {
		const member = guild.members.get(userId) ?? {
			userId,
			roles: [],
			nick: null,
			joinedAt: timestamp(),
		};
		return {
			...(withUser ? { user: users.get(userId) } : {}),
			nick: member.nick,
			avatar: null,
			banner: null,
			roles: member.roles,
			joined_at: member.joinedAt,
			premium_since: null,
			deaf: false,
			mute: false,
			flags: 0,
			pending: false,
			communication_disabled_until: null,
		};
	};

	const apiGuild = (guild: FakeGuild, intents: number): Json => ({
		id: guild.id,
		name: guild.name,
		icon: null,
		splash: null,
		discovery_splash: null,
		owner_id: guild.ownerId,
		afk_channel_id: null,
		afk_timeout: 300,
		verification_level: 0,
		default_message_notifications: 0,
		explicit_content_filter: 0,
		roles: [apiRole(guild, 'everyone'), ...guild.roles.map((r) => apiRole(guild, r))],
		emojis: [],
		stickers: [],
		features: [],
		mfa_level: 0,
		application_id: null,
		system_channel_id: null,
		system_channel_flags: 0,
		rules_channel_id: null,
		max_members: 500_000,
		vanity_url_code: null,
		description: null,
		banner: null,
		premium_tier: 0,
		premium_subscription_count: 0,
		preferred_locale: 'en-US',
		public_updates_channel_id: null,
		nsfw_level: 0,
		premium_progress_bar_enabled: false,
		safety_alerts_channel_id: null,
		joined_at: guild.members.get(botUser.id)?.joinedAt,
		large: false,
		unavailable: false,
		member_count: guild.members.size,
		voice_states: [],
		// Without the privileged GUILD_MEMBERS intent only the bot's own member is sent.
		members: [...guild.members.keys()]
			.filter((id) => intents & Intent.GuildMembers || id === botUser.id)
			.map((id) => apiMember(guild, id, true)),
		channels: guild.channels.map((c) => apiChannel(c, false)),
		threads: [],
		presences: [],
		stage_instances: [],
		guild_scheduled_events: [],
		soundboard_sounds: [],
	});

	const application = (): Json => ({
		id: applicationId,
		name: botUser.username,
		icon: null,
		description: 'Answers questions from the knowledge base.',
		summary: '',
		type: null,
		bot_public: true,
		bot_require_code_grant: false,
		verify_key: randomBytes(32).toString('hex'),
		flags:
			(privileged.messageContent ? 1 << 18 : 0) |
			(privileged.guildMembers ? 1 << 14 : 0) |
			(privileged.presences ? 1 << 12 : 0),
		team: null,
		owner: { ...[...users.values()].find((u) => !u.bot), flags: 0 },
		bot: botUser,
		approximate_guild_count: guilds.length,
	});

	// -- state --------------------------------------------------------------------------------

	const requests: RecordedRequest[] = [];
	const gatewayLog: GatewayRecord[] = [];
	const sentBodies: SentBody[] = [];
	const unlockedBodies: string[] = [];
	const messages = new Map<string, Json>();
	const notifiedByMessage = new Map<string, Notified>();
	const interactions = new Map<string, StoredInteraction>();
	const sessions = new Map<string, Session>();
	const commands = { global: [] as Json[], guilds: new Map<string, Json[]>() };
	const requestWaiters = new Set<() => void>();
	const gatewayWaiters = new Set<() => void>();

	const notifyWaiters = (set: Set<() => void>) => {
		for (const waiter of [...set]) waiter();
	};

	function waitFor<T>(
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

	/**
	 * Checks a message body the bot sent, as Discord would (a 400 with the field errors), and that it
	 * locks mentions (see `requireLockedMentions`); every route that takes a message body calls this.
	 */
	function acceptMessageBody(route: string, body: unknown, requireContent: boolean): SentBody {
		const errors = validateMessageBody(body, { requireContent });
		if (errors.length > 0) throw invalidForm(errors);
		const unlocked = options.requireLockedMentions === false ? undefined : unlockedMentions(body);
		if (unlocked !== undefined) {
			unlockedBodies.push(`${route}: ${unlocked}`);
			throw new HttpError(400, { message: `fake discord: mentions not locked: ${unlocked}`, code: 0 });
		}
		return body as SentBody;
	}

	/** Who Discord would notify for a message the bot sends. */
	function computeNotified(body: SentBody, guild: FakeGuild | undefined, repliedTo?: Json): Notified {
		const content = body.content ?? '';
		const allowed = body.allowed_mentions;
		const parse = allowed ? (allowed.parse ?? []) : ['users', 'roles', 'everyone'];
		const userIds = [...content.matchAll(/<@!?(\d{17,20})>/g)].map((m) => m[1]!);
		const roleIds = [...content.matchAll(/<@&(\d{17,20})>/g)].map((m) => m[1]!);
		const everyone = /@(everyone|here)\b/.test(content) && parse.includes('everyone');
		const notifiedUsers = userIds.filter(
			(id) => parse.includes('users') || (allowed?.users ?? []).includes(id),
		);
		const repliedUser =
			repliedTo && isObject(repliedTo.author) && (allowed ? allowed.replied_user === true : true)
				? [String(repliedTo.author.id)]
				: [];
		const notifiedRoles = guild
			? roleIds.filter((id) => parse.includes('roles') || (allowed?.roles ?? []).includes(id))
			: [];
		return { everyone, users: [...new Set([...notifiedUsers, ...repliedUser])], roles: notifiedRoles };
	}

	function normalizeEmbeds(embeds: unknown): Json[] {
		return Array.isArray(embeds)
			? embeds.filter(isObject).map((e) => ({ type: 'rich', ...e, content_scan_version: 0 }))
			: [];
	}

	function normalizeComponents(components: unknown): Json[] {
		let next = 1;
		return Array.isArray(components)
			? components.filter(isObject).map((row) => ({
					...row,
					id: next++,
					components: Array.isArray(row.components)
						? row.components.filter(isObject).map((c) => ({ ...c, id: next++ }))
						: [],
				}))
			: [];
	}

	/** Creates a message authored by the bot, as Discord stores it. */
	function createBotMessage(channel: FakeChannel, body: SentBody, extra: Json = {}): Json {
		const reference = body.message_reference;
		const referenced = reference?.message_id ? messages.get(reference.message_id) : undefined;
		if (reference?.message_id && !referenced && reference.fail_if_not_exists !== false)
			throw invalidForm([
				{
					path: 'message_reference',
					code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE',
					message: 'Unknown message',
				},
			]);
		const guild = channel.guildId ? findGuild(channel.guildId) : undefined;
		const notified = computeNotified(body, guild, referenced);
		const message: Json = {
			id: snowflake(),
			type: referenced ? 19 : 0,
			channel_id: channel.id,
			author: botUser,
			content: body.content ?? '',
			timestamp: timestamp(),
			edited_timestamp: null,
			tts: false,
			mention_everyone: notified.everyone,
			mentions: notified.users.map((id) => users.get(id)).filter(Boolean),
			mention_roles: notified.roles,
			attachments: [],
			embeds: normalizeEmbeds(body.embeds),
			components: normalizeComponents(body.components),
			pinned: false,
			flags: body.flags ?? 0,
			...(referenced
				? {
						message_reference: {
							type: 0,
							channel_id: channel.id,
							message_id: referenced.id,
							...(guild ? { guild_id: guild.id } : {}),
						},
						referenced_message: referenced,
					}
				: {}),
			...extra,
		};
		messages.set(String(message.id), message);
		notifiedByMessage.set(String(message.id), notified);
		return message;
	}

	// -- gateway ------------------------------------------------------------------------------

	function send(
		socket: WebSocket,
		payload: { op: number; d: unknown; s?: number | null; t?: string | null },
		session?: Session,
	) {
		gatewayLog.push({
			direction: 'out',
			sessionId: session?.id,
			shard: session?.shard,
			op: payload.op,
			t: payload.t ?? null,
			d: payload.d,
			at: Date.now(),
			hr: performance.now(),
		});
		notifyWaiters(gatewayWaiters);
		socket.send(JSON.stringify({ s: null, t: null, ...payload }));
	}

	function dispatch(session: Session, t: string, data: unknown) {
		// Gateway message events carry the channel's type (discord.js needs it to build uncached DM channels).
		const channel =
			t === 'MESSAGE_CREATE' && isObject(data) ? channels.get(String(data.channel_id)) : undefined;
		const d = channel && isObject(data) ? { ...data, channel_type: channel.type } : data;
		const s = ++session.seq;
		session.events.push({ s, t, d });
		if (session.socket && session.socket.readyState === session.socket.OPEN)
			send(session.socket, { op: Op.Dispatch, s, t, d }, session);
	}

	/** Live sessions for a shard, newest first (a session survives a disconnect until resumed or invalidated). */
	function sessionsForShard(shard: number): Session[] {
		return [...sessions.values()].filter((s) => !s.closed && s.shard[0] === shard).reverse();
	}

	function shardFor(guildId: string | undefined): number {
		const live = [...sessions.values()].filter((s) => !s.closed);
		const count = live[0]?.shard[1] ?? 1;
		// DMs go to shard 0.
		return guildId ? shardOf(guildId, count) : 0;
	}

	/** Dispatches an event to the session owning the guild's shard, if its intents want it. */
	function dispatchTo(
		guildId: string | undefined,
		t: string,
		d: unknown,
		intent?: number,
		requireSession = false,
	): number {
		const shard = shardFor(guildId);
		const session = sessionsForShard(shard)[0];
		if (!session) {
			if (requireSession) throw new Error(`fake discord: no session on shard ${shard} to deliver ${t}`);
			return 0;
		}
		if (intent !== undefined && !(session.intents & intent)) return 0;
		dispatch(session, t, typeof d === 'function' ? (d as (s: Session) => unknown)(session) : d);
		return 1;
	}

	const wss = new WebSocketServer({ noServer: true });

	wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
		const url = new URL(request.url ?? '/', 'ws://127.0.0.1');
		if (url.searchParams.get('v') !== '10') {
			socket.close(4012, 'Invalid API version');
			return;
		}
		if (url.searchParams.get('encoding') !== 'json' || url.searchParams.has('compress')) {
			// Only JSON without transport compression is implemented.
			socket.close(4002, 'Decode error');
			return;
		}
		let session: Session | undefined;
		send(socket, {
			op: Op.Hello,
			d: { heartbeat_interval: heartbeatInterval, _trace: ['["fake-gateway",{}]'] },
		});

		socket.on('message', (raw: RawData) => {
			let payload: { op?: unknown; d?: unknown };
			try {
				const text = Array.isArray(raw)
					? Buffer.concat(raw).toString('utf8')
					: raw instanceof ArrayBuffer
						? Buffer.from(new Uint8Array(raw)).toString('utf8')
						: raw.toString('utf8');
				payload = JSON.parse(text) as { op?: unknown; d?: unknown };
			} catch {
				socket.close(4002, 'Decode error');
				return;
			}
			const d = payload.d;
			gatewayLog.push({
				direction: 'in',
				sessionId: session?.id,
				shard: session?.shard,
				op: Number(payload.op),
				d: isObject(d) && 'token' in d ? { ...d, token: '[redacted]' } : d,
				at: Date.now(),
				hr: performance.now(),
			});
			notifyWaiters(gatewayWaiters);
			switch (payload.op) {
				case Op.Heartbeat:
					send(socket, { op: Op.HeartbeatAck, d: null }, session);
					return;
				case Op.Identify: {
					if (session) {
						socket.close(4005, 'Already authenticated');
						return;
					}
					if (!isObject(d) || d.token !== token) {
						socket.close(4004, 'Authentication failed');
						return;
					}
					const intents = d.intents;
					if (typeof intents !== 'number' || intents < 0 || intents >= 1 << 26) {
						socket.close(4013, 'Invalid intent(s)');
						return;
					}
					if (
						(intents & Intent.MessageContent && !privileged.messageContent) ||
						(intents & Intent.GuildMembers && !privileged.guildMembers) ||
						(intents & Intent.GuildPresences && !privileged.presences)
					) {
						socket.close(4014, 'Disallowed intent(s)');
						return;
					}
					const shardField = d.shard ?? [0, 1];
					if (
						!Array.isArray(shardField) ||
						typeof shardField[0] !== 'number' ||
						typeof shardField[1] !== 'number' ||
						shardField[1] < 1 ||
						shardField[0] < 0 ||
						shardField[0] >= shardField[1]
					) {
						socket.close(4010, 'Invalid shard');
						return;
					}
					const shard: [number, number] = [shardField[0], shardField[1]];
					// A new IDENTIFY for the same shard replaces the old session.
					for (const old of sessionsForShard(shard[0])) old.closed = true;
					session = {
						id: randomBytes(16).toString('hex'),
						shard,
						intents,
						seq: 0,
						socket,
						events: [],
						closed: false,
					};
					sessions.set(session.id, session);
					const own = guilds.filter((g) => shardOf(g.id, shard[1]) === shard[0]);
					dispatch(session, 'READY', {
						v: 10,
						user: { ...botUser, verified: true, mfa_enabled: false, flags: 0, email: null },
						user_settings: {},
						private_channels: [],
						relationships: [],
						presences: [],
						guild_join_requests: [],
						geo_ordered_rtc_regions: ['local'],
						guilds: own.map((g) => ({ id: g.id, unavailable: true })),
						session_id: session.id,
						session_type: 'normal',
						resume_gateway_url: `ws://127.0.0.1:${port}/resume`,
						shard,
						application: { id: applicationId, flags: application().flags },
						auth: {},
						_trace: ['["fake-gateway",{}]'],
					});
					if (intents & Intent.Guilds)
						for (const guild of own) dispatch(session, 'GUILD_CREATE', apiGuild(guild, intents));
					return;
				}
				case Op.Resume: {
					const resumed = isObject(d) ? sessions.get(String(d.session_id)) : undefined;
					if (!isObject(d) || d.token !== token || !resumed || resumed.closed) {
						send(socket, { op: Op.InvalidSession, d: false });
						return;
					}
					if (
						resumed.socket &&
						resumed.socket !== socket &&
						resumed.socket.readyState === resumed.socket.OPEN
					)
						resumed.socket.terminate();
					session = resumed;
					session.socket = socket;
					const seq = typeof d.seq === 'number' ? d.seq : 0;
					for (const event of session.events.filter((e) => e.s > seq))
						send(socket, { op: Op.Dispatch, s: event.s, t: event.t, d: event.d }, session);
					dispatch(session, 'RESUMED', { _trace: ['["fake-gateway",{}]'] });
					return;
				}
				case Op.PresenceUpdate:
					if (!session) socket.close(4003, 'Not authenticated');
					return;
				default:
					if (!session) socket.close(4003, 'Not authenticated');
			}
		});

		socket.on('close', (code) => {
			// Closing with 1000/1001 ends the session; anything else (e.g. 4200) keeps it resumable.
			if (session && session.socket === socket) {
				session.socket = undefined;
				if (code === 1000 || code === 1001) session.closed = true;
			}
		});
	});

	// -- REST ---------------------------------------------------------------------------------

	const requireInteraction = (id: string, interactionToken: string): StoredInteraction => {
		const interaction = interactions.get(id);
		if (!interaction) throw unknown('interaction', 10062);
		if (interaction.token !== interactionToken)
			throw new HttpError(401, { message: 'Invalid Webhook Token', code: 50027 });
		return interaction;
	};

	const interactionByToken = (appId: string, interactionToken: string): StoredInteraction => {
		if (appId !== applicationId) throw unknown('Webhook', 10015);
		const interaction = [...interactions.values()].find((i) => i.token === interactionToken);
		if (!interaction) throw unknown('Webhook', 10015);
		if (!interaction.acknowledged) throw unknown('Message', 10008);
		return interaction;
	};

	const channelOfInteraction = (interaction: StoredInteraction): FakeChannel => {
		const channelId = String(interaction.payload.channel_id);
		const channel = channels.get(channelId);
		if (!channel) throw unknown('Channel', 10003);
		return channel;
	};

	const interactionMetadata = (interaction: StoredInteraction): Json => {
		const payload = interaction.payload;
		const user = isObject(payload.member) ? payload.member.user : payload.user;
		return {
			id: interaction.id,
			type: interaction.type,
			user,
			authorizing_integration_owners: payload.authorizing_integration_owners,
			...(isObject(payload.data) && typeof payload.data.name === 'string' ? { name: payload.data.name } : {}),
		};
	};

	/** What Discord stamps on a message the bot sends in answer to an interaction. */
	const interactionMessageFields = (interaction: StoredInteraction) => ({
		webhook_id: applicationId,
		application_id: applicationId,
		interaction_metadata: interactionMetadata(interaction),
	});
	/** A response's own message: type 20 (chat input command) for commands, 0 otherwise. */
	const responseMessageFields = (interaction: StoredInteraction) => ({
		type: interaction.type === InteractionType.ApplicationCommand ? 20 : 0,
		...interactionMessageFields(interaction),
	});

	const checkApp = (appId: string) => {
		if (appId !== applicationId) throw new HttpError(403, { message: 'Missing Access', code: 50001 });
	};

	const bulkOverwrite = (list: Json[], body: unknown, guildId?: string): Json[] => {
		const errors = validateCommands(body);
		if (errors.length > 0) throw invalidForm(errors);
		const next = (body as Json[]).map((command) => {
			const existing = list.find((c) => c.name === command.name && (c.type ?? 1) === (command.type ?? 1));
			return {
				id: existing?.id ?? snowflake(),
				application_id: applicationId,
				version: snowflake(),
				type: 1,
				default_member_permissions: null,
				dm_permission: true,
				nsfw: false,
				description_localizations: null,
				name_localizations: null,
				integration_types: [0],
				contexts: null,
				...(guildId ? { guild_id: guildId } : {}),
				...command,
			};
		});
		list.splice(0, list.length, ...next);
		return next;
	};

	const routes: Route[] = [
		routeOf('GET', 'GET /gateway', false, () => ({ url: `ws://127.0.0.1:${port}` })),
		routeOf('GET', 'GET /gateway/bot', true, () => ({
			url: `ws://127.0.0.1:${port}`,
			shards: recommendedShards,
			session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 16 },
		})),
		routeOf('GET', 'GET /users/@me', true, () => botUser),
		routeOf('GET', 'GET /applications/@me', true, application),
		routeOf('POST', 'POST /users/@me/channels', true, ({ body }) => {
			if (!isObject(body) || typeof body.recipient_id !== 'string')
				throw invalidForm([
					{ path: 'recipient_id', code: 'BASE_TYPE_REQUIRED', message: 'This field is required' },
				]);
			const user = users.get(body.recipient_id);
			if (!user) throw unknown('User', 10013);
			return apiChannel(dmChannelFor(user));
		}),
		routeOf('GET', 'GET /channels/:channelId', true, ({ params }) => {
			const channel = channels.get(params.channelId!);
			if (!channel) throw unknown('Channel', 10003);
			return apiChannel(channel);
		}),
		routeOf('POST', 'POST /channels/:channelId/messages', true, (ctx) => {
			const channel = channels.get(ctx.params.channelId!);
			if (!channel) throw unknown('Channel', 10003);
			const body = acceptMessageBody('POST /channels/:channelId/messages', ctx.body, true);
			sentBodies.push(body);
			const message = createBotMessage(channel, body);
			// Discord echoes the bot's own message over the gateway.
			if (channel.guildId)
				dispatchTo(
					channel.guildId,
					'MESSAGE_CREATE',
					{
						...message,
						guild_id: channel.guildId,
						member: apiMember(findGuild(channel.guildId), botUser.id, false),
					},
					Intent.GuildMessages,
				);
			else dispatchTo(undefined, 'MESSAGE_CREATE', message, Intent.DirectMessages);
			return message;
		}),
		routeOf('GET', 'GET /channels/:channelId/messages/:messageId', true, ({ params }) => {
			const message = messages.get(params.messageId!);
			if (!message || message.channel_id !== params.channelId) throw unknown('Message', 10008);
			return message;
		}),
		routeOf('PUT', 'PUT /channels/:channelId/messages/:messageId/reactions/:emoji/@me', true, (ctx) => {
			const message = messages.get(ctx.params.messageId!);
			if (!message || message.channel_id !== ctx.params.channelId) throw unknown('Message', 10008);
			const emoji = ctx.params.emoji!;
			if (
				!/^(\p{Extended_Pictographic}|\p{Emoji_Presentation})/u.test(emoji) &&
				!/^\w+:\d{17,20}$/.test(emoji)
			)
				throw new HttpError(400, { message: 'Unknown Emoji', code: 10014 });
			const reactions = (message.reactions ??= []) as Json[];
			reactions.push({ emoji: { id: null, name: emoji }, count: 1, me: true });
			ctx.status = 204;
			return undefined;
		}),
		routeOf('DELETE', 'DELETE /channels/:channelId/messages/:messageId/reactions/:emoji/@me', true, (ctx) => {
			ctx.status = 204;
			return undefined;
		}),
		routeOf('POST', 'POST /interactions/:interactionId/:interactionToken/callback', false, (ctx) => {
			const interaction = requireInteraction(ctx.params.interactionId!, ctx.params.interactionToken!);
			if (interaction.acknowledged)
				throw new HttpError(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
			if (Date.now() - interaction.createdAt > interactionTimeout) throw unknown('interaction', 10062);
			const body = ctx.body;
			if (!isObject(body) || typeof body.type !== 'number')
				throw invalidForm([{ path: 'type', code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }]);
			const type = body.type;
			const data = isObject(body.data) ? (body.data as SentBody) : undefined;
			const isAutocomplete = interaction.type === InteractionType.Autocomplete;
			if (isAutocomplete !== (type === CallbackType.ApplicationCommandAutocompleteResult))
				throw new HttpError(400, { message: 'Interaction response type is invalid', code: 50035 });
			if (
				(type === CallbackType.DeferredUpdateMessage || type === CallbackType.UpdateMessage) &&
				interaction.type !== InteractionType.MessageComponent
			)
				throw new HttpError(400, { message: 'Interaction response type is invalid', code: 50035 });
			let message: Json | undefined;
			const channel = channelOfInteraction(interaction);
			switch (type) {
				case CallbackType.ApplicationCommandAutocompleteResult: {
					const errors = validateAutocompleteChoices(data);
					if (errors.length > 0) throw invalidForm(errors);
					break;
				}
				case CallbackType.ChannelMessageWithSource: {
					sentBodies.push(acceptMessageBody('interaction callback (message)', data, true));
					message = createBotMessage(channel, data!, responseMessageFields(interaction));
					interaction.originalMessageId = String(message.id);
					break;
				}
				case CallbackType.DeferredChannelMessageWithSource: {
					message = createBotMessage(
						channel,
						{ content: '', flags: ((data?.flags ?? 0) & EPHEMERAL) | (1 << 7) },
						responseMessageFields(interaction),
					);
					interaction.originalMessageId = String(message.id);
					break;
				}
				case CallbackType.UpdateMessage: {
					sentBodies.push(acceptMessageBody('interaction callback (update)', data, false));
					const target = messages.get(interaction.originalMessageId!);
					if (target) Object.assign(target, data, { edited_timestamp: timestamp() });
					break;
				}
				case CallbackType.DeferredUpdateMessage:
					break;
				default:
					throw new HttpError(400, { message: 'Interaction response type is invalid', code: 50035 });
			}
			interaction.acknowledged = { type, at: Date.now(), flags: Number(data?.flags ?? 0) };
			if (message && !(Number(message.flags) & EPHEMERAL)) {
				const guildId = channel.guildId;
				dispatchTo(
					guildId,
					'MESSAGE_CREATE',
					guildId ? { ...message, guild_id: guildId } : message,
					guildId ? Intent.GuildMessages : Intent.DirectMessages,
				);
			}
			if (ctx.query.get('with_response') === 'true')
				return {
					interaction: {
						id: interaction.id,
						type: interaction.type,
						activity_instance_id: null,
						response_message_id: message?.id ?? null,
						response_message_loading: type === CallbackType.DeferredChannelMessageWithSource,
						response_message_ephemeral: Boolean(Number(message?.flags ?? 0) & EPHEMERAL),
					},
					resource: { type, ...(message ? { message } : {}) },
				};
			ctx.status = 204;
			return undefined;
		}),
		routeOf('GET', 'GET /webhooks/:appId/:interactionToken/messages/:messageId', false, ({ params }) => {
			const interaction = interactionByToken(params.appId!, params.interactionToken!);
			const id = params.messageId === '@original' ? interaction.originalMessageId : params.messageId;
			const message = id ? messages.get(id) : undefined;
			if (!message) throw unknown('Message', 10008);
			return message;
		}),
		routeOf(
			'PATCH',
			'PATCH /webhooks/:appId/:interactionToken/messages/:messageId',
			false,
			({ params, body }) => {
				const interaction = interactionByToken(params.appId!, params.interactionToken!);
				const id = params.messageId === '@original' ? interaction.originalMessageId : params.messageId;
				const message = id ? messages.get(id) : undefined;
				if (!message) throw unknown('Message', 10008);
				const edit = acceptMessageBody(
					'PATCH /webhooks/:appId/:interactionToken/messages/:messageId',
					body,
					false,
				);
				sentBodies.push(edit);
				if (edit.content !== undefined) message.content = edit.content;
				if (edit.embeds !== undefined) message.embeds = normalizeEmbeds(edit.embeds);
				if (edit.components !== undefined) message.components = normalizeComponents(edit.components);
				message.flags = Number(message.flags) & ~(1 << 7);
				message.edited_timestamp = timestamp();
				const channel = channels.get(String(message.channel_id));
				notifiedByMessage.set(
					String(message.id),
					computeNotified(edit, channel?.guildId ? findGuild(channel.guildId) : undefined),
				);
				return message;
			},
		),
		routeOf('DELETE', 'DELETE /webhooks/:appId/:interactionToken/messages/:messageId', false, (ctx) => {
			const interaction = interactionByToken(ctx.params.appId!, ctx.params.interactionToken!);
			const id = ctx.params.messageId === '@original' ? interaction.originalMessageId : ctx.params.messageId;
			if (!id || !messages.delete(id)) throw unknown('Message', 10008);
			ctx.status = 204;
			return undefined;
		}),
		routeOf('POST', 'POST /webhooks/:appId/:interactionToken', false, ({ params, body }) => {
			const interaction = interactionByToken(params.appId!, params.interactionToken!);
			sentBodies.push(acceptMessageBody('POST /webhooks/:appId/:interactionToken', body, true));
			const message = createBotMessage(
				channelOfInteraction(interaction),
				body as SentBody,
				interactionMessageFields(interaction),
			);
			interaction.followups.push(String(message.id));
			return message;
		}),
		routeOf('GET', 'GET /applications/:appId/commands', true, ({ params }) => {
			checkApp(params.appId!);
			return commands.global;
		}),
		routeOf('PUT', 'PUT /applications/:appId/commands', true, ({ params, body }) => {
			checkApp(params.appId!);
			return bulkOverwrite(commands.global, body);
		}),
		routeOf('GET', 'GET /applications/:appId/guilds/:guildId/commands', true, ({ params }) => {
			checkApp(params.appId!);
			findGuild(params.guildId!);
			return commands.guilds.get(params.guildId!) ?? [];
		}),
		routeOf('PUT', 'PUT /applications/:appId/guilds/:guildId/commands', true, ({ params, body }) => {
			checkApp(params.appId!);
			if (!guilds.some((g) => g.id === params.guildId))
				throw new HttpError(403, { message: 'Missing Access', code: 50001 });
			const list = commands.guilds.get(params.guildId!) ?? [];
			commands.guilds.set(params.guildId!, list);
			return bulkOverwrite(list, body, params.guildId);
		}),
	];

	async function readBody(request: IncomingMessage): Promise<unknown> {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const raw = Buffer.concat(chunks).toString('utf8');
		if (raw.length === 0) return undefined;
		const type = request.headers['content-type'] ?? '';
		if (type.startsWith('application/json')) return JSON.parse(raw) as unknown;
		if (type.startsWith('multipart/form-data')) {
			const match = /name="payload_json"[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/.exec(raw);
			return match ? (JSON.parse(match[1]!) as unknown) : raw;
		}
		return raw;
	}

	async function handle(request: IncomingMessage, response: ServerResponse) {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const method = request.method ?? 'GET';
		const prefix = '/api/v10';
		const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
		const record: RecordedRequest = {
			method,
			path,
			route: 'unknown',
			params: {},
			query: Object.fromEntries(url.searchParams),
			headers: {
				authorization: request.headers.authorization ? '[redacted]' : undefined,
				'content-type': request.headers['content-type'],
				'user-agent': request.headers['user-agent'],
				'x-audit-log-reason': request.headers['x-audit-log-reason'] as string | undefined,
			},
			body: undefined,
			status: 404,
			response: undefined,
			at: Date.now(),
			hr: performance.now(),
		};
		let status = 404;
		let payload: unknown = { message: '404: Not Found', code: 0 };
		try {
			record.body = await readBody(request);
			if (options.restDelayMs) await new Promise((resolve) => setTimeout(resolve, options.restDelayMs));
			const route = url.pathname.startsWith(prefix)
				? routes.find((r) => r.method === method && r.pattern.test(path))
				: undefined;
			if (route) {
				record.route = route.name;
				const params = Object.fromEntries(
					Object.entries(route.pattern.exec(path)?.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
				);
				record.params = params;
				if (route.auth && request.headers.authorization !== `Bot ${token}`)
					throw new HttpError(401, { message: '401: Unauthorized', code: 0 });
				const ctx: RouteContext = { params, query: url.searchParams, body: record.body, status: 200 };
				payload = route.handle(ctx);
				status = ctx.status;
			}
		} catch (error) {
			if (error instanceof HttpError) {
				status = error.status;
				payload = error.body;
			} else {
				status = 500;
				payload = { message: String(error), code: 0 };
			}
		}
		record.status = status;
		record.response = payload;
		requests.push(record);
		notifyWaiters(requestWaiters);
		if (status === 204 || payload === undefined) {
			response.writeHead(status === 200 ? 204 : status).end();
			return;
		}
		const text = JSON.stringify(payload);
		response
			.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
			.end(text);
	}

	const server: Server = createServer((request, response) => {
		handle(request, response).catch((error: unknown) => {
			response.writeHead(500).end(String(error));
		});
	});
	server.on('upgrade', (request, socket, head) => {
		wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;

	// -- events from users --------------------------------------------------------------------

	function baseInteraction(type: number, init: InteractionUser): StoredInteraction {
		const user = findUser(init.user);
		const id = snowflake();
		const interactionToken = Buffer.from(
			`interaction:${id}:${randomBytes(48).toString('base64url')}`,
		).toString('base64url');
		let payload: Json;
		if (init.guild) {
			const guild = findGuild(init.guild);
			const channel = findChannel(guild.id, init.channel);
			const memberPermissions = init.permissions ?? permissionsOf(guild, user.id);
			payload = {
				guild_id: guild.id,
				guild: { id: guild.id, locale: 'en-US', features: [] },
				guild_locale: 'en-US',
				channel_id: channel.id,
				channel: { ...apiChannel(channel), permissions: memberPermissions.toString() },
				member: { ...apiMember(guild, user.id, true), permissions: memberPermissions.toString() },
				app_permissions: permissionsOf(guild, botUser.id).toString(),
				authorizing_integration_owners: { '0': guild.id },
				context: 0,
			};
		} else {
			const channel = dmChannelFor(user);
			payload = {
				channel_id: channel.id,
				channel: apiChannel(channel),
				user,
				app_permissions: (DEFAULT_MEMBER_PERMISSIONS & ~Permission.UseApplicationCommands).toString(),
				authorizing_integration_owners: { '0': '0' },
				context: 1,
			};
		}
		const stored: StoredInteraction = {
			id,
			token: interactionToken,
			type,
			createdAt: Date.now(),
			payload: {
				id,
				application_id: applicationId,
				type,
				token: interactionToken,
				version: 1,
				locale: init.locale ?? 'en-US',
				entitlements: [],
				attachment_size_limit: 10_485_760,
				...payload,
			},
			followups: [],
		};
		interactions.set(id, stored);
		return stored;
	}

	function registeredCommand(name: string, guildId: string | undefined): Json {
		const found =
			(guildId ? commands.guilds.get(guildId)?.find((c) => c.name === name) : undefined) ??
			commands.global.find((c) => c.name === name);
		if (!found)
			throw new Error(`fake discord: command /${name} is not registered (deploy the commands first)`);
		if (!guildId && found.dm_permission === false)
			throw new Error(`fake discord: /${name} is not available in DMs (dm_permission: false)`);
		if (!guildId && Array.isArray(found.contexts) && !found.contexts.includes(1))
			throw new Error(`fake discord: /${name} is not available in DMs (contexts)`);
		return found;
	}

	function commandOptions(
		command: Json,
		values: Record<string, string | number | boolean>,
		focused?: string,
	): Json[] {
		const defined = Array.isArray(command.options) ? command.options.filter(isObject) : [];
		const options: Json[] = [];
		for (const [name, value] of Object.entries(values)) {
			const definition = defined.find((o) => o.name === name);
			if (!definition) throw new Error(`fake discord: /${String(command.name)} has no option ${name}`);
			const type = Number(definition.type);
			if (focused !== name) {
				const ok =
					(type === 3 && typeof value === 'string') ||
					((type === 4 || type === 10) && typeof value === 'number') ||
					(type === 5 && typeof value === 'boolean') ||
					([6, 7, 8, 9].includes(type) && typeof value === 'string');
				if (!ok) throw new Error(`fake discord: option ${name} of /${String(command.name)} has type ${type}`);
			}
			options.push({ name, type, value, ...(focused === name ? { focused: true } : {}) });
		}
		if (!focused)
			for (const definition of defined)
				if (definition.required === true && !(String(definition.name) in values))
					throw new Error(
						`fake discord: /${String(command.name)} requires option ${String(definition.name)}`,
					);
		return options;
	}

	function handleFor(stored: StoredInteraction): InteractionHandle {
		const isCallback = (r: RecordedRequest) =>
			r.route === 'POST /interactions/:interactionId/:interactionToken/callback' &&
			r.params.interactionId === stored.id;
		const isOriginalEdit = (r: RecordedRequest) =>
			r.route === 'PATCH /webhooks/:appId/:interactionToken/messages/:messageId' &&
			r.params.interactionToken === stored.token &&
			r.params.messageId === '@original';
		const handle: InteractionHandle = {
			id: stored.id,
			token: stored.token,
			payload: stored.payload,
			callback: async (timeoutMs = 5_000) =>
				(await api.waitForRequest(isCallback, timeoutMs)) as RecordedRequest & {
					body: { type: number; data?: SentBody };
				},
			reply: async (timeoutMs = 5_000) => {
				const callback = await handle.callback(timeoutMs);
				if (callback.status >= 400)
					throw new Error(
						`fake discord: callback rejected ${callback.status} ${JSON.stringify(callback.response)}`,
					);
				const { type, data } = callback.body;
				const ephemeralFlag = Boolean((data?.flags ?? 0) & EPHEMERAL);
				if (type === CallbackType.ChannelMessageWithSource || type === CallbackType.UpdateMessage) {
					const original = stored.originalMessageId ? messages.get(stored.originalMessageId) : undefined;
					return {
						...data,
						ephemeral:
							type === CallbackType.UpdateMessage
								? Boolean(Number(original?.flags ?? 0) & EPHEMERAL)
								: ephemeralFlag,
						via: type === CallbackType.UpdateMessage ? 'update' : 'reply',
					};
				}
				if (
					type === CallbackType.DeferredChannelMessageWithSource ||
					type === CallbackType.DeferredUpdateMessage
				) {
					const edit = (await api.waitForRequest(isOriginalEdit, timeoutMs)) as RecordedRequest & {
						body: SentBody;
					};
					if (edit.status >= 400)
						throw new Error(`fake discord: edit rejected ${edit.status} ${JSON.stringify(edit.response)}`);
					return {
						...edit.body,
						ephemeral: ephemeralFlag,
						via:
							type === CallbackType.DeferredChannelMessageWithSource
								? 'deferred-edit'
								: 'deferred-update-edit',
					};
				}
				throw new Error(`fake discord: interaction answered with callback type ${type}`);
			},
			choices: async (timeoutMs = 5_000) => {
				const callback = await handle.callback(timeoutMs);
				if (callback.status >= 400)
					throw new Error(
						`fake discord: autocomplete rejected ${callback.status} ${JSON.stringify(callback.response)}`,
					);
				const data = callback.body.data as
					{ choices?: { name: string; value: string | number }[] } | undefined;
				return data?.choices ?? [];
			},
			followup: async (timeoutMs = 5_000) =>
				(await api.waitForRequest(
					(r) =>
						r.route === 'POST /webhooks/:appId/:interactionToken' &&
						r.params.interactionToken === stored.token,
					timeoutMs,
				)) as RecordedRequest & { body: SentBody },
		};
		return handle;
	}

	const deliverInteraction = (stored: StoredInteraction) => {
		const guildId = typeof stored.payload.guild_id === 'string' ? stored.payload.guild_id : undefined;
		stored.createdAt = Date.now();
		dispatchTo(guildId, 'INTERACTION_CREATE', stored.payload, undefined, true);
	};

	const api: FakeDiscord = {
		token,
		applicationId,
		botUser,
		restUrl: `http://127.0.0.1:${port}/api`,
		gatewayUrl: `ws://127.0.0.1:${port}`,
		requests,
		gateway: gatewayLog,
		get unknownRequests() {
			return requests.filter((r) => r.route === 'unknown');
		},
		get failedRequests() {
			return requests.filter((r) => r.route !== 'unknown' && r.status >= 400);
		},
		sentBodies,
		unlockedBodies,
		commands,
		get sessions() {
			return [...sessions.values()]
				.filter((s) => !s.closed)
				.map((s) => ({ id: s.id, shard: s.shard, intents: s.intents, connected: Boolean(s.socket) }));
		},
		user: findUser,
		guild: findGuild,
		channel: findChannel,
		role: (guildRef, name) => {
			const role = findGuild(guildRef).roles.find((r) => r.name === name || r.id === name);
			if (!role) throw new Error(`fake discord: no role ${name}`);
			return role;
		},
		message: (id) => messages.get(id) as FakeMessage | undefined,
		notified: (id) => notifiedByMessage.get(id),

		sendMessage(init) {
			const author = findUser(init.author);
			const channel = init.dm ? dmChannelFor(author) : findChannel(init.guild ?? guilds[0]!.id, init.channel);
			const guild = channel.guildId ? findGuild(channel.guildId) : undefined;
			const mentionIds = [...init.content.matchAll(/<@!?(\d{17,20})>/g)].map((m) => m[1]!);
			const mentioned = [...new Set(mentionIds)].map((id) => users.get(id)).filter((u): u is FakeUser => !!u);
			const referenced = init.referencedMessageId ? messages.get(init.referencedMessageId) : undefined;
			const message: Json = {
				id: snowflake(),
				type: referenced ? 19 : 0,
				channel_id: channel.id,
				author,
				content: init.content,
				timestamp: timestamp(),
				edited_timestamp: null,
				tts: false,
				mention_everyone:
					/@(everyone|here)\b/.test(init.content) &&
					guild !== undefined &&
					(permissionsOf(guild, author.id) & Permission.MentionEveryone) !== 0n,
				mentions: mentioned.map((u) => (guild ? { ...u, member: apiMember(guild, u.id, false) } : u)),
				mention_roles: guild
					? [...init.content.matchAll(/<@&(\d{17,20})>/g)]
							.map((m) => m[1]!)
							.filter((id) => guild.roles.some((r) => r.id === id))
					: [],
				attachments: [],
				embeds: [],
				components: [],
				pinned: false,
				flags: 0,
				nonce: snowflake(),
				...(referenced
					? {
							message_reference: {
								type: 0,
								channel_id: channel.id,
								message_id: referenced.id,
								guild_id: guild?.id,
							},
							referenced_message: referenced,
						}
					: {}),
			};
			messages.set(String(message.id), message);
			let delivered: number;
			if (guild) {
				delivered = dispatchTo(
					guild.id,
					'MESSAGE_CREATE',
					(session: Session) => {
						// Without MESSAGE_CONTENT, content is stripped unless the bot is mentioned (or wrote it).
						const botMentioned = mentioned.some((u) => u.id === botUser.id);
						const strip =
							!(session.intents & Intent.MessageContent) && !botMentioned && author.id !== botUser.id;
						return {
							...message,
							guild_id: guild.id,
							member: apiMember(guild, author.id, false),
							...(strip ? { content: '', embeds: [], attachments: [], components: [] } : {}),
						};
					},
					Intent.GuildMessages,
				);
			} else {
				delivered = dispatchTo(undefined, 'MESSAGE_CREATE', message, Intent.DirectMessages);
			}
			const isReply = (r: RecordedRequest) =>
				r.route === 'POST /channels/:channelId/messages' &&
				r.params.channelId === channel.id &&
				isObject(r.body) &&
				isObject(r.body.message_reference) &&
				r.body.message_reference.message_id === message.id;
			return {
				message: message as FakeMessage,
				delivered,
				reply: async (timeoutMs = 5_000) =>
					(await api.waitForRequest(isReply, timeoutMs)) as RecordedRequest & { body: SentBody },
				reaction: async (timeoutMs = 5_000) => {
					const request = await api.waitForRequest(
						(r) =>
							r.route === 'PUT /channels/:channelId/messages/:messageId/reactions/:emoji/@me' &&
							r.params.messageId === message.id,
						timeoutMs,
					);
					return { ...request, emoji: request.params.emoji! };
				},
			};
		},

		sendCommand(init) {
			const guildId = init.guild ? findGuild(init.guild).id : undefined;
			const command = registeredCommand(init.name, guildId);
			const stored = baseInteraction(InteractionType.ApplicationCommand, init);
			stored.payload.data = {
				id: command.id,
				name: command.name,
				type: 1,
				...(guildId && command.guild_id ? { guild_id: guildId } : {}),
				...(init.options && Object.keys(init.options).length > 0
					? { options: commandOptions(command, init.options) }
					: {}),
			};
			deliverInteraction(stored);
			return handleFor(stored);
		},

		sendAutocomplete(init) {
			const guildId = init.guild ? findGuild(init.guild).id : undefined;
			const command = registeredCommand(init.name, guildId);
			const definition = (Array.isArray(command.options) ? command.options.filter(isObject) : []).find(
				(o) => o.name === init.focused,
			);
			if (definition?.autocomplete !== true)
				throw new Error(`fake discord: option ${init.focused} of /${init.name} has no autocomplete`);
			const stored = baseInteraction(InteractionType.Autocomplete, init);
			stored.payload.data = {
				id: command.id,
				name: command.name,
				type: 1,
				options: commandOptions(command, { [init.focused]: '', ...init.options }, init.focused),
			};
			deliverInteraction(stored);
			return handleFor(stored);
		},

		clickButton(init) {
			const message = messages.get(init.messageId);
			if (!message) throw new Error(`fake discord: no message ${init.messageId}`);
			if (Number(message.flags) & EPHEMERAL) {
				// Ephemeral messages can only be seen (and clicked) by the user they were for.
				const meta = message.interaction_metadata;
				const owner = isObject(meta) && isObject(meta.user) ? meta.user.id : undefined;
				if (owner !== findUser(init.user).id)
					throw new Error('fake discord: cannot click another user’s ephemeral message');
			}
			const rows = Array.isArray(message.components) ? message.components.filter(isObject) : [];
			const button = rows
				.flatMap((row) => (Array.isArray(row.components) ? row.components.filter(isObject) : []))
				.find((c) => c.custom_id === init.customId);
			if (!button) throw new Error(`fake discord: message has no button ${init.customId}`);
			if (button.disabled === true) throw new Error(`fake discord: button ${init.customId} is disabled`);
			const channel = channels.get(String(message.channel_id))!;
			const stored = baseInteraction(InteractionType.MessageComponent, {
				...init,
				guild: channel.guildId,
				channel: channel.guildId ? channel.id : undefined,
			});
			stored.payload.data = { custom_id: init.customId, component_type: 2 };
			stored.payload.message = channel.guildId ? { ...message } : message;
			stored.originalMessageId = init.messageId;
			deliverInteraction(stored);
			return handleFor(stored);
		},

		waitForRequest: (predicate, timeoutMs = 5_000) =>
			waitFor(requests, requestWaiters, predicate, timeoutMs, 'a matching request'),
		waitForGateway: (predicate, timeoutMs = 5_000) =>
			waitFor(gatewayLog, gatewayWaiters, predicate, timeoutMs, 'a matching gateway payload'),

		async waitForShards(count = recommendedShards, timeoutMs = 10_000) {
			const ready = () => {
				const live = [...sessions.values()].filter((s) => !s.closed && s.socket);
				return new Set(live.map((s) => s.shard[0])).size >= count;
			};
			if (ready()) return;
			await waitFor(gatewayLog, gatewayWaiters, () => ready(), timeoutMs, `${count} shard(s)`);
		},

		requestReconnect(shard) {
			const session = sessionsForShard(shard)[0];
			if (!session?.socket) throw new Error(`fake discord: shard ${shard} is not connected`);
			send(session.socket, { op: Op.Reconnect, d: null }, session);
		},

		clearHistory() {
			requests.length = 0;
			gatewayLog.length = 0;
			sentBodies.length = 0;
			messages.clear();
			notifiedByMessage.clear();
			interactions.clear();
			for (const session of sessions.values()) session.events.length = 0;
			for (const [id, session] of sessions) if (session.closed) sessions.delete(id);
		},

		async close() {
			for (const client of wss.clients) client.terminate();
			wss.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			if (unlockedBodies.length > 0)
				throw new Error(
					`fake discord: the bot sent bodies that do not lock mentions:\n${unlockedBodies.join('\n')}`,
				);
		},
	};
	return api;
}
