import type { MessageMentionOptions } from 'discord.js';

/**
 * Who a message may ping. Nobody unless named here: knowledge text, an echoed question or a user's
 * "@everyone" stays inert, whatever it contains.
 */
export interface Pings {
	/** The only users the message may ping (a mention of anyone else in it stays inert). */
	users?: readonly string[];
	/** Whether a reply to a message pings that message's author. */
	repliedUser?: boolean;
}

/** Discord's `allowed_mentions` for `pings`: nothing is parsed from the text, only the named may ping. */
export function allowedMentions({ users = [], repliedUser = false }: Pings = {}): MessageMentionOptions {
	return { parse: [], ...(users.length > 0 ? { users: [...users] } : {}), repliedUser };
}
