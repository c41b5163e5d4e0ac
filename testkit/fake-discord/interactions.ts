/**
 * Interactions both ways: what users do (slash commands, autocomplete, button clicks) delivered
 * as INTERACTION_CREATE with Discord's payload, and the bot's answers — the callback within the
 * acknowledgement window, then edits and follow-ups through the interaction's webhook.
 */
import { randomBytes } from 'node:crypto';
import { HttpError, invalidForm, required, unknown } from './errors.js';
import { dispatchTo } from './gateway.js';
import { acceptMessageBody, createBotMessage } from './messages.js';
import type { RouteContext } from './rest.js';
import { isObject, timestamp } from './json.js';
import { apiChannel, apiMember, type StoredMessage } from './serialise.js';
import { snowflake } from './snowflake.js';
import {
	dmChannelFor,
	findChannel,
	findGuild,
	findUser,
	permissionsOf,
	waitForRequest,
	type StandIn,
	type StoredInteraction,
} from './state.js';
import type {
	ChooseOptionInit,
	ClickButtonInit,
	FakeChannel,
	InteractionHandle,
	InteractionUser,
	Json,
	RecordedRequest,
	SendAutocompleteInit,
	SendCommandInit,
	SendMessageCommandInit,
	SentBody,
} from './types.js';
import { validateAutocompleteChoices } from './validation.js';
import {
	CallbackType,
	CommandType,
	DEFAULT_MEMBER_PERMISSIONS,
	EPHEMERAL,
	Intent,
	InteractionType,
	LOADING,
	MessageType,
	Permission,
} from './wire.js';

// -- the bot's side: looking interactions up from REST ------------------------------------------

/** The interaction a callback names, checking its token. */
export function requireInteraction(state: StandIn, id: string, interactionToken: string): StoredInteraction {
	const interaction = state.interactions.get(id);
	if (!interaction) throw unknown('interaction', 10062);
	if (interaction.token !== interactionToken)
		throw new HttpError(401, { message: 'Invalid Webhook Token', code: 50027 });
	return interaction;
}

/** The interaction behind a webhook route (`/webhooks/:appId/:interactionToken`), once acknowledged. */
export function interactionByToken(
	state: StandIn,
	appId: string,
	interactionToken: string,
): StoredInteraction {
	if (appId !== state.applicationId) throw unknown('Webhook', 10015);
	const interaction = [...state.interactions.values()].find((i) => i.token === interactionToken);
	if (!interaction) throw unknown('Webhook', 10015);
	if (!interaction.acknowledged) throw unknown('Message', 10008);
	return interaction;
}

/** A webhook route's message: `@original` is the interaction's response. */
export function webhookMessage(state: StandIn, params: Record<string, string>): StoredMessage {
	const interaction = interactionByToken(state, params.appId!, params.interactionToken!);
	const id = params.messageId === '@original' ? interaction.originalMessageId : params.messageId;
	const message = id ? state.messages.get(id) : undefined;
	if (!message) throw unknown('Message', 10008);
	return message;
}

export function channelOfInteraction(state: StandIn, interaction: StoredInteraction): FakeChannel {
	const channel = state.channels.get(String(interaction.payload.channel_id));
	if (!channel) throw unknown('Channel', 10003);
	return channel;
}

function interactionMetadata(interaction: StoredInteraction): Json {
	const payload = interaction.payload;
	const user = isObject(payload.member) ? payload.member.user : payload.user;
	return {
		id: interaction.id,
		type: interaction.type,
		user,
		authorizing_integration_owners: payload.authorizing_integration_owners,
		...(isObject(payload.data) && typeof payload.data.name === 'string' ? { name: payload.data.name } : {}),
	};
}

/** What Discord stamps on a message the bot sends in answer to an interaction. */
export function interactionMessageFields(state: StandIn, interaction: StoredInteraction): Json {
	return {
		webhook_id: state.applicationId,
		application_id: state.applicationId,
		interaction_metadata: interactionMetadata(interaction),
	};
}

/** A response's own message: type 20 (chat input command) for commands, 0 otherwise. */
function responseMessageFields(state: StandIn, interaction: StoredInteraction): Json {
	return {
		type:
			interaction.type !== InteractionType.ApplicationCommand
				? MessageType.Default
				: isObject(interaction.payload.data) && interaction.payload.data.type === CommandType.Message
					? MessageType.ContextMenuCommand
					: MessageType.ChatInputCommand,
		...interactionMessageFields(state, interaction),
	};
}

const invalidResponseType = () =>
	new HttpError(400, { message: 'Interaction response type is invalid', code: 50035 });

