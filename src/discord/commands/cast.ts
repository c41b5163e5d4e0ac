import {
	ApplicationIntegrationType,
	InteractionContextType,
	MessageFlags,
	type APIEmbed,
	type ChatInputCommandInteraction,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command } from '../command.js';
import type { BotContext } from '../context.js';
import { resolveDocument } from '../documents.js';
import { EMBED_DESCRIPTION_MAX, EMBED_FIELD_VALUE_MAX, EMBED_TITLE_MAX } from '../limits.js';
import { NO_MENTIONS } from '../mentions.js';
import { parseOptions } from '../options.js';
import { ANSWER_COLOR } from '../render.js';
import { joinLinesWithin, truncate } from '../text.js';
import { autocompleteTitle, titleOption, titleOptionsSchema } from './title-option.js';

export const data = {
	name: 'cast',
	description: 'Who is in a film, with their roles, and who directed it',
	options: [titleOption],
	contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
	integration_types: [ApplicationIntegrationType.GuildInstall],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(
	interaction: ChatInputCommandInteraction,
	{ service }: BotContext,
): Promise<void> {
	const { title } = parseOptions(interaction, titleOptionsSchema);
	const engine = service.engine;
	const document = resolveDocument(engine, title);
	const facts = engine.facts(document.id);
	if (!facts || (facts.cast.length === 0 && facts.directors.length === 0)) {
		await interaction.reply({
			content: `The knowledge doesn't list a cast for **${document.title}**.`,
			flags: MessageFlags.Ephemeral,
			allowedMentions: NO_MENTIONS,
		});
		return;
	}
	const lines = facts.cast.map((member) => `**${member.name}**${member.role ? ` as ${member.role}` : ''}`);
	const embed: APIEmbed = {
		color: ANSWER_COLOR,
		title: truncate(`Cast — ${document.title}`, EMBED_TITLE_MAX),
		...(lines.length > 0
			? { description: joinLinesWithin(lines, EMBED_DESCRIPTION_MAX, (n) => `…and ${n} more`) }
			: {}),
		fields:
			facts.directors.length > 0
				? [
						{
							name: facts.directors.length === 1 ? 'Director' : 'Directors',
							value: truncate(facts.directors.map((d) => d.name).join(', '), EMBED_FIELD_VALUE_MAX),
						},
					]
				: [],
	};
	await interaction.reply({ embeds: [embed], allowedMentions: NO_MENTIONS });
}

export const cast: Command = { data, cooldown: true, execute, autocomplete: autocompleteTitle };
