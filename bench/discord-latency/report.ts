/**
 * The Discord latency benchmark's report part: a run's samples (bench/discord-latency/measure.ts)
 * as the Markdown report, its prose and method in bench/discord-latency/report.md.
 */
import { mean, percentile } from '../../testkit/stats.js';
import { renderReport } from '../lib/report-template.js';
import { USERS, WARM_UP, type LatencyRun, type Sample } from './measure.js';

const TARGET_P99_MS = 20;

const f = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

function stats(values: number[]) {
	return {
		p50: percentile(values, 50),
		p95: percentile(values, 95),
		p99: percentile(values, 99),
		max: percentile(values, 100),
		mean: values.length === 0 ? 0 : mean(values),
	};
}

/** The figures of `stats`, formatted. */
function shown(values: number[]): Record<keyof ReturnType<typeof stats>, string> {
	const s = stats(values);
	return { p50: f(s.p50), p95: f(s.p95), p99: f(s.p99), max: f(s.max), mean: f(s.mean) };
}

/** GC time that fell inside a message's dispatch -> reply window. */
function gcWithin(run: LatencyRun, x: Sample): number {
	const end = x.startHr + x.ms;
	let total = 0;
	for (const gc of run.gcPauses) {
		const overlap = Math.min(end, gc.start + gc.duration) - Math.max(x.startHr, gc.start);
		if (overlap > 0) total += overlap;
	}
	return total;
}

const STAGES: [string, (x: Sample) => number][] = [
	['gateway → client', (x) => x.toClientMs],
	['client → handler done', (x) => x.handlerMs],
	['handler done → REST', (x) => x.restMs],
	['engine alone', (x) => x.engineMs],
];

/** Where the back-to-back messages above p99 spent their time, and how often a GC ran inside them. */
function tail(run: LatencyRun) {
	const samples = run.runs.at(-1)!.samples;
	const p99 = stats(samples.map((y) => y.ms)).p99;
	const slow = samples.filter((x) => x.ms > p99);
	if (slow.length === 0) return false;
	const part = (pick: (x: Sample) => number) => f(stats(slow.map(pick).filter(Number.isFinite)).mean);
	const rest = samples.filter((x) => !slow.includes(x));
	const withGc = (list: Sample[]) =>
		list.filter((x) => gcWithin(run, x) > 0).length / Math.max(1, list.length);
	return {
		count: slow.length,
		toClientMs: part((x) => x.toClientMs),
		handlerMs: part((x) => x.handlerMs),
		engineMs: part((x) => x.engineMs),
		restMs: part((x) => x.restMs),
		gcShare: (withGc(slow) * 100).toFixed(0),
		gcMs: part((x) => gcWithin(run, x)),
		restGcShare: (withGc(rest) * 100).toFixed(1),
		collections: run.gcPauses.length,
		longestGcMs: f(Math.max(0, ...run.gcPauses.map((g) => g.duration))),
	};
}

/** bench/results/discord-latency.md. */
export function latencyMarkdown(run: LatencyRun): Promise<string> {
	const profile = run.profile;
	return renderReport(new URL('./report.md', import.meta.url), {
		date: run.finished.slice(0, 10),
		machine: run.machine,
		data: run.options.data,
		knowledge: run.knowledge,
		users: USERS,
		warmUp: WARM_UP,
		rate: run.options.rate,
		runs: run.runs.map((s) => {
			const kinds = new Map<string, number>();
			for (const x of s.samples) kinds.set(x.kind, (kinds.get(x.kind) ?? 0) + 1);
			return {
				name: s.name,
				messages: s.samples.length,
				wallSeconds: (s.wallMs / 1000).toFixed(1),
				cpuShare: ((s.cpuMs / s.wallMs) * 100).toFixed(0),
				e2e: shown(s.samples.map((x) => x.ms)),
				engine: shown(s.samples.map((x) => x.engineMs)),
				inScope: shown(s.samples.filter((x) => !x.oos).map((x) => x.ms)),
				oos: shown(s.samples.filter((x) => x.oos).map((x) => x.ms)),
				replies: [...kinds].map(([k, n]) => `${n} ${k}`).join(', '),
			};
		}),
		slowest: run.runs
			.flatMap((s) => s.samples.map((x) => ({ ...x, run: s.name })))
			.sort((a, b) => b.ms - a.ms)
			.slice(0, 8)
			.map((w) => ({
				run: w.run,
				ms: f(w.ms),
				engineMs: f(w.engineMs),
				question: JSON.stringify(w.question),
			})),
		targetP99: TARGET_P99_MS,
		verdicts: run.runs
			.map((s) => {
				const p99 = stats(s.samples.map((x) => x.ms)).p99;
				return `${s.name}: p99 ${f(p99)} ms — ${p99 <= TARGET_P99_MS ? 'PASS' : 'MISS'}`;
			})
			.join('; '),
		stages: run.runs.flatMap((s) =>
			STAGES.map(([label, pick]) => ({
				run: s.name,
				label,
				...shown(s.samples.map(pick).filter(Number.isFinite)),
			})),
		),
		tail: tail(run),
		profile: profile
			? {
					messages: profile.messages,
					seconds: (profile.totalMs / 1000).toFixed(1),
					components: profile.byComponent.map(([name, ms]) => ({
						name,
						ms: ms.toFixed(0),
						share: ((ms / profile.totalMs) * 100).toFixed(1),
					})),
					functions: profile.topFunctions.map(([name, ms]) => ({
						name: name.replaceAll('|', '\\|'),
						ms: ms.toFixed(0),
					})),
					file: profile.file,
				}
			: false,
		loadBefore: run.machine.loadBefore.toFixed(2),
		loadAfter: run.machine.loadAfter.toFixed(2),
		startSeconds: (run.startMs / 1000).toFixed(1),
	});
}
