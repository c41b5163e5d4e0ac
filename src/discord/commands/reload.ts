import {
	ApplicationIntegrationType,
	InteractionContextType,
	PermissionFlagsBits,
	type BaseInteraction,
	type ChatInputCommandInteraction,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { reloadResult } from '../../answer/commands.js';
import type { ReloadReport } from '../../answer/service.js';
import { formatBusSummary } from '../../coordination/reload-reply-text.js';
import { count } from '../../knowledge/report.js';
import type { Command } from '../command.js';
import type { BotContext } from '../context.js';
import type { ReloadSummary } from '../cross-shard-reload.js';
import type { CrossHostOutcome } from '../shard-coordination.js';
import { MESSAGE_CONTENT_MAX } from '../limits.js';
import { memberMayUse } from '../permissions.js';
import { deferResponse, respond, respondPrivately } from '../reply.js';
import { joinLinesWithin, LIST_ITEM_MAX, truncate } from '../truncate.js';

export const data = {
	name: 'reload',
	description: 'Moderators: reload the knowledge base on every shard',
	// Hidden from members without Manage Server by default; server admins can grant it to roles.
	default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
	dm_permission: false,
	contexts: [InteractionContextType.Guild],
	integration_types: [ApplicationIntegrationType.GuildInstall],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * The runtime check behind the default permission (which server admins can override per role):
 * Manage Server, or one of the configured moderator roles. Buttons and menus of moderators' replies
 * check it again: a role taken away since is taken away now.
 */
export function isModerator(interaction: BaseInteraction, moderatorRoleIds: readonly string[]): boolean {
	return memberMayUse(interaction, PermissionFlagsBits.ManageGuild, moderatorRoleIds);
}

/** The moderator's view of a reload: how many shards took it, what changed, or what is wrong. */
export function formatReloadSummary(summary: ReloadSummary): string {
	const took = summary.results.filter((r) => r.report.ok).flatMap((r) => r.shardIds);
	const refused = summary.results.filter((r) => !r.report.ok).flatMap((r) => r.shardIds);
	const shards = (n: number) => `${n} of ${count(summary.shardCount, 'shard')}`;
	const first = summary.results.find((r) => r.report.ok);
	const failed = summary.results.find((r) => !r.report.ok);
	const lines: string[] = [];
	const details: string[] = [];

	if (first) {
		const result = reloadResult(first.report);
		lines.push(`✅ Knowledge reloaded on ${shards(took.length)}.`);
		if (result.ok) {
			lines.push(`Now serving ${result.serving}.`);
			details.push(...result.changes.map((line) => truncate(line, LIST_ITEM_MAX)));
		}
	}
	if (failed) {
		const result = reloadResult(failed.report);
		lines.push(
			first
				? `⚠️ ${shards(refused.length)} refused the new knowledge and keep serving the old:`
				: `❌ Reload refused — the current knowledge keeps serving (${shards(refused.length)}). Problems:`,
		);
		if (!result.ok)
			details.push(...result.problems.map((problem) => `• ${truncate(problem, LIST_ITEM_MAX)}`));
	}
	if (summary.unreachable.length > 0)
		lines.push(
			`⚠️ Not every shard could be reached: ${truncate(summary.unreachable.join('; '), LIST_ITEM_MAX)}`,
		);

	const head = lines.join('\n');
	return `${head}\n${joinLinesWithin(details, MESSAGE_CONTENT_MAX - head.length - 1)}`;
}

/** What this shard's own reload changed (or why it refused), the lines under a cross-host headline. */
function ownReloadLines(own: ReloadReport | undefined): string[] {
	if (!own) return [];
	const result = reloadResult(own);
	return result.ok
		? [
				`This shard now serves ${result.serving}.`,
				...result.changes.map((line) => truncate(line, LIST_ITEM_MAX)),
			]
		: result.problems.map((problem) => `• ${truncate(problem, LIST_ITEM_MAX)}`);
}

/**
 * The moderator's view of a reload across hosts: how many shards on how many hosts took it, the
 * knowledge version they agree on (or which hosts differ), who did not answer, then what changed.
 */
export function formatCrossHostReload(outcome: CrossHostOutcome): string {
	const head = truncate(formatBusSummary(outcome.summary), MESSAGE_CONTENT_MAX - 100);
	const details = ownReloadLines(outcome.own);
	return details.length === 0
		? head
		: `${head}\n${joinLinesWithin(details, MESSAGE_CONTENT_MAX - head.length - 1)}`;
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	if (!isModerator(interaction, context.config.moderatorRoleIds)) {
		await respondPrivately(
			interaction,
			'Only moderators can reload the knowledge (Manage Server or a moderator role).',
		);
		return;
	}
	// Loading and asking every shard can take longer than the 3 s an interaction may wait.
	await deferResponse(interaction, { ephemeral: true });
	if (context.knowledgeEdits) {
		const outcome = await context.knowledgeEdits.reload();
		const { summary } = outcome;
		context.logger.info(
			{
				userId: interaction.user.id,
				reach: summary.reach,
				reported: summary.reports.map((r) => ({ shardId: r.shardId, hostId: r.hostId, ok: r.ok })),
				missing: summary.missing.map((shard) => shard.shardId),
				version: summary.version,
			},
			'cross-host reload requested',
		);
		await respond(interaction, { content: formatCrossHostReload(outcome) });
		return;
	}
	const summary = await context.reloadEverywhere();
	context.logger.info(
		{
			userId: interaction.user.id,
			shardCount: summary.shardCount,
			ok: summary.results.map((r) => ({ shardIds: r.shardIds, ok: r.report.ok })),
		},
		'reload requested',
	);
	await respond(interaction, { content: formatReloadSummary(summary) });
}

export const reload: Command = { data, cooldown: false, execute };
