import {
	ApplicationCommandOptionType,
	ApplicationIntegrationType,
	InteractionContextType,
	type AutocompleteInteraction,
	type ChatInputCommandInteraction,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import type { Command } from '../command.js';
import type { BotContext } from '../context.js';
import { AUTOCOMPLETE_CHOICES_MAX, CHOICE_NAME_MAX, CHOICE_VALUE_MAX } from '../limits.js';
import { NO_MENTIONS } from '../mentions.js';
import { parseFocused, parseOptions } from '../options.js';
import { renderAnswer } from '../render.js';
import { truncate } from '../truncate.js';

export const QUESTION_MAX = 300;

export const data = {
	name: 'ask',
	description: 'Ask a question; the answer cites where it comes from',
	options: [
		{
			type: ApplicationCommandOptionType.String,
			name: 'question',
			description: 'What you want to know',
			required: true,
			autocomplete: true,
			max_length: QUESTION_MAX,
		},
	],
	contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
	integration_types: [ApplicationIntegrationType.GuildInstall],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const optionsSchema = z.object({
	question: z.string().trim().min(1, 'Please type a question.').max(QUESTION_MAX),
});

export async function execute(
	interaction: ChatInputCommandInteraction,
	{ service, metrics }: BotContext,
): Promise<void> {
	const { question } = parseOptions(interaction, optionsSchema);
	const answered = metrics.startAnswer();
	const answer = service.engine.ask(question);
	await interaction.reply({ ...renderAnswer(answer), allowedMentions: NO_MENTIONS });
	answered(answer.kind);
}

export async function autocomplete(
	interaction: AutocompleteInteraction,
	{ service }: BotContext,
): Promise<void> {
	const { value } = parseFocused(interaction);
	const topics = service.engine.complete(value, AUTOCOMPLETE_CHOICES_MAX);
	const seen = new Set<string>();
	const choices = [];
	for (const topic of topics) {
		const choice = {
			name: truncate(topic.title, CHOICE_NAME_MAX),
			value: truncate(topic.question, CHOICE_VALUE_MAX),
		};
		if (seen.has(choice.value)) continue;
		seen.add(choice.value);
		choices.push(choice);
	}
	await interaction.respond(choices.slice(0, AUTOCOMPLETE_CHOICES_MAX));
}

export const ask: Command = { data, cooldown: true, execute, autocomplete };
