import {
	ApplicationIntegrationType,
	InteractionContextType,
	MessageFlags,
	TimestampStyles,
	time,
	type ChatInputCommandInteraction,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command } from '../command.js';
import type { BotContext } from '../context.js';
import { resolveDocument } from '../documents.js';
import { NO_MENTIONS } from '../mentions.js';
import { parseOptions } from '../options.js';
import { autocompleteTitle, titleOption, titleOptionsSchema } from './title-option.js';

export const data = {
	name: 'release',
	description: 'When a film comes out, in your own time zone',
	options: [titleOption],
	contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
	integration_types: [ApplicationIntegrationType.GuildInstall],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Midnight UTC of an ISO date, in Unix seconds, for Discord's `<t:…>` timestamps. */
export function releaseUnixSeconds(isoDate: string): number {
	return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / 1000);
}

export async function execute(
	interaction: ChatInputCommandInteraction,
	{ service }: BotContext,
): Promise<void> {
	const { title } = parseOptions(interaction, titleOptionsSchema);
	const engine = service.engine;
	const document = resolveDocument(engine, title);
	const date = engine.facts(document.id)?.releaseDate;
	if (!date) {
		await interaction.reply({
			content: `The knowledge doesn't give a release date for **${document.title}**.`,
			flags: MessageFlags.Ephemeral,
			allowedMentions: NO_MENTIONS,
		});
		return;
	}
	const seconds = releaseUnixSeconds(date);
	await interaction.reply({
		content: `**${document.title}** — release date: ${time(seconds, TimestampStyles.LongDate)} (${time(seconds, TimestampStyles.RelativeTime)}).`,
		allowedMentions: NO_MENTIONS,
	});
}

export const release: Command = { data, cooldown: true, execute, autocomplete: autocompleteTitle };