/** `POST /interactions/:interactionId/:interactionToken/callback`: the bot acknowledges an interaction. */
export function respondToInteraction(state: StandIn, ctx: RouteContext): unknown {
	const interaction = requireInteraction(state, ctx.params.interactionId!, ctx.params.interactionToken!);
	if (interaction.acknowledged)
		throw new HttpError(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
	if (Date.now() - interaction.createdAt > state.interactionTimeout) throw unknown('interaction', 10062);
	const body = ctx.body;
	if (!isObject(body) || typeof body.type !== 'number') throw required('type');
	const type = body.type;
	const data = isObject(body.data) ? (body.data as SentBody) : undefined;
	const isAutocomplete = interaction.type === InteractionType.Autocomplete;
	if (isAutocomplete !== (type === CallbackType.ApplicationCommandAutocompleteResult))
		throw invalidResponseType();
	if (
		(type === CallbackType.DeferredUpdateMessage || type === CallbackType.UpdateMessage) &&
		interaction.type !== InteractionType.MessageComponent
	)
		throw invalidResponseType();
	let message: StoredMessage | undefined;
	const channel = channelOfInteraction(state, interaction);
	switch (type) {
		case CallbackType.ApplicationCommandAutocompleteResult: {
			const errors = validateAutocompleteChoices(data);
			if (errors.length > 0) throw invalidForm(errors);
			break;
		}
		case CallbackType.ChannelMessageWithSource: {
			state.sentBodies.push(acceptMessageBody(state, 'interaction callback (message)', data, true));
			message = createBotMessage(state, channel, data!, responseMessageFields(state, interaction));
			interaction.originalMessageId = message.id;
			break;
		}
		case CallbackType.DeferredChannelMessageWithSource: {
			message = createBotMessage(
				state,
				channel,
				{ content: '', flags: ((data?.flags ?? 0) & EPHEMERAL) | LOADING },
				responseMessageFields(state, interaction),
			);
			interaction.originalMessageId = message.id;
			break;
		}
		case CallbackType.UpdateMessage: {
			state.sentBodies.push(acceptMessageBody(state, 'interaction callback (update)', data, false));
			const target = state.messages.get(interaction.originalMessageId!);
			if (target) Object.assign(target, data, { edited_timestamp: timestamp() });
			break;
		}
		case CallbackType.DeferredUpdateMessage:
			break;
		default:
			throw invalidResponseType();
	}
	interaction.acknowledged = { type, at: Date.now(), flags: Number(data?.flags ?? 0) };
	if (message && !(Number(message.flags) & EPHEMERAL)) {
		const guildId = channel.guildId;
		dispatchTo(
			state,
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
}

// -- the users' side: interactions delivered to the bot ----------------------------------------

function baseInteraction(state: StandIn, type: number, init: InteractionUser): StoredInteraction {
	const user = findUser(state, init.user);
	const id = snowflake();
	const interactionToken = Buffer.from(`interaction:${id}:${randomBytes(48).toString('base64url')}`).toString(
		'base64url',
	);
	let payload: Json;
	if (init.guild) {
		const guild = findGuild(state, init.guild);
		const channel = findChannel(state, guild.id, init.channel);
		const memberPermissions = init.permissions ?? permissionsOf(guild, user.id);
		payload = {
			guild_id: guild.id,
			guild: { id: guild.id, locale: 'en-US', features: [] },
			guild_locale: 'en-US',
			channel_id: channel.id,
			channel: { ...apiChannel(state, channel), permissions: memberPermissions.toString() },
			member: { ...apiMember(state, guild, user.id, true), permissions: memberPermissions.toString() },
			app_permissions: permissionsOf(guild, state.botUser.id).toString(),
			authorizing_integration_owners: { '0': guild.id },
			context: 0,
		};
	} else {
		const channel = dmChannelFor(state, user);
		payload = {
			channel_id: channel.id,
			channel: apiChannel(state, channel),
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
			application_id: state.applicationId,
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
	state.interactions.set(id, stored);
	return stored;
}

/** The registered command a user invokes, guild commands before global ones; its guild id, if any. */
function registeredCommand(
	state: StandIn,
	init: { name: string; guild?: string },
	type: number = CommandType.ChatInput,
): { command: Json; guildId: string | undefined } {
	const { name } = init;
	const guildId = init.guild ? findGuild(state, init.guild).id : undefined;
	const matches = (c: Json) => c.name === name && (c.type ?? CommandType.ChatInput) === type;
	const found =
		(guildId ? state.commands.guilds.get(guildId)?.find(matches) : undefined) ??
		state.commands.global.find(matches);
	if (!found) throw new Error(`fake discord: command /${name} is not registered (deploy the commands first)`);
	if (!guildId && found.dm_permission === false)
		throw new Error(`fake discord: /${name} is not available in DMs (dm_permission: false)`);
	if (!guildId && Array.isArray(found.contexts) && !found.contexts.includes(1))
		throw new Error(`fake discord: /${name} is not available in DMs (contexts)`);
	return { command: found, guildId };
}

const definedOptions = (command: Json): Json[] =>
	Array.isArray(command.options) ? command.options.filter(isObject) : [];

/** The options of a command invocation, checked against the command's registered definition. */
function commandOptions(
	command: Json,
	values: Record<string, string | number | boolean>,
	focused?: string,
): Json[] {
	const defined = definedOptions(command);
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
				throw new Error(`fake discord: /${String(command.name)} requires option ${String(definition.name)}`);
	return options;
}

function deliver(state: StandIn, stored: StoredInteraction): InteractionHandle {
	const guildId = typeof stored.payload.guild_id === 'string' ? stored.payload.guild_id : undefined;
	stored.createdAt = Date.now();
	dispatchTo(state, guildId, 'INTERACTION_CREATE', stored.payload, undefined, true);
	return handleFor(state, stored);
}

/** `resolved.users` (and `members` in a guild) for the user options of an invocation, as Discord sends them. */
function resolvedUsers(state: StandIn, options: Json[], guildId: string | undefined): Json {
	const ids = options.filter((o) => o.type === 6).map((o) => String(o.value));
	if (ids.length === 0) return {};
	const users: Json = {};
	const members: Json = {};
	for (const id of ids) {
		const user = state.users.get(id);
		if (!user) throw new Error(`fake discord: no user ${id} for a user option`);
		users[id] = user;
		const guild = guildId ? findGuild(state, guildId) : undefined;
		if (guild?.members.has(id))
			members[id] = {
				...apiMember(state, guild, id, false),
				permissions: permissionsOf(guild, id).toString(),
			};
	}
	return { resolved: { users, ...(Object.keys(members).length > 0 ? { members } : {}) } };
}

export function sendCommand(state: StandIn, init: SendCommandInit): InteractionHandle {
	const { command, guildId } = registeredCommand(state, init);
	const stored = baseInteraction(state, InteractionType.ApplicationCommand, init);
	const options =
		init.options && Object.keys(init.options).length > 0 ? commandOptions(command, init.options) : [];
	stored.payload.data = {
		id: command.id,
		name: command.name,
		type: CommandType.ChatInput,
		...(guildId && command.guild_id ? { guild_id: guildId } : {}),
		...(options.length > 0 ? { options } : {}),
		...resolvedUsers(state, options, init.guild ? findGuild(state, init.guild).id : undefined),
	};
	return deliver(state, stored);
}

/**
 * A message command used on a message, in the message's channel. The target arrives whole in
 * `resolved.messages`, content included: Discord exempts it from the Message Content intent.
 */
export function sendMessageCommand(state: StandIn, init: SendMessageCommandInit): InteractionHandle {
	const target = state.messages.get(init.targetMessageId);
	if (!target) throw new Error(`fake discord: no message ${init.targetMessageId}`);
	const channel = state.channels.get(target.channel_id)!;
	const { command, guildId } = registeredCommand(
		state,
		{ name: init.name, ...(channel.guildId ? { guild: channel.guildId } : {}) },
		CommandType.Message,
	);
	const stored = baseInteraction(state, InteractionType.ApplicationCommand, {
		...init,
		guild: channel.guildId,
		channel: channel.guildId ? channel.id : undefined,
	});
	stored.payload.data = {
		id: command.id,
		name: command.name,
		type: CommandType.Message,
		target_id: target.id,
		...(guildId && command.guild_id ? { guild_id: guildId } : {}),
		resolved: {
			messages: { [target.id]: { ...target, ...(channel.guildId ? { guild_id: channel.guildId } : {}) } },
		},
	};
	return deliver(state, stored);
}

export function sendAutocomplete(state: StandIn, init: SendAutocompleteInit): InteractionHandle {
	const { command } = registeredCommand(state, init);
	const definition = definedOptions(command).find((o) => o.name === init.focused);
	if (definition?.autocomplete !== true)
		throw new Error(`fake discord: option ${init.focused} of /${init.name} has no autocomplete`);
	const stored = baseInteraction(state, InteractionType.Autocomplete, init);
	stored.payload.data = {
		id: command.id,
		name: command.name,
		type: CommandType.ChatInput,
		options: commandOptions(command, { [init.focused]: '', ...init.options }, init.focused),
	};
	return deliver(state, stored);
}

/** A component of a message a user acts on, with the message; checks the user may see it. */
function componentOf(
	state: StandIn,
	init: InteractionUser & { messageId: string; customId: string },
	type: number,
): { message: StoredMessage; component: Json } {
	const message = state.messages.get(init.messageId);
	if (!message) throw new Error(`fake discord: no message ${init.messageId}`);
	if (Number(message.flags) & EPHEMERAL) {
		// Ephemeral messages can only be seen (and clicked) by the user they were for.
		const meta: unknown = message.interaction_metadata;
		const owner = isObject(meta) && isObject(meta.user) ? meta.user.id : undefined;
		if (owner !== findUser(state, init.user).id)
			throw new Error('fake discord: cannot click another user’s ephemeral message');
	}
	const rows: unknown[] = Array.isArray(message.components) ? message.components : [];
	const component = rows
		.filter(isObject)
		.flatMap((row) => (Array.isArray(row.components) ? row.components.filter(isObject) : []))
		.find((c) => c.custom_id === init.customId && c.type === type);
	const what = type === 2 ? 'button' : 'select menu';
	if (!component) throw new Error(`fake discord: message has no ${what} ${init.customId}`);
	if (component.disabled === true) throw new Error(`fake discord: ${what} ${init.customId} is disabled`);
	return { message, component };
}

function deliverComponent(
	state: StandIn,
	init: InteractionUser & { messageId: string },
	message: StoredMessage,
	data: Json,
): InteractionHandle {
	const channel = state.channels.get(message.channel_id)!;
	const stored = baseInteraction(state, InteractionType.MessageComponent, {
		...init,
		guild: channel.guildId,
		channel: channel.guildId ? channel.id : undefined,
	});
	stored.payload.data = data;
	stored.payload.message = channel.guildId ? { ...message } : message;
	stored.originalMessageId = init.messageId;
	return deliver(state, stored);
}

export function clickButton(state: StandIn, init: ClickButtonInit): InteractionHandle {
	const { message } = componentOf(state, init, 2);
	return deliverComponent(state, init, message, { custom_id: init.customId, component_type: 2 });
}

/** A user picks `values` in a string select menu; they must be among its options. */
export function chooseOption(state: StandIn, init: ChooseOptionInit): InteractionHandle {
	const { message, component } = componentOf(state, init, 3);
	const options: unknown[] = Array.isArray(component.options) ? component.options : [];
	const offered = new Set(options.filter(isObject).map((option) => option.value));
	for (const value of init.values)
		if (!offered.has(value)) throw new Error(`fake discord: select menu ${init.customId} offers no ${value}`);
	return deliverComponent(state, init, message, {
		custom_id: init.customId,
		component_type: 3,
		values: [...init.values],
	});
}

/** What a test awaits of an interaction: the bot's callback, the reply the user sees, choices, follow-ups. */
function handleFor(state: StandIn, stored: StoredInteraction): InteractionHandle {
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
			(await waitForRequest(state, isCallback, timeoutMs)) as RecordedRequest & {
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
				const original = stored.originalMessageId ? state.messages.get(stored.originalMessageId) : undefined;
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
				const edit = (await waitForRequest(state, isOriginalEdit, timeoutMs)) as RecordedRequest & {
					body: SentBody;
				};
				if (edit.status >= 400)
					throw new Error(`fake discord: edit rejected ${edit.status} ${JSON.stringify(edit.response)}`);
				return {
					...edit.body,
					ephemeral: ephemeralFlag,
					via:
						type === CallbackType.DeferredChannelMessageWithSource ? 'deferred-edit' : 'deferred-update-edit',
				};
			}
			throw new Error(`fake discord: interaction answered with callback type ${type}`);
		},
		messageId: async (timeoutMs = 5_000) => {
			await handle.callback(timeoutMs);
			if (!stored.originalMessageId) throw new Error('fake discord: the response created no message');
			return stored.originalMessageId;
		},
		choices: async (timeoutMs = 5_000) => {
			const callback = await handle.callback(timeoutMs);
			if (callback.status >= 400)
				throw new Error(
					`fake discord: autocomplete rejected ${callback.status} ${JSON.stringify(callback.response)}`,
				);
			const data = callback.body.data as { choices?: { name: string; value: string | number }[] } | undefined;
			return data?.choices ?? [];
		},
		followup: async (timeoutMs = 5_000) =>
			(await waitForRequest(
				state,
				(r) =>
					r.route === 'POST /webhooks/:appId/:interactionToken' && r.params.interactionToken === stored.token,
				timeoutMs,
			)) as RecordedRequest & { body: SentBody },
	};
	return handle;
}
