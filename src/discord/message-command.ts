import type {
	MessageContextMenuCommandInteraction,
	RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from './context.js';

/**
 * A message command (right-click a message → Apps): its registration as plain API data, deployed
 * with the slash commands by `npm run deploy-commands`, next to the code that answers it.
 */
export interface MessageCommand {
	data: RESTPostAPIContextMenuApplicationCommandsJSONBody;
	execute(interaction: MessageContextMenuCommandInteraction, context: BotContext): Promise<void>;
}
