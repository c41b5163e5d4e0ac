/**
 * The CLINC150 benchmark's measuring part: the engine as an intent classifier, every setting and
 * threshold chosen on val + oos_val and test + oos_test scored once, then the fuse.js baseline on
 * seeded samples. Returns the figures; bench/clinc/report.ts writes them up.
 */
import Fuse from 'fuse.js';
import { buildEngine } from '../../src/answer/engine.js';
import { DEFAULT_RANK_OPTIONS } from '../../src/search/rank.js';
import { Random } from '../../testkit/random.js';
import { ms, pct } from '../../testkit/stats.js';
import { clincKnowledge, labelled, loadClinc, type ClincData, type Labelled } from '../lib/clinc-data.js';

function log(message: string): void {
	process.stderr.write(`${message}\n`);
}

const SEED = 150;
/**
 * Issue 8's target: in-scope accuracy ≥ 91.0% with out-of-scope recall ≥ 32% on test, above SVM,
 * FastText, DialogFlow and Rasa on both (an earlier issue asked for 88%).
 */
export const TARGET_ACCURACY = 0.91;
export const TARGET_RECALL = 0.32;
/** Thresholds tried: 0.00, 0.01, …, 1.00. */
const THRESHOLDS = Array.from({ length: 101 }, (_, k) => k / 100);

/** One classified utterance: the predicted intent (undefined = no answer at all) and its confidence. */
export interface Outcome {
	gold: string;
	predicted: string | undefined;
	/** Higher = more confident, whatever the method's own scale. */
	confidence: number;
	ms: number;
}

export interface Operating {
	threshold: number;
	accuracy: number;
	recall: number;
}

/** How a setting and its threshold are chosen on val; the report says what each means. */
export const RULES = ['target', 'sum'] as const;
export type RuleName = (typeof RULES)[number];

/** Scores a run at a confidence threshold: an answer below it counts as an abstention. */
function operate(inScope: readonly Outcome[], outOfScope: readonly Outcome[], threshold: number): Operating {
	const answered = (o: Outcome) => o.predicted !== undefined && o.confidence >= threshold;
	const right = inScope.filter((o) => answered(o) && o.predicted === o.gold).length;
	const abstained = outOfScope.filter((o) => !answered(o)).length;
	return {
		threshold,
		accuracy: inScope.length ? right / inScope.length : 0,
		recall: outOfScope.length ? abstained / outOfScope.length : 0,
	};
}

/** True when `a` is better than `b` under the rule (ties keep the earlier candidate). */
function better(rule: RuleName, a: Operating, b: Operating | undefined): boolean {
	if (!b) return true;
	const eps = 1e-12;
	if (rule === 'sum') return a.accuracy + a.recall > b.accuracy + b.recall + eps;
	const aOk = a.recall >= TARGET_RECALL - eps;
	const bOk = b.recall >= TARGET_RECALL - eps;
	if (aOk !== bOk) return aOk;
	// Neither reaches the target recall: prefer the higher recall.
	if (!aOk)
		return (
			a.recall > b.recall + eps || (Math.abs(a.recall - b.recall) <= eps && a.accuracy > b.accuracy + eps)
		);
	return (
		a.accuracy > b.accuracy + eps || (Math.abs(a.accuracy - b.accuracy) <= eps && a.recall > b.recall + eps)
	);
}

function choose(rule: RuleName, inScope: readonly Outcome[], outOfScope: readonly Outcome[]): Operating {
	let best: Operating | undefined;
	for (const t of THRESHOLDS) {
		const candidate = operate(inScope, outOfScope, t);
		if (better(rule, candidate, best)) best = candidate;
	}
	return best!;
}

// ---------------------------------------------------------------- the engine

/** Rank options as tried here; only options the engine's DEFAULT_RANK_OPTIONS has are used. */
export type RankConfig = Record<string, number | boolean>;

/** What is searched, in stages. Options the engine does not (or no longer) have are skipped. */
export const STAGES: ReadonlyArray<{ name: string; grid: Record<string, ReadonlyArray<number | boolean>> }> =
	[
		{
			name: 'intent options',
			grid: { stopWordIndex: [false, true], centroidWeight: [0, 0.25, 0.5, 0.75] },
		},
		{
			name: 'rank grid',
			grid: { coverageBalance: [0.5, 0.65, 0.8], neighbours: [1, 2, 3], entryBlend: [0, 0.15, 0.3] },
		},
		{
			name: 'centroidWeight again',
			grid: { centroidWeight: [0, 0.25, 0.5, 0.75] },
		},
	];

export const known = (name: string) => name in DEFAULT_RANK_OPTIONS;
export const defaultOf = (name: string) => (DEFAULT_RANK_OPTIONS as Record<string, number | boolean>)[name];
export const searchedOptions = () =>
	[...new Set(STAGES.flatMap((stage) => Object.keys(stage.grid)))].filter(known);

