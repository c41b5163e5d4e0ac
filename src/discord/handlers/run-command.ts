import type { ChatInputCommandInteraction, MessageContextMenuCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { respondPrivately } from '../reply.js';
import { replyWithError } from './errors.js';

/** A registered command of one kind (slash or message), as its handler finds it by name. */
interface Runnable<I extends ChatInputCommandInteraction | MessageContextMenuCommandInteraction> {
	execute(interaction: I, context: BotContext): Promise<void>;
}

/**
 * What every command interaction gets around its command: a logger naming the interaction, a
 * private notice for a command this build no longer has (deployed commands out of date), and any
 * failure turned into a private error reply. `admit` runs first and may answer instead (a
 * cooldown), returning false to stop there.
 */
export async function runCommand<
	I extends ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
>(
	interaction: I,
	context: BotContext,
	command: Runnable<I> | undefined,
	options: { kind: string; fields?: Record<string, unknown>; admit?: () => Promise<boolean> },
): Promise<void> {
	const logger = context.logger.child({
		interactionId: interaction.id,
		command: interaction.commandName,
		userId: interaction.user.id,
		guildId: interaction.guildId,
		...options.fields,
	});
	try {
		if (!command) {
			logger.warn(`unknown ${options.kind} (are the deployed commands out of date?)`);
			await respondPrivately(interaction, 'I don’t know this command any more — it may have been removed.');
			return;
		}
		// Counted by name only once known: names from outside would make the label values unbounded.
		context.metrics.commandUsed(interaction.commandName);
		if (options.admit && !(await options.admit())) return;
		await command.execute(interaction, { ...context, logger });
		logger.debug(`${options.kind} handled`);
	} catch (error) {
		await replyWithError(interaction, error, logger);
	}
}
