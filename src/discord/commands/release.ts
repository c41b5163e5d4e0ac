import { TimestampStyles, time, type ChatInputCommandInteraction } from 'discord.js';
import { releaseResult, factKind } from '../../answer/commands.js';
import type { Command } from '../command.js';
import type { BotContext } from '../context.js';
import { respond, respondPrivately } from '../reply.js';
import { autocompleteTitle, titleCommandData, titleOf } from './title-option.js';

export const data = titleCommandData('release', 'When a film comes out, in your own time zone');

/** Midnight UTC of an ISO date, in Unix seconds, for Discord's `<t:…>` timestamps. */
export function releaseUnixSeconds(isoDate: string): number {
	return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / 1000);
}

export async function execute(
	interaction: ChatInputCommandInteraction,
	{ service, metrics }: BotContext,
): Promise<void> {
	const answered = metrics.startAnswer();
	const result = releaseResult(service.engine, titleOf(interaction));
	if (result.ok) {
		const seconds = releaseUnixSeconds(result.releaseDate);
		await respond(interaction, {
			content: `**${result.document.title}** — release date: ${time(seconds, TimestampStyles.LongDate)} (${time(seconds, TimestampStyles.RelativeTime)}).`,
		});
	} else await respondPrivately(interaction, result.notice);
	answered(factKind(result));
}

export const release: Command = { data, cooldown: true, execute, autocomplete: autocompleteTitle };
