/**
 * The slice of Discord's REST API a bot uses, one row a route. A new endpoint is a new row: its
 * method and path (recorded as the request's `route`), whether it needs the bot token, and a
 * handler over the shared state that returns the response body or throws an `HttpError`.
 */
import type { APIApplicationCommand, APIReaction, RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import { HttpError, invalidForm, required, unknown } from './errors.js';
import { dispatchTo } from './gateway.js';
import {
	channelOfInteraction,
	interactionByToken,
	interactionMessageFields,
	respondToInteraction,
	webhookMessage,
} from './interactions.js';
import { acceptMessageBody, createBotMessage, editBotMessage, readableBy } from './messages.js';
import type { RouteSpec } from './rest.js';
import { isObject } from './json.js';
import { apiChannel, apiMember, application } from './serialise.js';
import { snowflake } from './snowflake.js';
import { dmChannelFor, findGuild, type StandIn } from './state.js';
import type { Json, SentBody } from './types.js';
import { validateCommands } from './validation.js';
import { editThread } from './threads.js';
import { Intent } from './wire.js';

const missingAccess = () => new HttpError(403, { message: 'Missing Access', code: 50001 });

function checkApp(state: StandIn, appId: string): void {
	if (appId !== state.applicationId) throw missingAccess();
}

function channelOf(state: StandIn, channelId: string) {
	const channel = state.channels.get(channelId);
	if (!channel) throw unknown('Channel', 10003);
	return channel;
}

function messageIn(state: StandIn, params: Record<string, string>) {
	const message = state.messages.get(params.messageId!);
	if (!message || message.channel_id !== params.channelId) throw unknown('Message', 10008);
	return message;
}

/** PUT of a command list: replaces it, keeping the ids of commands that stay (as Discord does). */
function bulkOverwrite(state: StandIn, list: Json[], body: unknown, guildId?: string): Json[] {
	const errors = validateCommands(body);
	if (errors.length > 0) throw invalidForm(errors);
	const next = (body as Json[]).map((command) => {
		const existing = list.find((c) => c.name === command.name && (c.type ?? 1) === (command.type ?? 1));
		const registered: Omit<APIApplicationCommand, 'name' | 'description'> = {
			id: (existing?.id as string | undefined) ?? snowflake(),
			application_id: state.applicationId,
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
		};
		return { ...registered, ...command };
	});
	list.splice(0, list.length, ...next);
	return next;
}

const gatewayUrl = (state: StandIn) => `ws://127.0.0.1:${state.port}`;

const noContent = (ctx: { status: number }) => {
	ctx.status = 204;
	return undefined;
};

export const REST_ROUTES: readonly RouteSpec[] = [
	// -- gateway, users, the application ---------------------------------------------------------
	{ route: 'GET /gateway', auth: false, handle: (state) => ({ url: gatewayUrl(state) }) },
	{
		route: 'GET /gateway/bot',
		auth: true,
		handle: (state): RESTGetAPIGatewayBotResult => ({
			url: gatewayUrl(state),
			shards: state.recommendedShards,
			session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 16 },
		}),
	},
	{ route: 'GET /users/@me', auth: true, handle: (state) => state.botUser },
	{ route: 'GET /applications/@me', auth: true, handle: (state) => application(state) },
	{
		route: 'POST /users/@me/channels',
		auth: true,
		handle: (state, { body }) => {
			if (!isObject(body) || typeof body.recipient_id !== 'string') throw required('recipient_id');
			const user = state.users.get(body.recipient_id);
			if (!user) throw unknown('User', 10013);
			return apiChannel(state, dmChannelFor(state, user));
		},
	},

	// -- channels and messages ---------------------------------------------------------------------
	{
		route: 'GET /channels/:channelId',
		auth: true,
		handle: (state, { params }) => apiChannel(state, channelOf(state, params.channelId!)),
	},
	{
		route: 'PATCH /channels/:channelId',
		auth: true,
		handle: (state, { params, body }) => editThread(state, channelOf(state, params.channelId!), body),
	},
	{
		route: 'POST /channels/:channelId/messages',
		auth: true,
		handle: (state, ctx) => {
			const channel = channelOf(state, ctx.params.channelId!);
			const body = acceptMessageBody(state, 'POST /channels/:channelId/messages', ctx.body, true);
			state.sentBodies.push(body);
			const message = createBotMessage(state, channel, body);
			// Discord echoes the bot's own message over the gateway.
			if (channel.guildId)
				dispatchTo(
					state,
					channel.guildId,
					'MESSAGE_CREATE',
					{
						...message,
						guild_id: channel.guildId,
						member: apiMember(state, findGuild(state, channel.guildId), state.botUser.id, false),
					},
					Intent.GuildMessages,
				);
			else dispatchTo(state, undefined, 'MESSAGE_CREATE', message, Intent.DirectMessages);
			return message;
		},
	},
	{
		route: 'GET /channels/:channelId/messages/:messageId',
		auth: true,
		handle: (state, { params }) => {
			const message = messageIn(state, params);
			const inGuild = channelOf(state, params.channelId!).guildId !== undefined;
			return inGuild ? readableBy(state, message, state.privileged.messageContent === true) : message;
		},
	},
	{
		route: 'PUT /channels/:channelId/messages/:messageId/reactions/:emoji/@me',
		auth: true,
		handle: (state, ctx) => {
			const message = messageIn(state, ctx.params);
			const emoji = ctx.params.emoji!;
			if (
				!/^(\p{Extended_Pictographic}|\p{Emoji_Presentation})/u.test(emoji) &&
				!/^\w+:\d{17,20}$/.test(emoji)
			)
				throw new HttpError(400, { message: 'Unknown Emoji', code: 10014 });
			const reaction: APIReaction = {
				emoji: { id: null, name: emoji },
				count: 1,
				count_details: { burst: 0, normal: 1 },
				me: true,
				me_burst: false,
				burst_colors: [],
			};
			(message.reactions ??= []).push(reaction);
			return noContent(ctx);
		},
	},
	{
		route: 'DELETE /channels/:channelId/messages/:messageId/reactions/:emoji/@me',
		auth: true,
		handle: (_state, ctx) => noContent(ctx),
	},

	// -- interactions: the callback, then the interaction's webhook --------------------------------
	{
		route: 'POST /interactions/:interactionId/:interactionToken/callback',
		auth: false,
		handle: respondToInteraction,
	},
	{
		route: 'GET /webhooks/:appId/:interactionToken/messages/:messageId',
		auth: false,
		handle: (state, { params }) => webhookMessage(state, params),
	},
	{
		route: 'PATCH /webhooks/:appId/:interactionToken/messages/:messageId',
		auth: false,
		handle: (state, { params, body }) => {
			const message = webhookMessage(state, params);
			const edit = acceptMessageBody(
				state,
				'PATCH /webhooks/:appId/:interactionToken/messages/:messageId',
				body,
				false,
			);
			state.sentBodies.push(edit);
			editBotMessage(state, message, edit);
			return message;
		},
	},
	{
		route: 'DELETE /webhooks/:appId/:interactionToken/messages/:messageId',
		auth: false,
		handle: (state, ctx) => {
			const interaction = interactionByToken(state, ctx.params.appId!, ctx.params.interactionToken!);
			const id = ctx.params.messageId === '@original' ? interaction.originalMessageId : ctx.params.messageId;
			if (!id || !state.messages.delete(id)) throw unknown('Message', 10008);
			return noContent(ctx);
		},
	},
	{
		route: 'POST /webhooks/:appId/:interactionToken',
		auth: false,
		handle: (state, { params, body }) => {
			const interaction = interactionByToken(state, params.appId!, params.interactionToken!);
			state.sentBodies.push(acceptMessageBody(state, 'POST /webhooks/:appId/:interactionToken', body, true));
			const message = createBotMessage(
				state,
				channelOfInteraction(state, interaction),
				body as SentBody,
				interactionMessageFields(state, interaction),
			);
			interaction.followups.push(message.id);
			return message;
		},
	},

	// -- application commands ----------------------------------------------------------------------
	{
		route: 'GET /applications/:appId/commands',
		auth: true,
		handle: (state, { params }) => {
			checkApp(state, params.appId!);
			return state.commands.global;
		},
	},
	{
		route: 'PUT /applications/:appId/commands',
		auth: true,
		handle: (state, { params, body }) => {
			checkApp(state, params.appId!);
			return bulkOverwrite(state, state.commands.global, body);
		},
	},
	{
		route: 'GET /applications/:appId/guilds/:guildId/commands',
		auth: true,
		handle: (state, { params }) => {
			checkApp(state, params.appId!);
			findGuild(state, params.guildId!);
			return state.commands.guilds.get(params.guildId!) ?? [];
		},
	},
	{
		route: 'PUT /applications/:appId/guilds/:guildId/commands',
		auth: true,
		handle: (state, { params, body }) => {
			checkApp(state, params.appId!);
			if (!state.guilds.some((g) => g.id === params.guildId)) throw missingAccess();
			const list = state.commands.guilds.get(params.guildId!) ?? [];
			state.commands.guilds.set(params.guildId!, list);
			return bulkOverwrite(state, list, body, params.guildId);
		},
	},
];
