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

export interface EngineResult {
	kind: 'engine';
	size: SizeName;
	documents: number;
	entries: number;
	alternates: number;
	buildMs: number;
	reloadMs: number;
	/** Each question was asked this many times; its median time is what the latency figures use. */
	passes: number;
	/** Modules loaded, no knowledge yet. */
	empty: Memory;
	disk?: { writeMs: number; files: number; mib: number; loadMs: number; buildMs: number; problems: number };
	baseline: Memory;
	afterBuild: Memory;
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