/** The searched options only, in a fixed order, so equal settings describe equally. */
export function describeConfig(config: RankConfig): string {
	return searchedOptions()
		.map((name) => `${name}=${String(config[name] ?? defaultOf(name))}`)
		.join(', ');
}

function product(grid: Record<string, ReadonlyArray<number | boolean>>): RankConfig[] {
	let configs: RankConfig[] = [{}];
	for (const [name, values] of Object.entries(grid)) {
		if (!known(name)) continue;
		configs = configs.flatMap((c) => values.map((value) => ({ ...c, [name]: value })));
	}
	return configs;
}

function engineFor(data: ClincData, config: RankConfig) {
	// Threshold 0: the engine answers whenever anything matches and reports its score, so one pass
	// serves every threshold. (Plain FAQ documents have no `gap` entries, the other abstention cause.)
	// Word pairs go with the stop-word index, as the README's intent settings have them.
	return buildEngine(clincKnowledge(data), {
		threshold: 0,
		rank: config,
		wordPairs: config.stopWordIndex === true,
	});
}

function askAll(engine: ReturnType<typeof buildEngine>, questions: readonly Labelled[]): Outcome[] {
	return questions.map(({ utterance, intent }) => {
		const start = performance.now();
		const answer = engine.ask(utterance);
		const elapsed = performance.now() - start;
		return {
			gold: intent,
			predicted: answer.kind === 'answer' ? answer.text : undefined,
			confidence: answer.score,
			ms: elapsed,
		};
	});
}

export interface GridRow {
	stage: string;
	config: RankConfig;
	raw: number;
	target: Operating;
	sum: Operating;
}

export interface EngineResult {
	gridRows: GridRow[];
	gridSize: { inScope: number; outOfScope: number };
	chosen: Record<RuleName, { config: RankConfig; val: Operating; test: Operating }>;
	neverAbstain: Operating;
	buildMs: number;
	testMs: number;
	latencies: number[];
	totalMs: number;
	knowledge: { entries: number; alternates: number };
}

export function runEngine(data: ClincData): EngineResult {
	const started = performance.now();
	const val = labelled(data.val);
	const oosVal = labelled(data.oos_val);
	const test = labelled(data.test);
	const oosTest = labelled(data.oos_test);
	log(`engine: staged search on val (${val.length}) + oos_val (${oosVal.length})`);

	// Every setting is scored on the whole val + oos_val; the threshold is chosen per setting and rule.
	const rows = new Map<string, GridRow>();
	const evaluate = (stage: string, config: RankConfig): GridRow => {
		const key = describeConfig(config);
		const cached = rows.get(key);
		if (cached) return cached;
		const engine = engineFor(data, config);
		const inScope = askAll(engine, val);
		const outOfScope = askAll(engine, oosVal);
		const row: GridRow = {
			stage,
			config,
			raw: operate(inScope, outOfScope, 0).accuracy,
			target: choose('target', inScope, outOfScope),
			sum: choose('sum', inScope, outOfScope),
		};
		rows.set(key, row);
		log(
			`  ${key}: ${pct(row.target.accuracy)}% at recall ${pct(row.target.recall)}% (t=${row.target.threshold.toFixed(2)})`,
		);
		return row;
	};

	// Start from the engine's defaults; each stage searches its options with the others fixed at
	// the best so far (primary rule), like coordinate ascent with small grids as coordinates.
	let best = evaluate('defaults', {});
	for (const stage of STAGES) {
		for (const change of product(stage.grid)) {
			const row = evaluate(stage.name, { ...best.config, ...change });
			if (better('target', row.target, best.target)) best = row;
		}
	}
	const chosenConfig: Record<RuleName, RankConfig> = { target: best.config, sum: best.config };
	let bestSum: GridRow | undefined;
	for (const row of rows.values()) if (!bestSum || better('sum', row.sum, bestSum.sum)) bestSum = row;
	chosenConfig.sum = bestSum!.config;

	const chosen = {} as EngineResult['chosen'];
	interface Run {
		valIn: Outcome[];
		valOut: Outcome[];
		testIn: Outcome[];
		testOut: Outcome[];
		buildMs: number;
		testMs: number;
	}
	const runs = new Map<string, Run>();
	const runFor = (config: RankConfig): Run => {
		const key = describeConfig(config);
		const cached = runs.get(key);
		if (cached) return cached;
		const buildStart = performance.now();
		const engine = engineFor(data, config);
		const buildMs = performance.now() - buildStart;
		const valIn = askAll(engine, val);
		const valOut = askAll(engine, oosVal);
		const testStart = performance.now();
		const testIn = askAll(engine, test);
		const testOut = askAll(engine, oosTest);
		const run = { valIn, valOut, testIn, testOut, buildMs, testMs: performance.now() - testStart };
		runs.set(key, run);
		return run;
	};
	for (const rule of RULES) {
		const config = chosenConfig[rule];
		const run = runFor(config);
		// The threshold is chosen on val before test is looked at; test is only scored with it.
		const valOperating = choose(rule, run.valIn, run.valOut);
		const testOperating = operate(run.testIn, run.testOut, valOperating.threshold);
		chosen[rule] = { config, val: valOperating, test: testOperating };
		log(
			`engine (${rule}): ${describeConfig(config)}, threshold ${valOperating.threshold} → test ${pct(testOperating.accuracy)}% / ${pct(testOperating.recall)}%`,
		);
	}
	const primary = runFor(chosenConfig.target);
	const neverAbstain = operate(primary.testIn, primary.testOut, 0);
	const knowledge = clincKnowledge(data);
	const faq = knowledge.documents[0]!.faq;
	return {
		gridSize: { inScope: val.length, outOfScope: oosVal.length },
		gridRows: [...rows.values()],
		chosen,
		neverAbstain,
		buildMs: primary.buildMs,
		testMs: primary.testMs,
		latencies: [...primary.testIn, ...primary.testOut].map((o) => o.ms),
		totalMs: performance.now() - started,
		knowledge: { entries: faq.length, alternates: faq.reduce((sum, f) => sum + f.alternates.length, 0) },
	};
}

