/**
 * The stand-in's objects as Discord sends them: roles, channels, members, guilds, the application.
 * Typed with discord-api-types, so a field missing or of the wrong type is a compile error here
 * rather than a surprise in discord.js.
 */
import { randomBytes } from 'node:crypto';
import type {
	APIApplication,
	ApplicationFlags,
	ChannelFlags,
	GuildMemberFlags,
	GuildSystemChannelFlags,
	Locale,
	UserFlags,
	APIDMChannel,
	APIGuildForumChannel,
	APIGuildMember,
	APIPublicThreadChannel,
	APIMessage,
	APIRole,
	APITextChannel,
	APIUser,
	GatewayGuildCreateDispatchData,
} from 'discord-api-types/v10';
import { timestamp } from './json.js';
import { snowflakeTime } from './snowflake.js';
import type { StandIn } from './state.js';
import { findGuild } from './state.js';
import type { FakeChannel, FakeGuild, FakeRole, Json } from './types.js';
import { ApplicationFlag, ChannelType, Intent } from './wire.js';

/** A message as the stand-in stores it: Discord's shape, open to the fields a test reads or adds. */
export type StoredMessage = APIMessage & Json;

export function apiRole(guild: FakeGuild, role: FakeRole | 'everyone'): APIRole {
	const common = {
		color: 0,
		colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
		hoist: false,
		icon: null,
		unicode_emoji: null,
		mentionable: false,
		flags: 0,
	};
	return role === 'everyone'
		? {
				id: guild.id,
				name: '@everyone',
				...common,
				position: 0,
				permissions: guild.everyonePermissions.toString(),
				managed: false,
			}
		: {
				id: role.id,
				name: role.name,
				...common,
				position: role.position,
				permissions: role.permissions.toString(),
				managed: role.managed,
				...(role.botId ? { tags: { bot_id: role.botId } } : {}),
			};
}

export type ApiChannel = APITextChannel | APIDMChannel | APIGuildForumChannel | APIPublicThreadChannel;

export function apiChannel(state: StandIn, channel: FakeChannel, withGuildId = true): ApiChannel {
	if (channel.type === ChannelType.PublicThread) return apiThread(state, channel);
	if (channel.type === ChannelType.DM) {
		const recipient = state.users.get(channel.recipientId!);
		return {
			id: channel.id,
			type: ChannelType.DM,
			last_message_id: null,
			flags: 0 as ChannelFlags,
			recipients: recipient ? [recipient] : [],
			name: null,
		};
	}
	// What a server's text and forum channels have in common.
	const inGuild = {
		id: channel.id,
		...(withGuildId ? { guild_id: channel.guildId } : {}),
		name: channel.name,
		position: findGuild(state, channel.guildId!).channels.indexOf(channel),
		permission_overwrites: [],
		parent_id: null,
		topic: null,
		nsfw: false,
		last_message_id: null,
		rate_limit_per_user: 0,
		flags: 0 as ChannelFlags,
	};
	if (channel.type === ChannelType.GuildForum)
		return {
			...inGuild,
			type: ChannelType.GuildForum,
			available_tags: (channel.availableTags ?? []).map((tag) => ({
				...tag,
				moderated: false,
				emoji_id: null,
				emoji_name: null,
			})),
			default_reaction_emoji: null,
			default_sort_order: null,
			default_forum_layout: 0,
		};
	return { ...inGuild, type: ChannelType.GuildText };
}

