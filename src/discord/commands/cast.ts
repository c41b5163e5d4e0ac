import type { APIEmbed, ChatInputCommandInteraction } from 'discord.js';
import type { Command } from '../command.js';
import type { BotContext } from '../context.js';
import { EMBED_DESCRIPTION_MAX } from '../limits.js';
import { ANSWER_COLOR } from '../render.js';
import { respond } from '../reply.js';
import { joinLinesWithin } from '../truncate.js';
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
		await respond(
			interaction,
			{ content: `The knowledge doesn't list a cast for **${document.title}**.` },
			{ ephemeral: true },
		);
		return;
	}
	const lines = facts.cast.map((member) => `**${member.name}**${member.role ? ` as ${member.role}` : ''}`);
	const embed: APIEmbed = {
		color: ANSWER_COLOR,
		title: `Cast — ${document.title}`,
		...(lines.length > 0 ? { description: joinLinesWithin(lines, EMBED_DESCRIPTION_MAX) } : {}),
		fields:
			facts.directors.length > 0
				? [
						{
							name: facts.directors.length === 1 ? 'Director' : 'Directors',
							value: facts.directors.map((d) => d.name).join(', '),
						},
					]
				: [],
	};
	await respond(interaction, { embeds: [embed] });
}

export const cast: Command = { data, cooldown: true, execute, autocomplete: autocompleteTitle };
