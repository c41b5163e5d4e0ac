import type { StringSelectMenuInteraction } from 'discord.js';
import { actOnCluster } from '../commands/unanswered.js';
import type { BotContext } from '../context.js';
import { respondPrivately } from '../reply.js';
import { replyWithError } from './errors.js';

/** A choice in a select menu: the only ones the bot sends are /unanswered's cluster menus. */
export async function handleSelectMenu(
	interaction: StringSelectMenuInteraction,
	context: BotContext,
): Promise<void> {
	const logger = context.logger.child({ interactionId: interaction.id, userId: interaction.user.id });
	try {
		if (interaction.customId.startsWith('un|')) await actOnCluster(interaction, { ...context, logger });
		else await respondPrivately(interaction, 'This menu no longer works.');
	} catch (error) {
		await replyWithError(interaction, error, logger);
	}
}
