import { OAuth2Scopes, PermissionFlagsBits, PermissionsBitField, type BaseInteraction } from 'discord.js';

/**
 * The channel permissions the bot uses, each for a reason in the code; `npm run invite` asks for
 * exactly these and README's "Connect it to Discord" lists them. Slash-command and button replies
 * go through the interaction webhook and need none of them.
 */
export const BOT_PERMISSIONS = {
	/** See the channels it answers in (mentions, answer channels). */
	ViewChannel: PermissionFlagsBits.ViewChannel,
	/** Answer a mention or an answer-channel message (handlers/message.ts). */
	SendMessages: PermissionFlagsBits.SendMessages,
	/** The same inside threads (a thread of an answer channel counts as that channel). */
	SendMessagesInThreads: PermissionFlagsBits.SendMessagesInThreads,
	/** The answer is an embed (render.ts); without this Discord drops it. */
	EmbedLinks: PermissionFlagsBits.EmbedLinks,
	/** The ⏳ reaction on a question refused by the cooldown. */
	AddReactions: PermissionFlagsBits.AddReactions,
	/** Answers are replies to the question, which Discord allows only with the history readable. */
	ReadMessageHistory: PermissionFlagsBits.ReadMessageHistory,
} as const;

export const BOT_PERMISSION_BITS: bigint = new PermissionsBitField(Object.values(BOT_PERMISSIONS)).bitfield;

/** `bot` to join the server, `applications.commands` for the slash commands. */
export const INVITE_SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands] as const;

/** The OAuth2 URL a server owner opens to add the bot with exactly those permissions. */
export function inviteUrl(applicationId: string): string {
	const url = new URL('https://discord.com/oauth2/authorize');
	url.searchParams.set('client_id', applicationId);
	url.searchParams.set('scope', INVITE_SCOPES.join(' '));
	url.searchParams.set('permissions', BOT_PERMISSION_BITS.toString());
	return url.toString();
}

/**
 * The run-time check of a command for some members only: in a server, a member with `permission`
 * (in this channel) or with one of `roleIds`.
 */
export function memberMayUse(
	interaction: BaseInteraction,
	permission: bigint,
	roleIds: readonly string[],
): boolean {
	if (!interaction.inGuild()) return false;
	if (interaction.memberPermissions.has(permission)) return true;
	const roles = interaction.member.roles;
	const memberRoleIds = Array.isArray(roles) ? roles : [...roles.cache.keys()];
	return memberRoleIds.some((id) => roleIds.includes(id));
}
