import {
	ApplicationCommandOptionType,
	ApplicationIntegrationType,
	InteractionContextType,
	type AutocompleteInteraction,
	type ChatInputCommandInteraction,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import type { AnswerEngine } from '../../answer/types.js';
import type { BotContext } from '../context.js';
import { resolveDocument, titleChoices } from '../documents.js';
import { optionalText, parseFocused, parseOptions } from '../options.js';
import { respondWithChoices } from '../reply.js';

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
	await respondWithChoices(interaction, titleChoices(service.engine, value));
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

/** The document a `title` option names, or the only one when it names none. */
export function documentFromTitle(interaction: ChatInputCommandInteraction, engine: AnswerEngine) {
	const { title } = parseOptions(interaction, titleOptionsSchema);
	return resolveDocument(engine, title);
}
