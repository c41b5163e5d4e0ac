/**
 * A host's shards as the cross-host bus sees them (its HostActions): each shard process reloaded
 * on its own, so a dead or hung shard gives one failed report and the others still reload; an edit
 * applied to this host's knowledge folder with the byte-exact editor. Used by the shard manager
 * (answering requests from Redis) and by a shard process (its own host, when Redis is down).
 */
import type { HostActions } from '../coordination/host-actions.js';
import { applyKnowledgeEdit } from '../coordination/knowledge-edit.js';
import { clip, type ShardOutcome } from '../coordination/messages.js';
import type { ShardReloadResult } from './cross-shard-reload.js';

export interface ShardProcessActionsOptions {
	/** This host's shards. */
	shardIds: readonly number[];
	/** Reloads one shard process through its reload hook. */
	reloadShard(shardId: number): Promise<ShardReloadResult>;
	/** This host's copy of the knowledge folder. */
	knowledgeDir: string;
}

/** One shard's reload as the bus reports it. */
export function shardOutcome(shardId: number, result: ShardReloadResult): ShardOutcome {
	const { report, version } = result;
	if (report.ok) return { shardId, ok: true, version, counts: report.counts };
	const reason = report.problems.map((problem) => `${problem.file}: ${problem.message}`).join('; ');
	return { shardId, ok: false, reason: clip(reason || 'the reload was refused'), version };
}

export function shardProcessActions(options: ShardProcessActionsOptions): HostActions {
	return {
		shardIds: () => options.shardIds,
		reload: () =>
			Promise.all(
				options.shardIds.map((shardId) =>
					options.reloadShard(shardId).then(
						(result) => shardOutcome(shardId, result),
						(error: unknown): ShardOutcome => ({
							shardId,
							ok: false,
							reason: clip(error instanceof Error ? error.message : String(error)),
						}),
					),
				),
			),
		applyEdit: (edit) => applyKnowledgeEdit(options.knowledgeDir, edit),
	};
}
