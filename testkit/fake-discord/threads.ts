/**
 * Forum posts: a user creates a post (a public thread in a forum channel, its starter message with
 * the thread's id), announced with THREAD_CREATE (`newly_created`) then the starter's
 * MESSAGE_CREATE; and the bot's edit of a thread (`PATCH /channels/:id`), which Discord allows for
 * `applied_tags` only to the thread's owner or with Manage Threads, and only with the forum's tags.
 */
import type { APIMessage, GatewayThreadCreateDispatchData } from 'discord-api-types/v10';
import { HttpError, invalidForm } from './errors.js';
import { dispatchTo } from './gateway.js';
import { isObject } from './json.js';
import { asSeenBy, dispatchUserMessage, userMessage } from './messages.js';
import { apiThread } from './serialise.js';
import { snowflake } from './snowflake.js';
import {
	findChannel,
	findGuild,
	findUser,
	permissionsOf,
	waitForRequest,
	type Session,
	type StandIn,
} from './state.js';
import type { FakeChannel, ForumPostInit, RecordedRequest, SentBody, SentForumPost } from './types.js';
import { ChannelType, Intent, Permission } from './wire.js';

/** Discord's limit on tags applied to one post. */
const APPLIED_TAGS_MAX = 5;

const missingPermissions = () => new HttpError(403, { message: 'Missing Permissions', code: 50013 });

export function createForumPost(state: StandIn, init: ForumPostInit): SentForumPost {
	const author = findUser(state, init.author);
	const guild = findGuild(state, init.guild ?? state.guilds[0]!.id);
	const forum = findChannel(state, guild.id, init.channel);
	if (forum.type !== ChannelType.GuildForum) throw new Error(`fake discord: ${forum.name} is not a forum`);
	const tagIds = (init.tags ?? []).map((name) => {
		const tag = forum.availableTags?.find((t) => t.name === name);
		if (!tag) throw new Error(`fake discord: forum ${forum.name} has no tag ${name}`);
		return tag.id;
	});
	const thread: FakeChannel = {
		id: snowflake(),
		name: init.title,
		guildId: guild.id,
		type: ChannelType.PublicThread,
		parentId: forum.id,
		ownerId: author.id,
		appliedTags: tagIds,
	};
	state.channels.set(thread.id, thread);
	const message = userMessage(state, author, thread, init.content, { id: thread.id });
	const delivered = dispatchTo(
		state,
		guild.id,
		'THREAD_CREATE',
		(session: Session) => {
			// discord-api-types has no `message` on THREAD_CREATE; discord.js caches it when present,
			// and the bot must also cope without it (`withStarterMessage: false`).
			const data: GatewayThreadCreateDispatchData & { message?: APIMessage } = {
				...apiThread(state, thread),
				newly_created: true,
				...(init.withStarterMessage === false
					? {}
					: { message: { ...asSeenBy(state, session, message), guild_id: guild.id } as APIMessage }),
			};
			return data;
		},
		Intent.Guilds,
	);
	dispatchUserMessage(state, message, thread);
	return {
		thread,
		message,
		delivered,
		botMessage: async (timeoutMs = 5_000) =>
			(await waitForRequest(
				state,
				(r: RecordedRequest) =>
					r.route === 'POST /channels/:channelId/messages' && r.params.channelId === thread.id,
				timeoutMs,
			)) as RecordedRequest & { body: SentBody },
	};
}

/** `PATCH /channels/:channelId` on a thread: its tags, checked as Discord checks them. */
export function editThread(state: StandIn, thread: FakeChannel, body: unknown): ReturnType<typeof apiThread> {
	if (thread.type !== ChannelType.PublicThread || !thread.guildId)
		throw new HttpError(400, { message: 'fake discord: only threads can be edited here', code: 0 });
	if (!isObject(body))
		throw invalidForm([
			{ path: '_root', code: 'MODEL_TYPE_CONVERT', message: 'Only dictionaries may be used.' },
		]);
	const guild = findGuild(state, thread.guildId);
	const botId = state.botUser.id;
	if (body.applied_tags !== undefined) {
		const tags = body.applied_tags;
		const forum = thread.parentId ? state.channels.get(thread.parentId) : undefined;
		if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string'))
			throw invalidForm([{ path: 'applied_tags', code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }]);
		if (tags.length > APPLIED_TAGS_MAX)
			throw invalidForm([
				{ path: 'applied_tags', code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' },
			]);
		if (tags.some((id) => !forum?.availableTags?.some((tag) => tag.id === id)))
			throw invalidForm([{ path: 'applied_tags', code: 'BASE_TYPE_CHOICES', message: 'Unknown tag.' }]);
		if (thread.ownerId !== botId && !(permissionsOf(guild, botId) & Permission.ManageThreads))
			throw missingPermissions();
		thread.appliedTags = [...(tags as string[])];
	}
	const updated = apiThread(state, thread);
	dispatchTo(state, guild.id, 'THREAD_UPDATE', updated, Intent.Guilds);
	return updated;
}
