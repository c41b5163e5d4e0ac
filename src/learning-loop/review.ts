/**
 * What moderators do with the learning loop, for every interface (Discord, the console, the
 * command line): list the unanswered questions in clusters, see the stats, and turn a cluster
 * into an alternate phrasing of a topic — or dismiss it. Each action reads the store afresh and
 * names a cluster by its key, so a button or menu needs no state kept in memory.
 */
import type { KnowledgeService, ReloadReport } from '../answer/service.js';
import type { EditableTopic } from '../knowledge/alternate-editor.js';
import { clusterQuestions, type QuestionCluster } from '../learning/clusters.js';
import { periodStats, type PeriodStats } from '../learning/stats.js';
import type { LearningStore } from '../storage/store.js';
import { DAY_MS } from './loop.js';

export const DEFAULT_UNANSWERED_DAYS = 30;
export const MAX_DAYS = 365;
export const STATS_PERIODS = [7, 30] as const;

export interface UnansweredReport {
	days: number;
	/** Unanswered questions not yet dealt with, in all clusters. */
	questions: number;
	/** Largest first. */
	clusters: QuestionCluster[];
}

/**
 * Whose questions a report covers. A moderator on Discord sees only their own guild's (its id,
 * or "DM"); the server owner's console and command line see every guild's unless they name one.
 */
export interface ReportScope {
	/** One guild's questions only; every guild's when absent. */
	guildId?: string;
	/** The end of the periods (default: now). */
	now?: number;
}

/** A cluster as a menu names it: its key in the list of the last `days` days, in the guild it was listed for. */
export interface ClusterRef {
	key: string;
	days: number;
	guildId?: string;
}

/** The abstentions of the last `days` days no moderator has dealt with, in clusters. */
export async function unansweredReport(
	store: Pick<LearningStore, 'questions'>,
	days: number,
	{ guildId, now = Date.now() }: ReportScope = {},
): Promise<UnansweredReport> {
	const questions = await store.questions({
		since: now - days * DAY_MS,
		outcome: 'abstained',
		unresolved: true,
		...(guildId === undefined ? {} : { guildId }),
	});
	return { days, questions: questions.length, clusters: clusterQuestions(questions) };
}

/** `/stats`: one summary per period (7 and 30 days by default). */
export async function statsReport(
	store: Pick<LearningStore, 'outcomeCounts' | 'votesByTopic'>,
	{ guildId, now = Date.now() }: ReportScope = {},
	periods: readonly number[] = STATS_PERIODS,
): Promise<PeriodStats[]> {
	return Promise.all(
		periods.map(async (days) => {
			const since = now - days * DAY_MS;
			const [counts, votes] = await Promise.all([
				store.outcomeCounts(since, guildId),
				store.votesByTopic(since, guildId),
			]);
			return periodStats(days, counts, votes);
		}),
	);
}

export type ReviewResult<T> =
	| ({ ok: true } & T)
	| {
			ok: false;
			message: string;
			/** What was done elsewhere all the same (other hosts that added the alternate), when anything was. */
			elsewhere?: string;
	  };

const STALE =
	'That cluster is no longer in the list (new questions joined it, or a moderator dealt with it) — run /unanswered again.';

/** The cluster as it is listed now, in its guild only: a moderator never acts on another guild's questions. */
async function findCluster(
	store: Pick<LearningStore, 'questions'>,
	{ key, days, guildId }: ClusterRef,
	now: number,
): Promise<QuestionCluster | undefined> {
	const report = await unansweredReport(store, days, { now, ...(guildId === undefined ? {} : { guildId }) });
	return report.clusters.find((cluster) => cluster.key === key);
}

function failure(what: string, error: unknown): { ok: false; message: string } {
	return { ok: false, message: `${what}: ${error instanceof Error ? error.message : String(error)}` };
}

/** Marks a cluster's questions as dismissed: they leave the list, and nothing else changes. */
export async function dismissCluster(
	store: Pick<LearningStore, 'questions' | 'resolve'>,
	cluster: ClusterRef,
	now = Date.now(),
): Promise<ReviewResult<{ dismissed: number }>> {
	try {
		const found = await findCluster(store, cluster, now);
		if (!found) return { ok: false, message: STALE };
		return { ok: true, dismissed: await store.resolve(found.questionIds, 'dismissed', now) };
	} catch (error) {
		return failure('The learning database cannot be read or written now', error);
	}
}

