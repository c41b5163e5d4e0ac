/** What a scale-benchmark worker measures for one size; shared by the worker and the report. */

export const SIZES = {
	'1k': { entries: 1_000, perDocument: 500 },
	'10k': { entries: 10_000, perDocument: 500 },
	'100k': { entries: 100_000, perDocument: 500 },
	/** Diagnostic: the same 100k entries in one document, to separate per-document costs. */
	'100k-1doc': { entries: 100_000, perDocument: 100_000 },
	clinc: undefined,
} as const;

export type SizeName = keyof typeof SIZES;

export const QUESTION_COUNT = 500;

export interface Memory {
	rssMiB: number;
	heapUsedMiB: number;
	externalMiB: number;
}

export interface Latency {
	questions: number;
	p50: number;
	p99: number;
	max: number;
	mean: number;
	/** All timings, in question order, for the chart and further analysis. */
	all: number[];
}

/** What `scale-worker.ts <size> prepare` wrote: the knowledge as YAML FAQ lists. */
export interface PrepareResult {
	files: number;
	mib: number;
	writeMs: number;
}

/** What one timed `service.reload()` was checked for. */
export interface EditCheck {
	reload: 'nothing changed' | 'one document edited';
	ok: boolean;
	/** The reload report's diff, in a line. */
	diff: string;
	/** The added FAQ entry's own question is answered with it. */
	newEntryAnswered?: boolean;
	/** Asking the edited entry's question gives the new answer (undefined: it answered another entry). */
	editedAnswerServed?: boolean;
	failures?: string[];
}

export interface EngineResult {
	kind: 'engine';
	size: SizeName;
	documents: number;
	entries: number;
	alternates: number;
	/** The knowledge folder the worker served (one YAML FAQ list per document). */
	disk: PrepareResult & { problems: number };
	/** `KnowledgeService.open`: loadKnowledge + buildEngine of everything (cold start). */
	openMs: number;
	/** `service.reload()` timings, as /reload runs it, one per round. */
	reload: { unchangedMs: number[]; editedMs: number[]; checks: EditCheck[] };
	/** A cold rebuild from a fresh copy on disk, while the service's engine is alive. */
	fresh: { loadMs: number; buildMs: number };
	/** Each question was asked this many times; its median time is what the latency figures use. */
	passes: number;
	/** Modules loaded, nothing else. */
	empty: Memory;
	/** The process before any knowledge: modules and the question list. */
	baseline: Memory;
	/** After `KnowledgeService.open`: the knowledge and the engine, as the bot holds them. */
	afterOpen: Memory;
	/** Heap growth of `loadKnowledge` (the knowledge) and of `buildEngine` (the engine) in the cold rebuild. */
	knowledgeHeapMiB: number;
	engineHeapMiB: number;
	peakRssMiB: number;
	/** Wall-clock time per question (median of `passes`). */
	latency: Latency;
	/** CPU time of this process per question (median of `passes`): less disturbed by other processes. */
	cpu: Latency;
	slowest: { text: string; ms: number; cpuMs: number; kind: string }[];
	/** Extra inputs timed the same way (median of `passes`), e.g. the fuzz tests' slowest ones. */
	extra: { text: string; ms: number; cpuMs: number }[];
	quality: { knownRight: number; known: number; offTopicAbstained: number; offTopic: number };
}

export interface FuseResult {
	kind: 'fuse';
	size: SizeName;
	empty: Memory;
	items: number;
	buildMs: number;
	baseline: Memory;
	afterBuild: Memory;
	peakRssMiB: number;
	latency: Latency;
	/** Why fewer than all questions were asked, if so. */
	capped?: string;
	quality: { knownRight: number; known: number };
}

export type WorkerResult = EngineResult | FuseResult;

/** Timings of one call on the reply path, in ms. */
export interface CallTimes {
	p50: number;
	p99: number;
	max: number;
}

/**
 * What the learning loop adds to the reply path (bench/recorder-cost.ts): recordAnswer() and
 * vote() in the answering thread while the recorder writes to SQLite in its worker thread.
 */
export interface RecorderCost {
	questions: number;
	record: CallTimes;
	vote: CallTimes;
	/** The engine's own time per question, for scale. */
	ask: CallTimes;
	written: number;
	dropped: number;
	failedBatches: number;
}
