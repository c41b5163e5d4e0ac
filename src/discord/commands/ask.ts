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
import { AUTOCOMPLETE_CHOICES_MAX, CHOICE_NAME_MAX } from '../limits.js';
import { parseFocused, parseOptions } from '../options.js';
import { recordedAnswer } from '../recorded-answer.js';
import { respond, respondWithChoices } from '../reply.js';

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

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	const { question } = parseOptions(interaction, optionsSchema);
	const answered = context.metrics.startAnswer();
	const answer = context.service.engine.ask(question);
	await respond(interaction, recordedAnswer(answer, context, interaction.guildId));
	answered(answer.kind);
}

export async function autocomplete(
	interaction: AutocompleteInteraction,
	{ service }: BotContext,
): Promise<void> {
	const { value } = parseFocused(interaction);
	// A topic is offered under a name of at most CHOICE_NAME_MAX characters: matching more of what
	// is typed cannot pick a better one, and would only slow down every keystroke.
	const topics = service.engine.complete(value.slice(0, CHOICE_NAME_MAX), AUTOCOMPLETE_CHOICES_MAX);
	await respondWithChoices(
		interaction,
		topics.map((topic) => ({ name: topic.title, value: topic.question })),
	);
}

export const ask: Command = { data, cooldown: true, execute, autocomplete };