export interface AlternateAdded<R = ReloadReport> {
	/** What was added where, in one line. */
	summary: string;
	/** A unified diff of the file. */
	diff: string;
	file: string;
	/** How many of the cluster's questions were marked resolved (0 when the database failed after the edit). */
	resolved: number;
	/** The reload after the edit, as the writer reports it (this process's report by default). */
	reload: R;
	/** Set when the edit and reload worked but the cluster could not be marked resolved. */
	warning?: string;
}

/** The alternate a moderator chose: the cluster's question, into the file holding the topic. */
export interface AlternateToWrite {
	/** Relative to the knowledge folder. */
	file: string;
	topic: EditableTopic;
	question: string;
}

/** What writing an alternate (and reloading) came to; the cluster is resolved only on `ok`. */
export type WriteOutcome<R> = ReviewResult<{ summary: string; diff: string; file: string; reload: R }>;

/**
 * Writes an alternate into this process's knowledge folder with the byte-exact editor (against
 * the bytes `service` loaded), then reloads with `reload`: the writer of one host.
 */
export function writeHere<R>(
	service: Pick<KnowledgeService, 'directory' | 'fileDigest'>,
	reload: () => Promise<R>,
): (alternate: AlternateToWrite) => Promise<WriteOutcome<R>> {
	return async (alternate) => {
		// Loaded when a moderator adds one: the editor brings the YAML and Markdown parsers, which
		// the bot's own thread otherwise never needs (its knowledge is parsed in workers).
		const { addAlternate } = await import('../knowledge/alternate-editor.js');
		const edit = await addAlternate({
			knowledgeDir: service.directory,
			...alternate,
			expectedDigest: service.fileDigest(alternate.file),
		});
		if (!edit.ok) return { ok: false, message: edit.message };
		return { ok: true, summary: edit.summary, diff: edit.diff, file: edit.file, reload: await reload() };
	};
}

export interface AddAlternateRequest<R> extends ClusterRef {
	/** Which of the cluster's closest topics (0-based, as listed). */
	topic: number;
	/** Writes the alternate wherever the knowledge is kept and reloads it wherever it is served. */
	write: (alternate: AlternateToWrite) => Promise<WriteOutcome<R>>;
}

/**
 * Writes the cluster's most frequent question as an alternate of one of its closest topics (see
 * knowledge/alternate-editor.ts for how the file is kept safe) through `request.write`, and marks
 * the cluster resolved once the writer says it was written. A refusal (the file changed on disk,
 * the edit would not validate, ...) leaves the cluster as it was.
 */
export async function addClusterAsAlternate<R>(
	store: Pick<LearningStore, 'questions' | 'resolve'>,
	service: Pick<KnowledgeService, 'knowledge'>,
	request: AddAlternateRequest<R>,
	now = Date.now(),
): Promise<ReviewResult<AlternateAdded<R>>> {
	let cluster: QuestionCluster | undefined;
	try {
		cluster = await findCluster(store, request, now);
	} catch (error) {
		return failure('The learning database cannot be read now', error);
	}
	if (!cluster) return { ok: false, message: STALE };
	const topic = cluster.topics[request.topic];
	if (!topic) return { ok: false, message: 'That topic is not among the cluster’s closest topics.' };
	const document = service.knowledge.documents.find((d) => d.id === topic.documentId);
	if (!document) return { ok: false, message: `The document '${topic.documentId}' is not loaded any more.` };
	if (topic.kind === 'fact') return { ok: false, message: 'Facts have no alternates to add to.' };

	const written = await request.write({
		file: document.file,
		topic: { kind: topic.kind, title: topic.title },
		question: cluster.question,
	});
	if (!written.ok) return written;
	const added = { summary: written.summary, diff: written.diff, file: written.file, reload: written.reload };
	try {
		return { ok: true, ...added, resolved: await store.resolve(cluster.questionIds, 'alternate', now) };
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return {
			ok: true,
			...added,
			resolved: 0,
			warning: `The alternate was added, but its questions could not be marked resolved (${reason}); dismiss the cluster later.`,
		};
	}
}
