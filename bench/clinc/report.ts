/**
 * The CLINC150 benchmark's report part: a run's figures (bench/clinc/measure.ts) as the Markdown
 * report (prose and protocol in bench/clinc/report.md) and the terminal summary, beside the
 * paper's baselines.
 */
import { markdownTable, ms, pct, percentile, textTable, wilson } from '../../testkit/stats.js';
import { renderReport } from '../lib/report-template.js';
import {
	defaultOf,
	describeConfig,
	known,
	RULES,
	searchedOptions,
	STAGES,
	TARGET_ACCURACY,
	TARGET_RECALL,
	type ClincRun,
	type RankConfig,
} from './measure.js';

/** Larson et al. 2019, Table 2: in-scope accuracy and out-of-scope recall, %. */
const PAPER: ReadonlyArray<readonly [string, number, number]> = [
	['SVM (bag of words)', 88.2, 18.0],
	['FastText', 88.6, 28.3],
	['DialogFlow', 90.8, 26.7],
	['Rasa', 90.9, 31.2],
	['MLP', 93.4, 49.1],
	['BERT', 96.2, 52.3],
];

/** Only the options that differ from the engine's defaults. */
function describeChanges(config: RankConfig): string {
	const changed = searchedOptions().filter(
		(name) => config[name] !== undefined && config[name] !== defaultOf(name),
	);
	return changed.length === 0
		? 'engine defaults'
		: changed.map((name) => `${name}=${String(config[name])}`).join(', ');
}

export const passes = (run: ClincRun) => {
	const test = run.engine.chosen.target.test;
	return test.accuracy >= TARGET_ACCURACY && test.recall >= TARGET_RECALL;
};

function resultTable({ engine, fuse }: ClincRun): string[][] {
	const rows: string[][] = [['method', 'in-scope accuracy %', 'oos recall %', 'notes']];
	for (const [name, accuracy, recall] of PAPER)
		rows.push([`${name} (paper)`, accuracy.toFixed(1), recall.toFixed(1), 'Larson et al. 2019, Table 2']);
	for (const rule of RULES) {
		const c = engine.chosen[rule];
		rows.push([
			`**this engine**, rule ${rule}`,
			`**${pct(c.test.accuracy)}**`,
			`**${pct(c.test.recall)}**`,
			`${describeChanges(c.config)}; threshold ${c.val.threshold.toFixed(2)} (val ${pct(c.val.accuracy)} / ${pct(c.val.recall)})`,
		]);
	}
	rows.push([
		'this engine, never abstaining',
		pct(engine.neverAbstain.accuracy),
		pct(engine.neverAbstain.recall),
		'rule-target settings, threshold 0: the ranking alone',
	]);
	if (fuse) {
		for (const rule of RULES) {
			const c = fuse.chosen[rule];
			const [aLow, aHigh] = wilson(c.rightIn, fuse.sizes.test);
			const [rLow, rHigh] = wilson(c.abstainedOut, fuse.sizes.oosTest);
			rows.push([
				`fuse.js baseline, rule ${rule}`,
				`${pct(c.test.accuracy)} (95% CI ${pct(aLow, 0)}–${pct(aHigh, 0)})`,
				`${pct(c.test.recall)} (95% CI ${pct(rLow, 0)}–${pct(rHigh, 0)})`,
				`abstain when score > ${c.val.threshold.toFixed(2)}; seeded sample of ${fuse.sizes.test} test + ${fuse.sizes.oosTest} oos_test (threshold on ${fuse.sizes.val} val + ${fuse.sizes.oosVal} oos_val)`,
			]);
		}
	}
	return rows;
}

function timingTable({ engine, fuse }: ClincRun): string[][] {
	const row = (label: string, buildMs: number, latencies: number[], wall: string): string[] => [
		label,
		ms(buildMs),
		String(latencies.length),
		ms(percentile(latencies, 50)),
		ms(percentile(latencies, 99)),
		ms(Math.max(...latencies)),
		wall,
	];
	const timing: string[][] = [['', 'index build ms', 'questions', 'p50 ms', 'p99 ms', 'max ms', 'wall']];
	timing.push(
		row(
			'engine (chosen settings, test + oos_test)',
			engine.buildMs,
			engine.latencies,
			`${(engine.testMs / 1000).toFixed(1)} s for the test pass; ${(engine.totalMs / 1000).toFixed(1)} s with the grid`,
		),
	);
	if (fuse)
		timing.push(
			row(
				'fuse.js over 15,000 train utterances',
				fuse.buildMs,
				fuse.latencies,
				`${(fuse.totalMs / 1000).toFixed(1)} s`,
			),
		);
	return timing;
}

