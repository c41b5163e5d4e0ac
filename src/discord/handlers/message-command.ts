import type { MessageContextMenuCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { messageCommandsByName } from '../message-commands/index.js';
import { respondPrivately } from '../reply.js';
import { replyWithError } from './errors.js';

/** Runs a message command; failures become a private error reply. */
export async function handleMessageCommand(
	interaction: MessageContextMenuCommandInteraction,
	context: BotContext,
): Promise<void> {
	const logger = context.logger.child({
		interactionId: interaction.id,
		command: interaction.commandName,
		userId: interaction.user.id,
		guildId: interaction.guildId,
		targetId: interaction.targetId,
	});
	const command = messageCommandsByName.get(interaction.commandName);
	try {
		if (!command) {
			logger.warn('unknown message command (are the deployed commands out of date?)');
			await respondPrivately(interaction, 'I don’t know this command any more — it may have been removed.');
			return;
		}
		await command.execute(interaction, { ...context, logger });
		logger.debug('message command handled');
	} catch (error) {
		await replyWithError(interaction, error, logger);
	}
}
