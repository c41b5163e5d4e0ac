import {
	ApplicationCommandOptionType,
	ApplicationIntegrationType,
	InteractionContextType,
	PermissionFlagsBits,
	type ButtonInteraction,
	type ChatInputCommandInteraction,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
	type StringSelectMenuInteraction,
} from 'discord.js';
import { z } from 'zod';
import type { ReloadReport } from '../../answer/service.js';
import {
	addClusterAsAlternate,
	DEFAULT_UNANSWERED_DAYS,
	dismissCluster,
	MAX_DAYS,
	unansweredReport,
	type UnansweredReport,
} from '../../learning-loop/review.js';
import type { Command } from '../command.js';
import type { BotContext } from '../context.js';
import type { ReloadSummary } from '../cross-shard-reload.js';
import {
	alternateAddedBody,
	parseClusterAction,
	parsePageCustomId,
	unansweredPage,
} from '../moderator-views.js';
import { parseOptions } from '../options.js';
import { deferResponse, deferUpdate, respond, respondPrivately } from '../reply.js';
import { formatReloadSummary, isModerator } from './reload.js';

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

/** The report afresh: what this process still queues is written first, so it is in the list. */
async function report(context: BotContext, days: number): Promise<UnansweredReport> {
	await context.learning.flush();
	return unansweredReport(context.learning.store, days);
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	if (!isModerator(interaction, context.config.moderatorRoleIds)) {
		await respondPrivately(interaction, MODERATORS_ONLY);
		return;
	}
	const { days } = parseOptions(interaction, optionsSchema);
	await deferResponse(interaction, { ephemeral: true });
	try {
		await respond(interaction, unansweredPage(await report(context, days), 0));
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
		await respond(interaction, unansweredPage(await report(context, target.days), target.page));
	} catch (error) {
		await respond(interaction, { content: unreadable(error), embeds: [], components: [] });
	}
}

/** The report of a reload on every shard, as addClusterAsAlternate takes it: the first that took, else the refusal. */
function reportOf(summary: ReloadSummary): ReloadReport {
	const first = summary.results.find((result) => result.report.ok) ?? summary.results[0];
	return first?.report ?? { ok: false, problems: [] };
}

/**
 * A choice in a cluster's menu: its question written as an alternate of the chosen topic (then a
 * reload on every shard), or the cluster dismissed. The answer is a new private message, so the
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
	if (action.dismiss) {
		const dismissed = await dismissCluster(store, action);
		await respond(interaction, {
			content: dismissed.ok
				? `Dismissed: ${dismissed.dismissed} question(s) taken off the list.`
				: `❌ ${dismissed.message}`,
		});
		return;
	}
	let summary: ReloadSummary | undefined;
	const added = await addClusterAsAlternate(store, context.service, {
		key: action.key,
		days: action.days,
		topic: action.topic,
		reload: async () => reportOf((summary = await context.reloadEverywhere())),
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
		await respond(interaction, { content: `❌ Nothing was written: ${added.message}` });
		return;
	}
	await respond(interaction, alternateAddedBody(added, summary ? formatReloadSummary(summary) : ''));
}

export const unanswered: Command = { data, cooldown: false, execute };
