import type { ChatInputCommandInteraction } from 'discord.js';
import { faqResult } from '../../answer/commands.js';
import type { Command } from '../command.js';
import type { BotContext } from '../context.js';
import { MESSAGE_CONTENT_MAX } from '../limits.js';
import { respondPrivately } from '../reply.js';
import { joinLinesWithin, LIST_ITEM_MAX, QUOTED_NAME_MAX, truncate } from '../truncate.js';
import { autocompleteTitle, titleCommandData, titleOf } from './title-option.js';

export const data = titleCommandData(
	'faq',
	'The frequently asked questions of a document (only you see the list)',
);

export async function execute(
	interaction: ChatInputCommandInteraction,
	{ service }: BotContext,
): Promise<void> {
	const result = faqResult(service.engine, titleOf(interaction));
	if (!result.ok) {
		await respondPrivately(interaction, result.notice);
		return;
	}
	const heading = `**FAQ — ${truncate(result.document.title, QUOTED_NAME_MAX)}**`;
	const footer = 'Ask any of them with `/ask`.';
	const questions = joinLinesWithin(
		result.questions.map((q, i) => `${i + 1}. ${truncate(q, LIST_ITEM_MAX)}`),
		MESSAGE_CONTENT_MAX - heading.length - footer.length - 2,
	);
	await respondPrivately(interaction, [heading, questions, footer].join('\n'));
}

export const faq: Command = { data, cooldown: false, execute, autocomplete: autocompleteTitle };
