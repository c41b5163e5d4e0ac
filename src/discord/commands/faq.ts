import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import type { Command } from '../command.js';
import type { BotContext } from '../context.js';
import { MESSAGE_CONTENT_MAX } from '../limits.js';
import { NO_MENTIONS } from '../mentions.js';
import { joinLinesWithin, truncate } from '../truncate.js';
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
	const heading = `**FAQ — ${truncate(document.title, 200)}**`;
	const footer = 'Ask any of them with `/ask`.';
	const content =
		questions.length === 0
			? `**${document.title}** has no FAQ entries.`
			: [
					heading,
					joinLinesWithin(
						questions.map((q, i) => `${i + 1}. ${truncate(q, 300)}`),
						MESSAGE_CONTENT_MAX - heading.length - footer.length - 2,
						(n) => `…and ${n} more`,
					),
					footer,
				].join('\n');
	await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}

export const faq: Command = { data, cooldown: false, execute, autocomplete: autocompleteTitle };
