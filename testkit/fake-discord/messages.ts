/**
 * Messages: the checks Discord makes on a body the bot sends, the message it stores from it and
 * who that message notifies, and messages users send (with MESSAGE_CREATE to the bot's shard).
 */
import type {
	APIEmbed,
	APIMessageReference,
	APIMessageTopLevelComponent,
	MessageFlags,
} from 'discord-api-types/v10';
import { HttpError, invalidForm } from './errors.js';
import { dispatchTo } from './gateway.js';
import { isObject, timestamp } from './json.js';
import { apiMember, type StoredMessage } from './serialise.js';
import { snowflake } from './snowflake.js';
import {
	dmChannelFor,
	findChannel,
	findGuild,
	findUser,
	permissionsOf,
	type Session,
	type StandIn,
} from './state.js';
import type { FakeChannel, FakeGuild, FakeUser, Json, Notified, SendMessageInit, SentBody } from './types.js';
import { unlockedMentions, validateMessageBody } from './validation.js';
import { Intent, LOADING, MessageType, Permission } from './wire.js';

const USER_MENTION = /<@!?(\d{17,20})>/g;
const ROLE_MENTION = /<@&(\d{17,20})>/g;
const EVERYONE = /@(everyone|here)\b/;

/**
 * Checks a message body the bot sent, as Discord would (a 400 with the field errors), and that it
 * locks mentions (see `requireLockedMentions`); every route that takes a message body calls this.
 */
export function acceptMessageBody(
	state: StandIn,
	route: string,
	body: unknown,
	requireContent: boolean,
): SentBody {
	const errors = validateMessageBody(body, { requireContent });
	if (errors.length > 0) throw invalidForm(errors);
	const unlocked = state.options.requireLockedMentions === false ? undefined : unlockedMentions(body);
	if (unlocked !== undefined) {
		state.unlockedBodies.push(`${route}: ${unlocked}`);
		throw new HttpError(400, { message: `fake discord: mentions not locked: ${unlocked}`, code: 0 });
	}
	return body as SentBody;
}

