import type {
	AutocompleteInteraction,
	ChatInputCommandInteraction,
	RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from './context.js';

/**
 * A slash command, discord-utils-bot style: its registration is plain API data, deployed as is by
 * `npm run deploy-commands`, next to the code that runs it.
 */
export interface Command {
	data: RESTPostAPIChatInputApplicationCommandsJSONBody;
	/** Whether a use counts toward the per-user cooldown (commands that post in the channel do). */
	cooldown: boolean;
	execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
	autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
}
