/**
 * Where a moderator's "add as alternate" (from /unanswered) is written, and what they are told of
 * the reload that follows. Hosts keep their own copies of the knowledge folder, so:
 *
 * - with REDIS_URL under `npm run start:sharded`, the edit itself (file, entry, alternate, the
 *   file's hash before) is published; every host's shard manager applies it to its own copy with
 *   the same byte-exact editor and validation, then reloads its shards. This shard only checks
 *   beforehand that the edit would take on its own copy (so a refusal publishes nothing) and keeps
 *   the diff to show; the cluster counts as dealt with only once this host has the alternate;
 * - otherwise the editor writes this host's folder and every shard of this host reloads.
 */
import type { KnowledgeService } from '../answer/service.js';
import type { Config } from '../config.js';
import { writeHere, type AlternateToWrite, type WriteOutcome } from '../learning-loop/review.js';
import { formatCrossHostReload, formatReloadSummary } from './commands/reload.js';
import type { BotContext } from './context.js';
import type { CrossHostOutcome, KnowledgeEdits } from './shard-coordination.js';

export type AlternateWriter = (alternate: AlternateToWrite) => Promise<WriteOutcome<string>>;

/** What the writer needs of the bot's context. */
export interface WriterContext extends Pick<BotContext, 'knowledgeEdits' | 'reloadEverywhere'> {
	config: Pick<Config, 'hostId'>;
	service: Pick<KnowledgeService, 'directory' | 'fileDigest'>;
}

/** The writer for this bot: across hosts when it can reach them, else this host. The reload as reply text. */
export function alternateWriter(context: WriterContext): AlternateWriter {
	const edits = context.knowledgeEdits;
	if (!edits)
		return writeHere(context.service, async () => formatReloadSummary(await context.reloadEverywhere()));
	return (alternate) => publish(edits, context, alternate);
}

/** Did this host end up with the alternate in its copy (written now, or there already)? */
function thisHostHasIt(outcome: CrossHostOutcome, hostId: string): { ok: true } | { ok: false; why: string } {
	const edit = outcome.summary.hosts.find((host) => host.hostId === hostId)?.edit;
	if (!edit) return { ok: false, why: `this host (${hostId}) did not report on the edit in time` };
	if (edit.status === 'refused')
		return { ok: false, why: `this host (${hostId}) did not add it: ${edit.reason}` };
	return { ok: true };
}

async function publish(
	edits: KnowledgeEdits,
	context: Pick<WriterContext, 'config' | 'service'>,
	alternate: AlternateToWrite,
): Promise<WriteOutcome<string>> {
	const edit = edits.editFor(alternate.file, alternate.topic, alternate.question);
	// Same lazy load as the writer of one host: the editor brings the parsers.
	const { previewAlternate } = await import('../knowledge/alternate-editor.js');
	const preview = await previewAlternate({
		knowledgeDir: context.service.directory,
		...alternate,
		expectedDigest: edit?.beforeHash,
	});
	if (!preview.ok) return { ok: false, message: preview.message };
	if (!edit) return { ok: false, message: `${alternate.file} is not in the live knowledge — run /reload.` };

	const outcome = await edits.addAlternate(edit);
	const reply = formatCrossHostReload(outcome);
	const here = thisHostHasIt(outcome, context.config.hostId);
	if (!here.ok)
		return { ok: false, message: `${here.why}, so the cluster stays on the list.`, elsewhere: reply };
	return { ok: true, summary: preview.summary, diff: preview.diff, file: preview.file, reload: reply };
}
