import { MessageFlags, type APIEmbed, type ChatInputCommandInteraction } from 'discord.js';
import type { Command } from '../command.js';
import type { BotContext } from '../context.js';
import { EMBED_DESCRIPTION_MAX, EMBED_FIELD_VALUE_MAX, EMBED_TITLE_MAX } from '../limits.js';
import { NO_MENTIONS } from '../mentions.js';
import { ANSWER_COLOR } from '../render.js';
import { joinLinesWithin, truncate } from '../truncate.js';
import { autocompleteTitle, documentFromTitle, titleCommandData } from './title-option.js';

export const data = titleCommandData('cast', 'Who is in a film, with their roles, and who directed it');

export async function execute(
	interaction: ChatInputCommandInteraction,
	{ service }: BotContext,
): Promise<void> {
	const engine = service.engine;
	const document = documentFromTitle(interaction, engine);
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
