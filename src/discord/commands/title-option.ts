import {
	ApplicationCommandOptionType,
	ApplicationIntegrationType,
	InteractionContextType,
	type AutocompleteInteraction,
	type ChatInputCommandInteraction,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import { documentsMatching } from '../../answer/document-titles.js';
import type { BotContext } from '../context.js';
import { CHOICE_VALUE_MAX } from '../limits.js';
import { optionalText, parseFocused, parseOptions } from '../options.js';
import { respondWithChoices } from '../reply.js';

const TITLE_MAX = 200;

/** The optional `title` option shared by /release, /cast and /faq. */
export const titleOption = {
	type: ApplicationCommandOptionType.String,
	name: 'title',
	description: 'Which film or document (defaults to the only one, when there is one)',
	required: false,
	autocomplete: true,
	max_length: TITLE_MAX,
} as const;

export const titleOptionsSchema = z.object({ title: optionalText(TITLE_MAX) });

/** Autocomplete for `title`: the documents whose title, alias or id contains what is typed. */
export async function autocompleteTitle(
	interaction: AutocompleteInteraction,
	{ service }: BotContext,
): Promise<void> {
	const { value } = parseFocused(interaction);
	await respondWithChoices(
		interaction,
		documentsMatching(service.engine.documents(), value).map((d) => ({
			name: d.title,
			// The id resolves exactly; a title is the fallback for ids too long for a choice value.
			value: d.id.length <= CHOICE_VALUE_MAX ? d.id : d.title,
		})),
	);
}

/** The definition of a command whose only option is `title`: plain data, like every command. */
export function titleCommandData(name: string, description: string) {
	return {
		name,
		description,
		options: [titleOption],
		contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
		integration_types: [ApplicationIntegrationType.GuildInstall],
	} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
}

/** The title the user typed, if any. */
export function titleOf(interaction: ChatInputCommandInteraction): string | undefined {
	return parseOptions(interaction, titleOptionsSchema).title;
}
