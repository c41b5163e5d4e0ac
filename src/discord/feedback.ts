/**
 * 👍 / 👎 under every knowledge answer. A button's custom id carries the vote and the id of the
 * answer's record (`fb|up|<record id>`), so a click needs nothing kept in memory: it works on any
 * shard and after a restart. The learning loop keeps one vote per user and answer; a second click
 * replaces the first.
 */
import {
	ButtonStyle,
	ComponentType,
	type APIActionRowComponent,
	type APIButtonComponentWithCustomId,
	type ButtonInteraction,
} from 'discord.js';
import { z } from 'zod';
import { RECORD_ID_PATTERN, type VoteValue } from '../learning/records.js';
import type { BotContext } from './context.js';
import { respondPrivately } from './reply.js';

const PREFIX = 'fb';

export const VOTE_THANKS = 'Thanks — noted.';
export const VOTE_GONE = 'This button no longer works — try asking again.';

export function voteCustomId(vote: VoteValue, recordId: string): string {
	return `${PREFIX}|${vote}|${recordId}`;
}

const voteIdSchema = z
	.string()
	.regex(new RegExp(`^${PREFIX}\\|(up|down)\\|${RECORD_ID_PATTERN.source.slice(1, -1)}$`))
	.transform((id) => {
		const [, vote, recordId] = id.split('|') as [string, VoteValue, string];
		return { vote, recordId };
	});

/** Whether a button is a 👍/👎 (even one with a forged id: it is answered as a vote that no longer works). */
export function isVoteCustomId(customId: string): boolean {
	return customId.startsWith(`${PREFIX}|`);
}

/** The vote a button carries; undefined for ids this bot never made. */
export function parseVoteCustomId(customId: string): { vote: VoteValue; recordId: string } | undefined {
	const parsed = voteIdSchema.safeParse(customId);
	return parsed.success ? parsed.data : undefined;
}

/** The row of 👍 / 👎 under the answer recorded as `recordId`. */
export function voteButtons(recordId: string): APIActionRowComponent<APIButtonComponentWithCustomId> {
	const button = (vote: VoteValue, emoji: string): APIButtonComponentWithCustomId => ({
		type: ComponentType.Button,
		style: ButtonStyle.Secondary,
		emoji: { name: emoji },
		custom_id: voteCustomId(vote, recordId),
	});
	return { type: ComponentType.ActionRow, components: [button('up', '👍'), button('down', '👎')] };
}

/** A 👍/👎 click: the vote is queued (never waited on by the database) and acknowledged privately. */
export async function handleVote(interaction: ButtonInteraction, context: BotContext): Promise<void> {
	const parsed = parseVoteCustomId(interaction.customId);
	const kept =
		parsed !== undefined && (await context.learning.vote(parsed.recordId, interaction.user.id, parsed.vote));
	await respondPrivately(interaction, kept ? VOTE_THANKS : VOTE_GONE);
}