// ---------------------------------------------------------------- the fuse.js baseline

export interface FuseSizes {
	val: number;
	oosVal: number;
	test: number;
	oosTest: number;
}

export interface FuseResult {
	buildMs: number;
	sizes: FuseSizes;
	chosen: Record<RuleName, { val: Operating; test: Operating; rightIn: number; abstainedOut: number }>;
	latencies: number[];
	totalMs: number;
}

/** fuse.js on seeded samples of the given sizes (it needs ~1 s per question). */
export function runFuse(data: ClincData, sizes: FuseSizes): FuseResult {
	const started = performance.now();
	const random = new Random(SEED + 1);
	const items = labelled(data.train);
	const buildStart = performance.now();
	const fuse = new Fuse(items, {
		keys: ['utterance'],
		includeScore: true,
		threshold: 0.6,
		ignoreLocation: true,
	});
	const buildMs = performance.now() - buildStart;
	const latencies: number[] = [];
	let asked = 0;
	const classify = (questions: readonly Labelled[]): Outcome[] =>
		questions.map(({ utterance, intent }) => {
			const start = performance.now();
			const [best] = fuse.search(utterance, { limit: 1 });
			const elapsed = performance.now() - start;
			latencies.push(elapsed);
			if (++asked % 20 === 0) log(`  fuse.js: ${asked} questions, ${ms(elapsed)} ms for the last`);
			// fuse.js scores 0 (exact) .. 1 (mismatch); turn it around so higher = more confident.
			return {
				gold: intent,
				predicted: best?.item.intent,
				confidence: best ? 1 - (best.score ?? 1) : 0,
				ms: elapsed,
			};
		});
	const val = classify(random.sample(labelled(data.val), sizes.val));
	const oosVal = classify(random.sample(labelled(data.oos_val), sizes.oosVal));
	const test = classify(random.sample(labelled(data.test), sizes.test));
	const oosTest = classify(random.sample(labelled(data.oos_test), sizes.oosTest));
	const chosen = {} as FuseResult['chosen'];
	for (const rule of RULES) {
		const valOperating = choose(rule, val, oosVal);
		const testOperating = operate(test, oosTest, valOperating.threshold);
		chosen[rule] = {
			// Report fuse's own threshold convention: abstain when its score > t.
			val: { ...valOperating, threshold: round2(1 - valOperating.threshold) },
			test: { ...testOperating, threshold: round2(1 - testOperating.threshold) },
			rightIn: Math.round(testOperating.accuracy * test.length),
			abstainedOut: Math.round(testOperating.recall * oosTest.length),
		};
	}
	return { buildMs, sizes, chosen, latencies, totalMs: performance.now() - started };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export interface ClincRun {
	/** The CLINC150 data file. */
	data: string;
	/** When the run ended (ISO 8601). */
	finished: string;
	node: string;
	engine: EngineResult;
	fuse?: FuseResult;
	wallMs: number;
}

/** The whole benchmark: the engine, then (unless `fuse` is undefined) the fuse.js baseline. */
export async function measureClinc(dataPath: string, fuse: FuseSizes | undefined): Promise<ClincRun> {
	const data = await loadClinc(dataPath);
	const started = performance.now();
	const engine = runEngine(data);
	let baseline: FuseResult | undefined;
	if (fuse) {
		log(`fuse.js baseline: ${fuse.val + fuse.oosVal + fuse.test + fuse.oosTest} questions at ~1 s each`);
		baseline = runFuse(data, fuse);
	}
	return {
		data: dataPath,
		finished: new Date().toISOString(),
		node: process.version,
		engine,
		...(baseline ? { fuse: baseline } : {}),
		wallMs: performance.now() - started,
	};
}
