import type { ChatInputCommandInteraction } from 'discord.js';
import type { Command } from '../command.js';
import type { BotContext } from '../context.js';
import { MESSAGE_CONTENT_MAX } from '../limits.js';
import { respond } from '../reply.js';
import { joinLinesWithin, LIST_ITEM_MAX, QUOTED_NAME_MAX, truncate } from '../truncate.js';
import { autocompleteTitle, documentFromTitle, titleCommandData } from './title-option.js';

export const data = titleCommandData(
	'faq',
	'The frequently asked questions of a document (only you see the list)',
);

export async function execute(
	interaction: ChatInputCommandInteraction,
	{ service }: BotContext,
): Promise<void> {
	const engine = service.engine;
	const document = documentFromTitle(interaction, engine);
	const questions = engine.faqQuestions(document.id);
	const heading = `**FAQ — ${truncate(document.title, QUOTED_NAME_MAX)}**`;
	const footer = 'Ask any of them with `/ask`.';
	const content =
		questions.length === 0
			? `**${document.title}** has no FAQ entries.`
			: [
					heading,
					joinLinesWithin(
						questions.map((q, i) => `${i + 1}. ${truncate(q, LIST_ITEM_MAX)}`),
						MESSAGE_CONTENT_MAX - heading.length - footer.length - 2,
					),
					footer,
				].join('\n');
	await respond(interaction, { content }, { ephemeral: true });
}

export const faq: Command = { data, cooldown: false, execute, autocomplete: autocompleteTitle };
