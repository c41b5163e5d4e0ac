import type { MessageMentionOptions } from 'discord.js';

/**
 * Nothing the bot sends may ping anyone: knowledge text, echoed questions or a user's "@everyone"
 * stay inert. Set as the Client default and again on every reply, so no single call can forget it.
 */
export const NO_MENTIONS = { parse: [], repliedUser: false } as const satisfies MessageMentionOptions;
