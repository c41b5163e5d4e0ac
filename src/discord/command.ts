import type {
	AutocompleteInteraction,
	ChatInputCommandInteraction,
	RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from './context.js';

/**
 * A slash command: its registration as plain API data (what `npm run deploy-commands` sends as
 * is), next to the code that answers it.
 */
export interface Command {
	data: RESTPostAPIChatInputApplicationCommandsJSONBody;
	/** Whether a use counts toward the per-user cooldown (commands that post in the channel do). */
	cooldown: boolean;
	execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
	autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
}
