import type { AutocompleteInteraction } from 'discord.js';
import { commandsByName } from '../commands/index.js';
import type { BotContext } from '../context.js';
import { respondWithChoices } from '../reply.js';

/** Autocomplete never counts toward the cooldown and never fails loudly: worst case, no choices. */
export async function handleAutocomplete(
	interaction: AutocompleteInteraction,
	context: BotContext,
): Promise<void> {
	const command = commandsByName.get(interaction.commandName);
	try {
		if (!command?.autocomplete) {
			await respondWithChoices(interaction, []);
			return;
		}
		await command.autocomplete(interaction, context);
	} catch (error) {
		context.logger.warn(
			{ err: error, interactionId: interaction.id, command: interaction.commandName },
			'autocomplete failed',
		);
		if (!interaction.responded) await respondWithChoices(interaction, []).catch(() => undefined);
	}
}
