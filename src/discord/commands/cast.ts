import type { ChatInputCommandInteraction } from 'discord.js';
import { castResult, factKind, type CastResult } from '../../answer/commands.js';
import { castLine } from '../../answer/facts.js';
import type { Command } from '../command.js';
import type { BotContext } from '../context.js';
import { EMBED_DESCRIPTION_MAX } from '../limits.js';
import { ANSWER_COLOR } from '../render.js';
import { respond, respondPrivately, type ReplyBody } from '../reply.js';
import { joinLinesWithin } from '../truncate.js';
import { autocompleteTitle, titleCommandData, titleOf } from './title-option.js';

export const data = titleCommandData('cast', 'Who is in a film, with their roles, and who directed it');

const bold = (text: string) => `**${text}**`;

export async function execute(
	interaction: ChatInputCommandInteraction,
	{ service, metrics }: BotContext,
): Promise<void> {
	const answered = metrics.startAnswer();
	const result = castResult(service.engine, titleOf(interaction));
	if (!result.ok) await respondPrivately(interaction, result.notice);
	else await respond(interaction, castReply(result));
	answered(factKind(result));
}

function castReply({ document, cast, directors }: Extract<CastResult, { ok: true }>): ReplyBody {
	const lines = cast.map((member) => castLine(member, bold));
	return {
		embeds: [
			{
				color: ANSWER_COLOR,
				title: `Cast — ${document.title}`,
				...(lines.length > 0 ? { description: joinLinesWithin(lines, EMBED_DESCRIPTION_MAX) } : {}),
				fields:
					directors.length > 0
						? [
								{
									name: directors.length === 1 ? 'Director' : 'Directors',
									value: directors.map((d) => d.name).join(', '),
								},
							]
						: [],
			},
		],
	};
}

export const cast: Command = { data, cooldown: true, execute, autocomplete: autocompleteTitle };
