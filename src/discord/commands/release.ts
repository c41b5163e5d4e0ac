import { TimestampStyles, time, type ChatInputCommandInteraction } from 'discord.js';
import type { Command } from '../command.js';
import type { BotContext } from '../context.js';
import { respond } from '../reply.js';
import { autocompleteTitle, documentFromTitle, titleCommandData } from './title-option.js';

export const data = titleCommandData('release', 'When a film comes out, in your own time zone');

/** Midnight UTC of an ISO date, in Unix seconds, for Discord's `<t:…>` timestamps. */
export function releaseUnixSeconds(isoDate: string): number {
	return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / 1000);
}

export async function execute(
	interaction: ChatInputCommandInteraction,
	{ service }: BotContext,
): Promise<void> {
	const engine = service.engine;
	const document = documentFromTitle(interaction, engine);
	const date = engine.facts(document.id)?.releaseDate;
	if (!date) {
		await respond(
			interaction,
			{ content: `The knowledge doesn't give a release date for **${document.title}**.` },
			{ ephemeral: true },
		);
		return;
	}
	const seconds = releaseUnixSeconds(date);
	await respond(interaction, {
		content: `**${document.title}** — release date: ${time(seconds, TimestampStyles.LongDate)} (${time(seconds, TimestampStyles.RelativeTime)}).`,
	});
}

export const release: Command = { data, cooldown: true, execute, autocomplete: autocompleteTitle };
