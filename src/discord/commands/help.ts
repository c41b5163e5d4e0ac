import {
	ApplicationIntegrationType,
	InteractionContextType,
	type ChatInputCommandInteraction,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { helpResult, type CommandSummary } from '../../answer/commands.js';
import type { Command } from '../command.js';
import type { BotContext } from '../context.js';
import { respondPrivately } from '../reply.js';

export const data = {
	name: 'help',
	description: 'What this bot can do and how to ask it',
	contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
	integration_types: [ApplicationIntegrationType.GuildInstall],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export function helpText({ config, service }: BotContext): string {
	const { titles, commands } = helpResult(service.engine);
	const knows =
		titles.length === 0
			? 'No knowledge is loaded right now.'
			: `I know about: ${titles
					.slice(0, 10)
					.map((title) => `**${title}**`)
					.join(', ')}${titles.length > 10 ? ', …' : ''}.`;
	const describe = (command: CommandSummary) =>
		`\`/${command.name}\` — ${command.forModerators ? 'moderators: ' : ''}${command.does}`;
	const ways = ['mention me with your question', 'send me a direct message'];
	if (config.messageContentIntent && config.answerChannelIds.length > 0)
		ways.push(`write in ${config.answerChannelIds.map((id) => `<#${id}>`).join(', ')}`);
	return [
		'I answer questions from this server’s knowledge base and always say where an answer comes from. When I don’t know, I say so and suggest topics I do know.',
		knows,
		'',
		`**Ask:** ${ways.join(', ')}, or use \`/ask\`.`,
		commands
			.filter((command) => !command.forModerators)
			.map(describe)
			.join(' · '),
		...commands.filter((command) => command.forModerators).map(describe),
	].join('\n');
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	await respondPrivately(interaction, helpText(context));
}

export const help: Command = { data, cooldown: false, execute };
