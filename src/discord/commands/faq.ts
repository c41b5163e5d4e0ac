import {
	ApplicationCommandOptionType,
	userMention,
	type AutocompleteInteraction,
	type ChatInputCommandInteraction,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import { factKind, faqResult, faqTopicResult } from '../../answer/commands.js';
import type { AnswerKind } from '../../answer/types.js';
import type { Command } from '../command.js';
import type { BotContext } from '../context.js';
import { cooldownNotice } from '../cooldown-notice.js';
import { MESSAGE_CONTENT_MAX } from '../limits.js';
import { optionalText, parseFocused, parseOptions } from '../options.js';
import { renderAnswer } from '../render.js';
import { respond, respondPrivately } from '../reply.js';
import { joinLinesWithin, LIST_ITEM_MAX, QUOTED_NAME_MAX, truncate } from '../truncate.js';
import { autocompleteTitle, titleCommandData, titleOptionsSchema } from './title-option.js';
import { autocompleteTopic } from './topic-option.js';

const TOPIC_MAX = 300;

const list = titleCommandData(
	'faq',
	'The FAQ questions (only you see them), or post one topic’s answer with topic:',
);

export const data = {
	...list,
	options: [
		{
			type: ApplicationCommandOptionType.String,
			name: 'topic',
			description: 'Post this topic’s answer in the channel (pick one as you type)',
			required: false,
			autocomplete: true,
			max_length: TOPIC_MAX,
		},
		{
			type: ApplicationCommandOptionType.User,
			name: 'user',
			description: 'Mention them with the answer (only them)',
			required: false,
		},
		...list.options,
	],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const optionsSchema = titleOptionsSchema.extend({
	topic: optionalText(TOPIC_MAX),
	user: z
		.string()
		.regex(/^\d{17,20}$/)
		.optional(),
});

/** Today's list of a document's FAQ questions, privately. */
async function listQuestions(
	interaction: ChatInputCommandInteraction,
	{ service }: BotContext,
	title?: string,
): Promise<AnswerKind> {
	const result = faqResult(service.engine, title);
	if (!result.ok) {
		await respondPrivately(interaction, result.notice);
		return factKind(result);
	}
	const heading = `**FAQ — ${truncate(result.document.title, QUOTED_NAME_MAX)}**`;
	const footer = 'Ask any of them with `/ask`.';
	const questions = joinLinesWithin(
		result.questions.map((q, i) => `${i + 1}. ${truncate(q, LIST_ITEM_MAX)}`),
		MESSAGE_CONTENT_MAX - heading.length - footer.length - 2,
	);
	await respondPrivately(interaction, [heading, questions, footer].join('\n'));
	return factKind(result);
}

/**
 * One topic's answer, posted in the channel; with `user`, mentioning them — the only ping the
 * message allows, whatever the answer says. It posts, so it counts toward the cooldown. What it
 * answered, or undefined when the cooldown refused it (counted as a refusal, not a question).
 */
async function postTopic(
	interaction: ChatInputCommandInteraction,
	context: BotContext,
	{ topic, user, title }: { topic: string; user?: string; title?: string },
): Promise<AnswerKind | undefined> {
	const result = faqTopicResult(context.service.engine, topic, title);
	if (!result.ok) {
		await respondPrivately(interaction, result.notice);
		return factKind(result);
	}
	const cooldown = await context.cooldowns.take(interaction.user.id);
	if (!cooldown.ok) {
		await respondPrivately(interaction, cooldownNotice(cooldown.retryAt));
		return undefined;
	}
	const { answer } = result;
	const about = truncate(answer.source?.title ?? topic, QUOTED_NAME_MAX);
	await respond(
		interaction,
		{
			...renderAnswer(answer),
			...(user ? { content: `${userMention(user)}, this answers “${about}”:` } : {}),
		},
		user ? { pings: { users: [user] } } : {},
	);
	return answer.kind;
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	const { topic, user, title } = parseOptions(interaction, optionsSchema);
	const answered = context.metrics.startAnswer();
	const kind =
		topic === undefined
			? await listQuestions(interaction, context, title)
			: await postTopic(interaction, context, {
					topic,
					...(user ? { user } : {}),
					...(title ? { title } : {}),
				});
	if (kind) answered(kind);
}

export function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
	return parseFocused(interaction).name === 'topic'
		? autocompleteTopic(interaction, context)
		: autocompleteTitle(interaction, context);
}

export const faq: Command = { data, cooldown: false, execute, autocomplete };
