/**
 * What moderators do with the learning loop, for every interface (Discord, the console, the
 * command line): list the unanswered questions in clusters, see the stats, and turn a cluster
 * into an alternate phrasing of a topic — or dismiss it. Each action reads the store afresh and
 * names a cluster by its key, so a button or menu needs no state kept in memory.
 */
import type { KnowledgeService, ReloadReport } from '../answer/service.js';
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

/** The abstentions of the last `days` days no moderator has dealt with, in clusters. */
export async function unansweredReport(
	store: Pick<LearningStore, 'questions'>,
	days: number,
	now = Date.now(),
): Promise<UnansweredReport> {
	const questions = await store.questions({
		since: now - days * DAY_MS,
		outcome: 'abstained',
		unresolved: true,
	});
	return { days, questions: questions.length, clusters: clusterQuestions(questions) };
}

/** `/stats`: one summary per period (7 and 30 days by default). */
export async function statsReport(
	store: Pick<LearningStore, 'outcomeCounts' | 'votesByTopic'>,
	now = Date.now(),
	periods: readonly number[] = STATS_PERIODS,
): Promise<PeriodStats[]> {
	return Promise.all(
		periods.map(async (days) => {
			const since = now - days * DAY_MS;
			const [counts, votes] = await Promise.all([store.outcomeCounts(since), store.votesByTopic(since)]);
			return periodStats(days, counts, votes);
		}),
	);
}

export type ReviewResult<T> = ({ ok: true } & T) | { ok: false; message: string };

const STALE =
	'That cluster is no longer in the list (new questions joined it, or a moderator dealt with it) — run /unanswered again.';

async function findCluster(
	store: Pick<LearningStore, 'questions'>,
	key: string,
	days: number,
	now: number,
): Promise<QuestionCluster | undefined> {
	const report = await unansweredReport(store, days, now);
	return report.clusters.find((cluster) => cluster.key === key);
}

function failure(what: string, error: unknown): { ok: false; message: string } {
	return { ok: false, message: `${what}: ${error instanceof Error ? error.message : String(error)}` };
}

/** Marks a cluster's questions as dismissed: they leave the list, and nothing else changes. */
export async function dismissCluster(
	store: Pick<LearningStore, 'questions' | 'resolve'>,
	cluster: { key: string; days: number },
	now = Date.now(),
): Promise<ReviewResult<{ dismissed: number }>> {
	try {
		const found = await findCluster(store, cluster.key, cluster.days, now);
		if (!found) return { ok: false, message: STALE };
		return { ok: true, dismissed: await store.resolve(found.questionIds, 'dismissed', now) };
	} catch (error) {
		return failure('The learning database cannot be read or written now', error);
	}
}

export interface AlternateAdded {
	/** What was added where, in one line. */
	summary: string;
	/** A unified diff of the file. */
	diff: string;
	file: string;
	/** How many of the cluster's questions were marked resolved (0 when the database failed after the edit). */
	resolved: number;
	/** The reload after the edit: on this process, or on every shard when the caller gives its own. */
	reload: ReloadReport;
	/** Set when the edit and reload worked but the cluster could not be marked resolved. */
	warning?: string;
}

export interface AddAlternateRequest {
	key: string;
	days: number;
	/** Which of the cluster's closest topics (0-based, as listed). */
	topic: number;
	/** Reloads the knowledge everywhere it is served (default: this service only). */
	reload?: () => Promise<ReloadReport>;
}

/**
 * Writes the cluster's most frequent question as an alternate of one of its closest topics (see
 * knowledge/alternate-editor.ts for how the file is kept safe), reloads, and marks the cluster
 * resolved. A refusal (the file changed on disk, the edit would not validate, ...) writes nothing.
 */
export async function addClusterAsAlternate(
	store: Pick<LearningStore, 'questions' | 'resolve'>,
	service: Pick<KnowledgeService, 'directory' | 'knowledge' | 'fileDigest' | 'reload'>,
	request: AddAlternateRequest,
	now = Date.now(),
): Promise<ReviewResult<AlternateAdded>> {
	let cluster: QuestionCluster | undefined;
	try {
		cluster = await findCluster(store, request.key, request.days, now);
	} catch (error) {
		return failure('The learning database cannot be read now', error);
	}
	if (!cluster) return { ok: false, message: STALE };
	const topic = cluster.topics[request.topic];
	if (!topic) return { ok: false, message: 'That topic is not among the cluster’s closest topics.' };
	const document = service.knowledge.documents.find((d) => d.id === topic.documentId);
	if (!document) return { ok: false, message: `The document '${topic.documentId}' is not loaded any more.` };
	if (topic.kind === 'fact') return { ok: false, message: 'Facts have no alternates to add to.' };

	// Loaded when a moderator adds one: the editor brings the YAML and Markdown parsers, which the
	// bot's own thread otherwise never needs (its knowledge is parsed in workers).
	const { addAlternate } = await import('../knowledge/alternate-editor.js');
	const edit = await addAlternate({
		knowledgeDir: service.directory,
		file: document.file,
		topic: { kind: topic.kind, title: topic.title },
		question: cluster.question,
		expectedDigest: service.fileDigest(document.file),
	});
	if (!edit.ok) return { ok: false, message: edit.message };

	const reload = await (request.reload ?? (() => service.reload()))();
	const added = { summary: edit.summary, diff: edit.diff, file: edit.file, reload };
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