/** Who Discord would notify for a message the bot sends. */
export function computeNotified(body: SentBody, guild: FakeGuild | undefined, repliedTo?: Json): Notified {
	const content = body.content ?? '';
	const allowed = body.allowed_mentions;
	const parse = allowed ? (allowed.parse ?? []) : ['users', 'roles', 'everyone'];
	const userIds = [...content.matchAll(USER_MENTION)].map((m) => m[1]!);
	const roleIds = [...content.matchAll(ROLE_MENTION)].map((m) => m[1]!);
	const everyone = EVERYONE.test(content) && parse.includes('everyone');
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

/** Embeds as Discord stores them (validated before: `acceptMessageBody`). */
export function normalizeEmbeds(embeds: unknown): APIEmbed[] {
	return Array.isArray(embeds)
		? embeds.filter(isObject).map((e) => ({ type: 'rich', ...e, content_scan_version: 0 }) as APIEmbed)
		: [];
}

/** Components as Discord stores them: each row and component numbered (`id`). */
export function normalizeComponents(components: unknown): APIMessageTopLevelComponent[] {
	let next = 1;
	return Array.isArray(components)
		? components.filter(isObject).map(
				(row) =>
					({
						...row,
						id: next++,
						components: Array.isArray(row.components)
							? row.components.filter(isObject).map((c) => ({ ...c, id: next++ }))
							: [],
					}) as unknown as APIMessageTopLevelComponent,
			)
		: [];
}

/** What every message has: who wrote what where and when, and what it replies to (as Discord fills that in). */
function messageBase(
	channel: FakeChannel,
	author: FakeUser,
	content: string,
	referenced: StoredMessage | undefined,
	guildId: string | undefined,
) {
	const reference: APIMessageReference | undefined = referenced && {
		type: 0,
		channel_id: channel.id,
		message_id: referenced.id,
		...(guildId ? { guild_id: guildId } : {}),
	};
	return {
		id: snowflake(),
		type: referenced ? MessageType.Reply : MessageType.Default,
		channel_id: channel.id,
		author,
		content,
		timestamp: timestamp(),
		edited_timestamp: null,
		tts: false,
		attachments: [],
		pinned: false,
		...(reference ? { message_reference: reference, referenced_message: referenced } : {}),
	};
}

/** Creates a message authored by the bot, as Discord stores it. */
export function createBotMessage(
	state: StandIn,
	channel: FakeChannel,
	body: SentBody,
	extra: Json = {},
): StoredMessage {
	const reference = body.message_reference;
	const referenced = reference?.message_id ? state.messages.get(reference.message_id) : undefined;
	if (reference?.message_id && !referenced && reference.fail_if_not_exists !== false)
		throw invalidForm([
			{
				path: 'message_reference',
				code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE',
				message: 'Unknown message',
			},
		]);
	const guild = channel.guildId ? findGuild(state, channel.guildId) : undefined;
	const notified = computeNotified(body, guild, referenced);
	const message: StoredMessage = {
		...messageBase(channel, state.botUser, body.content ?? '', referenced, guild?.id),
		mention_everyone: notified.everyone,
		mentions: notified.users.map((id) => state.users.get(id)).filter((u): u is FakeUser => u !== undefined),
		mention_roles: notified.roles,
		embeds: normalizeEmbeds(body.embeds),
		components: normalizeComponents(body.components),
		flags: body.flags ?? 0,
		...extra,
	};
	state.messages.set(message.id, message);
	state.notifiedByMessage.set(message.id, notified);
	return message;
}

/** Applies an edit of the bot's message (content, embeds, components), clearing a deferred reply's loading flag. */
export function editBotMessage(state: StandIn, message: StoredMessage, edit: SentBody): void {
	if (edit.content !== undefined) message.content = edit.content;
	if (edit.embeds !== undefined) message.embeds = normalizeEmbeds(edit.embeds);
	if (edit.components !== undefined) message.components = normalizeComponents(edit.components);
	message.flags = Number(message.flags) & ~LOADING;
	message.edited_timestamp = timestamp();
	const channel = state.channels.get(message.channel_id);
	state.notifiedByMessage.set(
		message.id,
		computeNotified(edit, channel?.guildId ? findGuild(state, channel.guildId) : undefined),
	);
}

/** A user's message as Discord stores it (not yet dispatched); `id` for a forum post's starter, which has its thread's id. */
export function userMessage(
	state: StandIn,
	author: FakeUser,
	channel: FakeChannel,
	content: string,
	{ referencedMessageId, id }: { referencedMessageId?: string; id?: string } = {},
): StoredMessage {
	const guild = channel.guildId ? findGuild(state, channel.guildId) : undefined;
	const mentionIds = [...content.matchAll(USER_MENTION)].map((m) => m[1]!);
	const mentioned = [...new Set(mentionIds)]
		.map((userId) => state.users.get(userId))
		.filter((u): u is FakeUser => u !== undefined);
	const referenced = referencedMessageId ? state.messages.get(referencedMessageId) : undefined;
	const message: StoredMessage = {
		...messageBase(channel, author, content, referenced, guild?.id),
		...(id ? { id } : {}),
		mention_everyone:
			EVERYONE.test(content) &&
			guild !== undefined &&
			(permissionsOf(guild, author.id) & Permission.MentionEveryone) !== 0n,
		mentions: mentioned.map((u) => (guild ? { ...u, member: apiMember(state, guild, u.id, false) } : u)),
		mention_roles: guild
			? [...content.matchAll(ROLE_MENTION)]
					.map((m) => m[1]!)
					.filter((roleId) => guild.roles.some((r) => r.id === roleId))
			: [],
		embeds: [],
		components: [],
		flags: 0 as MessageFlags,
		nonce: snowflake(),
	};
	state.messages.set(message.id, message);
	return message;
}

/**
 * A guild message as the bot may read it: without Message Content, content is stripped unless the
 * bot is mentioned (or wrote it). Gateway events ask the session's intents; REST reads ask whether
 * the intent is enabled for the application.
 */
export function readableBy(state: StandIn, message: StoredMessage, hasIntent: boolean): StoredMessage {
	const botId = state.botUser.id;
	const botMentioned = message.mentions.some((u) => u.id === botId);
	const strip = !hasIntent && !botMentioned && message.author.id !== botId;
	return strip ? { ...message, content: '', embeds: [], attachments: [], components: [] } : message;
}

/** A guild message as a session receives it: message events and THREAD_CREATE's starter message alike. */
export function asSeenBy(state: StandIn, session: Session, message: StoredMessage): StoredMessage {
	return readableBy(state, message, Boolean(session.intents & Intent.MessageContent));
}

/** MESSAGE_CREATE for a user's message, to the bot's shard if its intents want it; how many sessions got it. */
export function dispatchUserMessage(state: StandIn, message: StoredMessage, channel: FakeChannel): number {
	const guild = channel.guildId ? findGuild(state, channel.guildId) : undefined;
	if (!guild) return dispatchTo(state, undefined, 'MESSAGE_CREATE', message, Intent.DirectMessages);
	return dispatchTo(
		state,
		guild.id,
		'MESSAGE_CREATE',
		(session: Session) => ({
			...asSeenBy(state, session, message),
			guild_id: guild.id,
			member: apiMember(state, guild, message.author.id, false),
		}),
		Intent.GuildMessages,
	);
}

/** A user's message: stored, and dispatched to the bot's shard as MESSAGE_CREATE if its intents want it. */
export function postUserMessage(
	state: StandIn,
	init: SendMessageInit,
): { message: StoredMessage; channel: FakeChannel; delivered: number } {
	const author = findUser(state, init.author);
	const channel = init.dm
		? dmChannelFor(state, author)
		: findChannel(state, init.guild ?? state.guilds[0]!.id, init.channel);
	const message = userMessage(state, author, channel, init.content, {
		...(init.referencedMessageId ? { referencedMessageId: init.referencedMessageId } : {}),
	});
	return { message, channel, delivered: dispatchUserMessage(state, message, channel) };
}
