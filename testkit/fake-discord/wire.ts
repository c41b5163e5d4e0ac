/**
 * Discord's wire values, written out so the stand-in doesn't trust the library under test. Each
 * number is a literal so that `satisfies` checks it against discord-api-types' enums when this
 * compiles; the permission bits, which it types as plain bigints, are checked by
 * tests/testkit/fake-discord.test.ts.
 */
import type {
	ApplicationCommandType,
	ApplicationFlags,
	ChannelType as ApiChannelType,
	GatewayIntentBits,
	GatewayOpcodes,
	InteractionResponseType,
	InteractionType as ApiInteractionType,
	MessageFlags,
	MessageType as ApiMessageType,
} from 'discord-api-types/v10';

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
} as const satisfies Partial<typeof GatewayOpcodes>;

export const Intent = {
	Guilds: 1, // 1 << 0
	GuildMembers: 2, // 1 << 1
	GuildPresences: 256, // 1 << 8
	GuildMessages: 512, // 1 << 9
	GuildMessageReactions: 1024, // 1 << 10
	DirectMessages: 4096, // 1 << 12
	MessageContent: 32768, // 1 << 15
} as const satisfies Partial<typeof GatewayIntentBits>;

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
	ManageMessages: 1n << 13n,
	ManageThreads: 1n << 34n,
	SendMessagesInThreads: 1n << 38n,
} as const;

export const ALL_PERMISSIONS = (1n << 53n) - 1n;

export const DEFAULT_MEMBER_PERMISSIONS =
	Permission.ViewChannel |
	Permission.SendMessages |
	Permission.EmbedLinks |
	Permission.ReadMessageHistory |
	Permission.AddReactions |
	Permission.SendMessagesInThreads |
	Permission.UseApplicationCommands;

export const InteractionType = {
	Ping: 1,
	ApplicationCommand: 2,
	MessageComponent: 3,
	Autocomplete: 4,
} as const satisfies Record<string, ApiInteractionType>;

export const CallbackType = {
	ChannelMessageWithSource: 4,
	DeferredChannelMessageWithSource: 5,
	DeferredUpdateMessage: 6,
	UpdateMessage: 7,
	ApplicationCommandAutocompleteResult: 8,
	Modal: 9,
} as const satisfies Record<string, InteractionResponseType>;

export const EPHEMERAL = 64 satisfies MessageFlags.Ephemeral; // 1 << 6
/** A deferred response's placeholder ("… is thinking"), cleared by the edit that fills it. */
export const LOADING = 128 satisfies MessageFlags.Loading; // 1 << 7

export const ChannelType = {
	GuildText: 0,
	DM: 1,
	PublicThread: 11,
	GuildForum: 15,
} as const satisfies Partial<typeof ApiChannelType>;

export const MessageType = {
	Default: 0,
	Reply: 19,
	ChatInputCommand: 20,
	ContextMenuCommand: 23,
} as const satisfies Partial<typeof ApiMessageType>;

/** Application command types: slash commands and the message context-menu ("Apps") commands. */
export const CommandType = {
	ChatInput: 1,
	Message: 3,
} as const satisfies Partial<typeof ApplicationCommandType>;

/** Application flags: the privileged intents enabled in the developer portal. */
export const ApplicationFlag = {
	GatewayPresence: 4096, // 1 << 12
	GatewayGuildMembers: 16384, // 1 << 14
	GatewayMessageContent: 262144, // 1 << 18
} as const satisfies Partial<typeof ApplicationFlags>;
