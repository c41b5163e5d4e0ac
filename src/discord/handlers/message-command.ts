import type { MessageContextMenuCommandInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { messageCommandsByName } from '../message-commands/index.js';
import { runCommand } from './run-command.js';

/** Runs a message command; failures become a private error reply. */
export function handleMessageCommand(
	interaction: MessageContextMenuCommandInteraction,
	context: BotContext,
): Promise<void> {
	return runCommand(interaction, context, messageCommandsByName.get(interaction.commandName), {
		kind: 'message command',
		fields: { targetId: interaction.targetId },
	});
}
