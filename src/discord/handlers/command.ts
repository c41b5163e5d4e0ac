import type { ChatInputCommandInteraction } from 'discord.js';
import { commandsByName } from '../commands/index.js';
import type { BotContext } from '../context.js';
import { cooldownNotice } from '../cooldown-notice.js';
import { respondPrivately } from '../reply.js';
import { replyWithError } from './errors.js';

/** Runs a slash command: cooldown, then the command; failures become a private error reply. */
export async function handleCommand(
	interaction: ChatInputCommandInteraction,
	context: BotContext,
): Promise<void> {
	const logger = context.logger.child({
		interactionId: interaction.id,
		command: interaction.commandName,
		userId: interaction.user.id,
		guildId: interaction.guildId,
	});
	const command = commandsByName.get(interaction.commandName);
	try {
		if (!command) {
			logger.warn('unknown command (are the deployed commands out of date?)');
			await respondPrivately(interaction, 'I don’t know this command any more — it may have been removed.');
			return;
		}
		if (command.cooldown) {
			const cooldown = await context.cooldowns.take(interaction.user.id);
			if (!cooldown.ok) {
				await respondPrivately(interaction, cooldownNotice(cooldown.retryAt));
				return;
			}
		}
		await command.execute(interaction, { ...context, logger });
		logger.debug('command handled');
	} catch (error) {
		await replyWithError(interaction, error, logger);
	}
}
