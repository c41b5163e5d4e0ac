import {
	ApplicationIntegrationType,
	InteractionContextType,
	type ChatInputCommandInteraction,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command } from '../command.js';
import type { BotContext } from '../context.js';
import { respond } from '../reply.js';

export const data = {
	name: 'help',
	description: 'What this bot can do and how to ask it',
	contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
	integration_types: [ApplicationIntegrationType.GuildInstall],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export function helpText({ config, service }: BotContext): string {
	const documents = service.engine.documents();
	const knows =
		documents.length === 0
			? 'No knowledge is loaded right now.'
			: `I know about: ${documents
					.slice(0, 10)
					.map((d) => `**${d.title}**`)
					.join(', ')}${documents.length > 10 ? ', …' : ''}.`;
	const ways = ['mention me with your question', 'send me a direct message'];
	if (config.messageContentIntent && config.answerChannelIds.length > 0)
		ways.push(`write in ${config.answerChannelIds.map((id) => `<#${id}>`).join(', ')}`);
	return [
		'I answer questions from this server’s knowledge base and always say where an answer comes from. When I don’t know, I say so and suggest topics I do know.',
		knows,
		'',
		`**Ask:** ${ways.join(', ')}, or use \`/ask\`.`,
		'`/release` — release date · `/cast` — cast and director · `/faq` — the FAQ questions',
		'`/reload` — moderators: reload the knowledge after editing it',
	].join('\n');
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	await respond(interaction, { content: helpText(context) }, { ephemeral: true });
}

export const help: Command = { data, cooldown: false, execute };
