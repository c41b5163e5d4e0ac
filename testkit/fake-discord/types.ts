/**
 * The stand-in's public shapes: how a test describes the community it hosts, what it records, and
 * the handles a test drives it with (`FakeDiscord`).
 */
import type { ChannelType } from './wire.js';

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
	/** A text channel (default), or a forum: each question a post (a thread) in it. */
	type?: 'text' | 'forum';
	/** A forum's tags (`available_tags`), by name. */
	tags?: string[];
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
	/** Permissions of the bot's managed role (what it was invited with); defaults to the usual member set. */
	botPermissions?: bigint;
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
	/** IDENTIFY is answered (READY) only once this settles: a bot caught in the middle of connecting. */
	holdIdentify?: Promise<unknown>;
	/**
	 * Refuse (400) every message body with content or embeds that does not lock mentions, and fail
	 * `close()` if there was one; default true, so every test checks it. A ping the bot names (a listed
	 * user, `replied_user`) is allowed. See `unlockedMentions`.
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

export interface ForumTag {
	id: string;
	name: string;
}

export interface FakeChannel {
	id: string;
	name: string;
	guildId?: string;
	/** For DM channels. */
	recipientId?: string;
	/** One of the channel types the stand-in serves (wire.ts' `ChannelType`). */
	type: (typeof ChannelType)[keyof typeof ChannelType];
	/** A forum's tags. */
	availableTags?: ForumTag[];
	/** A thread's: the channel it is in, who started it, the forum tags applied to it. */
	parentId?: string;
	ownerId?: string;
	appliedTags?: string[];
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

export interface ForumPostInit {
	/** Username or user of the author. */
	author: string | FakeUser;
	/** Guild name or id (defaults to the first guild). */
	guild?: string;
	/** The forum channel, by name or id. */
	channel: string;
	title: string;
	/** The post's first message. */
	content: string;
	/** Tag names to apply when posting. */
	tags?: string[];
	/**
	 * Whether THREAD_CREATE carries the starter message (default true); without it the bot learns
	 * the post's text from the starter's MESSAGE_CREATE or by fetching it.
	 */
	withStarterMessage?: boolean;
}

export interface SentForumPost {
	/** The post: a thread in the forum, whose starter message has the thread's id. */
	thread: FakeChannel;
	message: FakeMessage;
	/** How many shard sessions THREAD_CREATE was dispatched to. */
	delivered: number;
	/** The bot's next message posted in the thread. */
	botMessage(timeoutMs?: number): Promise<RecordedRequest & { body: SentBody }>;
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

export interface SendMessageCommandInit extends InteractionUser {
	/** The registered message command's name, e.g. `Answer from FAQ`. */
	name: string;
	/** The message it is used on (right-click → Apps); the interaction's channel is that message's. */
	targetMessageId: string;
}

export interface ClickButtonInit extends InteractionUser {
	/** The message carrying the button. */
	messageId: string;
	customId: string;
}

export interface ChooseOptionInit extends InteractionUser {
	/** The message carrying the select menu. */
	messageId: string;
	customId: string;
	values: readonly string[];
}

export interface InteractionHandle {
	id: string;
	token: string;
	payload: Json;
	/** The interaction callback (`POST /interactions/:id/:token/callback`). */
	callback(timeoutMs?: number): Promise<RecordedRequest & { body: { type: number; data?: SentBody } }>;
	/** What the user is shown in response: the reply, or the edit that fills a deferred reply. */
	reply(timeoutMs?: number): Promise<ShownReply>;
	/** The id of the message the response created (after the callback), to click its components. */
	messageId(timeoutMs?: number): Promise<string>;
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
	/** A new forum post: the thread and its starter message, THREAD_CREATE then MESSAGE_CREATE. */
	createForumPost(init: ForumPostInit): SentForumPost;
	sendCommand(init: SendCommandInit): InteractionHandle;
	/** A message context-menu command used on a message. */
	sendMessageCommand(init: SendMessageCommandInit): InteractionHandle;
	sendAutocomplete(init: SendAutocompleteInit): InteractionHandle;
	clickButton(init: ClickButtonInit): InteractionHandle;
	chooseOption(init: ChooseOptionInit): InteractionHandle;
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
