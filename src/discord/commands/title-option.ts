import { ApplicationCommandOptionType, type AutocompleteInteraction } from 'discord.js';
import { z } from 'zod';
import type { BotContext } from '../context.js';
import { titleChoices } from '../documents.js';
import { optionalText, parseFocused } from '../options.js';

/** The optional `title` option shared by /release, /cast and /faq. */
export const titleOption = {
	type: ApplicationCommandOptionType.String,
	name: 'title',
	description: 'Which film or document (defaults to the only one, when there is one)',
	required: false,
	autocomplete: true,
	max_length: 200,
} as const;

export const titleOptionsSchema = z.object({ title: optionalText(200) });

export async function autocompleteTitle(
	interaction: AutocompleteInteraction,
	{ service }: BotContext,
): Promise<void> {
	const { value } = parseFocused(interaction);
	await interaction.respond(titleChoices(service.engine, value));
}