/** A thread (a forum post), as THREAD_CREATE, THREAD_UPDATE and the channel routes carry it. */
export function apiThread(state: StandIn, thread: FakeChannel): APIPublicThreadChannel {
	const created = timestamp(snowflakeTime(thread.id));
	const messages = [...state.messages.values()].filter((m) => m.channel_id === thread.id).length;
	return {
		id: thread.id,
		type: ChannelType.PublicThread,
		guild_id: thread.guildId,
		name: thread.name,
		parent_id: thread.parentId,
		owner_id: thread.ownerId,
		last_message_id: null,
		rate_limit_per_user: 0,
		flags: 0 as ChannelFlags,
		// The starter message isn't counted.
		message_count: Math.max(0, messages - 1),
		total_message_sent: Math.max(0, messages - 1),
		member_count: 1,
		thread_metadata: {
			archived: false,
			auto_archive_duration: 4320,
			archive_timestamp: created,
			locked: false,
			create_timestamp: created,
		},
		applied_tags: thread.appliedTags ?? [],
	};
}

/** A guild member; message events carry it without its user, GUILD_CREATE and interactions with. */
export function apiMember(
	state: StandIn,
	guild: FakeGuild,
	userId: string,
	withUser: boolean,
): Omit<APIGuildMember, 'user'> & { user?: APIUser } {
	const member = guild.members.get(userId) ?? { userId, roles: [], nick: null, joinedAt: timestamp() };
	const user = withUser ? state.users.get(userId) : undefined;
	return {
		...(user ? { user } : {}),
		nick: member.nick,
		avatar: null,
		banner: null,
		roles: member.roles,
		joined_at: member.joinedAt,
		premium_since: null,
		deaf: false,
		mute: false,
		flags: 0 as GuildMemberFlags,
		pending: false,
		communication_disabled_until: null,
	};
}

/** A guild as GUILD_CREATE carries it, to a session identified with `intents`. */
export function apiGuild(state: StandIn, guild: FakeGuild, intents: number): GatewayGuildCreateDispatchData {
	const botId = state.botUser.id;
	return {
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
		system_channel_flags: 0 as GuildSystemChannelFlags,
		rules_channel_id: null,
		max_members: 500_000,
		vanity_url_code: null,
		description: null,
		banner: null,
		premium_tier: 0,
		premium_subscription_count: 0,
		preferred_locale: 'en-US' as Locale,
		public_updates_channel_id: null,
		nsfw_level: 0,
		premium_progress_bar_enabled: false,
		safety_alerts_channel_id: null,
		hub_type: null,
		incidents_data: null,
		joined_at: guild.members.get(botId)?.joinedAt ?? timestamp(),
		large: false,
		unavailable: false,
		member_count: guild.members.size,
		voice_states: [],
		// Without the privileged GUILD_MEMBERS intent only the bot's own member is sent.
		members: [...guild.members.keys()]
			.filter((id) => intents & Intent.GuildMembers || id === botId)
			.map((id) => apiMember(state, guild, id, true) as APIGuildMember),
		channels: guild.channels.map((c) => apiChannel(state, c, false) as APITextChannel | APIGuildForumChannel),
		threads: [],
		presences: [],
		stage_instances: [],
		guild_scheduled_events: [],
		soundboard_sounds: [],
	};
}

/** The application's privileged-intent flags, as the developer portal sets them. */
export function applicationFlags(state: StandIn): ApplicationFlags {
	return (
		(state.privileged.messageContent ? ApplicationFlag.GatewayMessageContent : 0) |
		(state.privileged.guildMembers ? ApplicationFlag.GatewayGuildMembers : 0) |
		(state.privileged.presences ? ApplicationFlag.GatewayPresence : 0)
	);
}

export function application(state: StandIn): APIApplication {
	const owner = [...state.users.values()].find((u) => !u.bot);
	const flags = applicationFlags(state);
	return {
		id: state.applicationId,
		name: state.botUser.username,
		icon: null,
		description: 'Answers questions from the knowledge base.',
		summary: '',
		bot_public: true,
		bot_require_code_grant: false,
		verify_key: randomBytes(32).toString('hex'),
		flags,
		flags_new: String(flags),
		team: null,
		...(owner ? { owner: { ...owner, flags: 0 as UserFlags } } : {}),
		bot: state.botUser,
		approximate_guild_count: state.guilds.length,
	};
}
