import type { ChatInputCommandInteraction } from 'discord.js';
import { commandsByName } from '../commands/index.js';
import type { BotContext } from '../context.js';
import { cooldownNotice } from '../cooldown-notice.js';
import { respondPrivately } from '../reply.js';
import { runCommand } from './run-command.js';

/** Runs a slash command: cooldown, then the command; failures become a private error reply. */
export function handleCommand(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	const command = commandsByName.get(interaction.commandName);
	return runCommand(interaction, context, command, {
		kind: 'command',
		admit: async () => {
			if (!command?.cooldown) return true;
			const cooldown = await context.cooldowns.take(interaction.user.id);
			if (cooldown.ok) return true;
			await respondPrivately(interaction, cooldownNotice(cooldown.retryAt));
			return false;
		},
	});
}