function gridTable({ engine }: ClincRun): string[][] {
	const table: string[][] = [
		[
			'stage',
			'settings (changes from the defaults)',
			'acc never abstaining %',
			'rule target: t / acc / recall',
			'rule sum: t / acc / recall',
		],
	];
	for (const row of engine.gridRows)
		table.push([
			row.stage,
			describeChanges(row.config),
			pct(row.raw),
			`${row.target.threshold.toFixed(2)} / ${pct(row.target.accuracy)} / ${pct(row.target.recall)}`,
			`${row.sum.threshold.toFixed(2)} / ${pct(row.sum.accuracy)} / ${pct(row.sum.recall)}`,
		]);
	return table;
}

/** bench/results/clinc.md. */
export function clincMarkdown(run: ClincRun): Promise<string> {
	const { engine, fuse } = run;
	const target = engine.chosen.target;
	const stages = STAGES.map((stage) => {
		const options = Object.entries(stage.grid).filter(([name]) => known(name));
		return `${stage.name}: ${options.length ? options.map(([name, values]) => `${name} ∈ {${values.join(', ')}}`).join(' × ') : '(options not in this engine — skipped)'}`;
	});
	const fuseP50 = fuse ? percentile(fuse.latencies, 50) : 0;
	return renderReport(new URL('./report.md', import.meta.url), {
		data: run.data,
		date: run.finished.slice(0, 10),
		node: run.node,
		entries: engine.knowledge.entries,
		alternates: engine.knowledge.alternates,
		alternatesPerEntry: engine.knowledge.alternates / engine.knowledge.entries,
		valSize: engine.gridSize.inScope,
		oosValSize: engine.gridSize.outOfScope,
		stages: stages.join('; '),
		settings: engine.gridRows.length,
		targetRecall: pct(TARGET_RECALL, 0),
		targetAccuracy: pct(TARGET_ACCURACY, 0),
		resultTable: markdownTable(resultTable(run)),
		verdict: passes(run) ? 'PASS' : 'FAIL',
		accuracy: pct(target.test.accuracy),
		recall: pct(target.test.recall),
		timingTable: markdownTable(timingTable(run)),
		fuse: fuse ? { p50: ms(fuseP50), allMinutes: ((fuseP50 * 8600) / 60000).toFixed(0) } : false,
		wallSeconds: (run.wallMs / 1000).toFixed(1),
		gridTable: markdownTable(gridTable(run)),
		defaults: describeConfig({}),
	});
}

/** What the terminal shows at the end of a run. */
export function clincSummary({ engine, fuse }: ClincRun): string {
	const rows: string[][] = [['method', 'in-scope %', 'oos recall %', '']];
	for (const [name, accuracy, recall] of PAPER)
		rows.push([name, accuracy.toFixed(1), recall.toFixed(1), 'paper']);
	for (const rule of RULES) {
		const c = engine.chosen[rule];
		rows.push([
			`engine (${rule})`,
			pct(c.test.accuracy),
			pct(c.test.recall),
			`${describeChanges(c.config)}, t=${c.val.threshold.toFixed(2)}`,
		]);
	}
	if (fuse) {
		for (const rule of RULES) {
			const c = fuse.chosen[rule];
			rows.push([
				`fuse.js (${rule})`,
				pct(c.test.accuracy),
				pct(c.test.recall),
				`score > ${c.val.threshold.toFixed(2)} abstains; sample ${fuse.sizes.test}+${fuse.sizes.oosTest}`,
			]);
		}
	}
	const timing = [
		['', 'build ms', 'n', 'p50 ms', 'p99 ms'],
		[
			'engine',
			ms(engine.buildMs),
			String(engine.latencies.length),
			ms(percentile(engine.latencies, 50)),
			ms(percentile(engine.latencies, 99)),
		],
	];
	if (fuse)
		timing.push([
			'fuse.js',
			ms(fuse.buildMs),
			String(fuse.latencies.length),
			ms(percentile(fuse.latencies, 50)),
			ms(percentile(fuse.latencies, 99)),
		]);
	return `${textTable(rows)}\n\n${textTable(timing)}`;
}
