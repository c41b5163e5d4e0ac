import {
	ApplicationCommandOptionType,
	ApplicationIntegrationType,
	InteractionContextType,
	type ChatInputCommandInteraction,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import type { Command } from '../command.js';
import type { BotContext } from '../context.js';
import { parseOptions } from '../options.js';
import { recordedAnswer } from '../recorded-answer.js';
import { respond } from '../reply.js';
import { autocompleteTopic } from './topic-option.js';

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

export const autocomplete = autocompleteTopic;

export const ask: Command = { data, cooldown: true, execute, autocomplete };
