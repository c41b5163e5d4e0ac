import {
	ApplicationCommandOptionType,
	ApplicationIntegrationType,
	InteractionContextType,
	PermissionFlagsBits,
	type BaseInteraction,
	type ButtonInteraction,
	type ChatInputCommandInteraction,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
	type StringSelectMenuInteraction,
} from 'discord.js';
import { z } from 'zod';
import {
	addClusterAsAlternate,
	DEFAULT_UNANSWERED_DAYS,
	dismissCluster,
	MAX_DAYS,
	unansweredReport,
	type UnansweredReport,
} from '../../learning-loop/review.js';
import { DIRECT_MESSAGE } from '../../learning/records.js';
import type { Command } from '../command.js';
import type { BotContext } from '../context.js';
import { alternateWriter } from '../alternate-writer.js';
import {
	alternateAddedBody,
	parseClusterAction,
	parsePageCustomId,
	unansweredPage,
} from '../moderator-views.js';
import { parseOptions } from '../options.js';
import { deferResponse, deferUpdate, respond, respondPrivately } from '../reply.js';
import { isModerator } from './reload.js';

export const data = {
	name: 'unanswered',
	description: 'Moderators: the questions I could not answer, in clusters, to turn into alternates',
	options: [
		{
			type: ApplicationCommandOptionType.Integer,
			name: 'days',
			description: `How many days back (default ${DEFAULT_UNANSWERED_DAYS})`,
			min_value: 1,
			max_value: MAX_DAYS,
		},
	],
	default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
	dm_permission: false,
	contexts: [InteractionContextType.Guild],
	integration_types: [ApplicationIntegrationType.GuildInstall],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const MODERATORS_ONLY =
	'Only moderators can review what the learning loop keeps (Manage Server or a moderator role).';

const optionsSchema = z.object({
	days: z.number().int().min(1).max(MAX_DAYS).default(DEFAULT_UNANSWERED_DAYS),
});

/** Why a moderator's report is not shown: the database failed, answering did not. */
export const unreadable = (error: unknown) =>
	`The learning database cannot be read now (${error instanceof Error ? error.message : String(error)}). Answers are not affected; try again later.`;

/**
 * Whose questions a moderator sees: those asked in the guild the command runs in, never another
 * guild's (the bot may serve many communities from one database).
 */
export const guildOf = (interaction: BaseInteraction): string => interaction.guildId ?? DIRECT_MESSAGE;

/** The report afresh: what this process still queues is written first, so it is in the list. */
async function report(context: BotContext, days: number, guildId: string): Promise<UnansweredReport> {
	await context.learning.flush();
	return unansweredReport(context.learning.store, days, { guildId });
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	if (!isModerator(interaction, context.config.moderatorRoleIds)) {
		await respondPrivately(interaction, MODERATORS_ONLY);
		return;
	}
	const { days } = parseOptions(interaction, optionsSchema);
	await deferResponse(interaction, { ephemeral: true });
	try {
		await respond(interaction, unansweredPage(await report(context, days, guildOf(interaction)), 0));
	} catch (error) {
		context.logger.warn({ err: error }, 'learning store: /unanswered could not read');
		await respond(interaction, { content: unreadable(error) });
	}
}

/** ◀ / ▶ under a page: the list is read again, and the page replaces the one clicked on. */
export async function turnPage(interaction: ButtonInteraction, context: BotContext): Promise<void> {
	const target = parsePageCustomId(interaction.customId);
	if (!target) {
		await respondPrivately(interaction, 'This button no longer works — run /unanswered again.');
		return;
	}
	if (!isModerator(interaction, context.config.moderatorRoleIds)) {
		await respondPrivately(interaction, MODERATORS_ONLY);
		return;
	}
	await deferUpdate(interaction);
	try {
		await respond(
			interaction,
			unansweredPage(await report(context, target.days, guildOf(interaction)), target.page),
		);
	} catch (error) {
		await respond(interaction, { content: unreadable(error), embeds: [], components: [] });
	}
}

/**
 * A choice in a cluster's menu: its question written as an alternate of the chosen topic (then a
 * reload on every shard of every host: see alternate-writer.ts), or the cluster dismissed. The answer is a new private message, so the
 * list stays as it was for the next choice.
 */
export async function actOnCluster(
	interaction: StringSelectMenuInteraction,
	context: BotContext,
): Promise<void> {
	const action = parseClusterAction(interaction.customId, interaction.values);
	if (!action) {
		await respondPrivately(interaction, 'This menu no longer works — run /unanswered again.');
		return;
	}
	if (!isModerator(interaction, context.config.moderatorRoleIds)) {
		await respondPrivately(interaction, MODERATORS_ONLY);
		return;
	}
	// Editing, validating and reloading every shard can take longer than the 3 s Discord waits.
	await deferResponse(interaction, { ephemeral: true });
	// The cluster as it is now, with the questions this process still queues.
	await context.learning.flush();
	const store = context.learning.store;
	const guildId = guildOf(interaction);
	if (action.dismiss) {
		const dismissed = await dismissCluster(store, { ...action, guildId });
		await respond(interaction, {
			content: dismissed.ok
				? `Dismissed: ${dismissed.dismissed} question(s) taken off the list.`
				: `❌ ${dismissed.message}`,
		});
		return;
	}
	const added = await addClusterAsAlternate(store, context.service, {
		key: action.key,
		days: action.days,
		topic: action.topic,
		guildId,
		write: alternateWriter(context),
	});
	context.logger.info(
		{
			userId: interaction.user.id,
			cluster: action.key,
			ok: added.ok,
			...(added.ok ? { file: added.file } : {}),
		},
		'add as alternate',
	);
	if (!added.ok) {
		await respond(interaction, {
			content: added.elsewhere
				? `❌ ${added.message}\n${added.elsewhere}`
				: `❌ Nothing was written: ${added.message}`,
		});
		return;
	}
	await respond(interaction, alternateAddedBody(added));
}

export const unanswered: Command = { data, cooldown: false, execute };
