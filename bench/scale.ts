/**
 * Scale benchmark (`npm run bench`): question latency, /reload and memory of the answer engine at
 * growing knowledge sizes, against a plain fuse.js index over the same texts. Each size and each
 * method runs in its own child process (bench/scale-worker.ts) so that memory peaks don't
 * accumulate. Writes bench/results/scale.md, latency.svg and scale.json (raw figures).
 *
 *   npx tsx bench/scale.ts [--sizes clinc,1k,10k,100k] [--data <clinc json>] [--no-fuse]
 *     [--fuse-budget-ms 20000] [--fuzz bench/fuzz-slowest.json] [--chart-only] [--runtime compiled|tsx]
 *
 * `--runtime compiled` (the default) measures what `npm start` runs: src/ and bench/ are compiled
 * with tsc (tsconfig.bench.json, into .scratch/bench-dist) and the workers run on plain `node`.
 * `--runtime tsx` runs them from TypeScript source under tsx, as `npm start` did before it ran
 * compiled code: the figures to compare with.
 *
 * Slowest inputs found by the fuzz tests are timed on every size when bench/fuzz-slowest.json
 * exists (see bench/lib/fuzz-slowest.ts for how the tests write it).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_CLINC_PATH } from './lib/clinc-data.js';
import { FUZZ_SLOWEST_ENV, slowInputsFileSchema, type SlowInput } from '../testkit/fuzz-slowest.js';
import {
	QUESTION_COUNT,
	SIZES,
	type EngineResult,
	type FuseResult,
	type SizeName,
} from './lib/scale-types.js';
import { markdownTable, median, ms, textTable } from '../testkit/stats.js';
import { logLogChart } from './lib/svg.js';

const { values: args } = parseArgs({
	options: {
		sizes: { type: 'string', default: 'clinc,1k,10k,100k' },
		data: { type: 'string', default: DEFAULT_CLINC_PATH },
		'no-fuse': { type: 'boolean', default: false },
		'fuse-budget-ms': { type: 'string', default: '20000' },
		fuzz: { type: 'string', default: 'bench/fuzz-slowest.json' },
		out: { type: 'string', default: 'bench/results/scale.md' },
		svg: { type: 'string', default: 'bench/results/latency.svg' },
		json: { type: 'string', default: 'bench/results/scale.json' },
		/** Only redraw the chart from the figures of the last run (scale.json). */
		'chart-only': { type: 'boolean', default: false },
		runtime: { type: 'string', default: 'compiled' },
	},
	strict: true,
});

const TARGETS = {
	clincP99Ms: 2,
	clincSpeedup: 20,
	bigP99Ms: 10,
	bigReloadMs: 1000,
	bigMemoryMiB: 150,
};

const here = path.dirname(fileURLToPath(import.meta.url));

if (args.runtime !== 'compiled' && args.runtime !== 'tsx') throw new Error('--runtime is compiled or tsx');
const COMPILED = args.runtime === 'compiled';
/** How `npm start` ran the modules measured here, for the report. */
const RUNTIME = COMPILED ? 'compiled JavaScript on plain node' : 'TypeScript source under tsx';
/** src/ and bench/ compiled together, inside the checkout so that their packages resolve. */
const COMPILED_DIR = path.resolve(here, '..', '.scratch', 'bench-dist');

/** Compiles src/ and bench/ into COMPILED_DIR afresh (no file left from an older build). */
async function compileBench(): Promise<void> {
	await rm(COMPILED_DIR, { recursive: true, force: true });
	const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
	execFileSync(process.execPath, [tsc, '-p', path.resolve(here, '..', 'tsconfig.bench.json')], {
		stdio: 'inherit',
	});
}

/** How to run a TypeScript file of this checkout (`bench/x.ts`) under the runtime measured. */
function runnable(file: string): string[] {
	const absolute = path.resolve(here, '..', file);
	if (!COMPILED) return ['--import', import.meta.resolve('tsx'), absolute];
	return [path.join(COMPILED_DIR, path.relative(path.resolve(here, '..'), absolute).replace(/\.ts$/, '.js'))];
}

function log(message: string): void {
	process.stderr.write(`${message}\n`);
}

/** Runs one worker and returns the JSON it prints. */
function runWorker<T>(size: SizeName, mode: 'prepare' | 'engine' | 'fuse', extra: string[]): Promise<T> {
	const child = spawn(
		process.execPath,
		['--expose-gc', ...runnable('bench/scale-worker.ts'), size, mode, '--data', args.data, ...extra],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	let stdout = '';
	child.stdout.setEncoding('utf8');
	child.stdout.on('data', (chunk: string) => (stdout += chunk));
	return new Promise<T>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (code) => {
			const line = stdout.trim().split('\n').at(-1);
			if (code !== 0 || !line) {
				reject(new Error(`scale-worker ${size} ${mode} failed with code ${code}`));
				return;
			}
			resolve(JSON.parse(line) as T);
		});
	});
}

/** The process before any knowledge, in parts: RSS after gc() of a process that loaded only… */
interface MemoryProbes {
	/** …Node itself. */
	node: number;
	/** …Node with the tsx loader (`npm start` runs `tsx src/main.ts`). */
	tsx: number;
	/**
	 * …and every module `npm start` loads before it reads the knowledge (discord.js, pino, the
	 * engine, …), as the runtime measured runs them (compiled on plain node, or under tsx).
	 */
	bot: number;
}

/** The modules src/main.ts imports (without running it: that would start the bot). */
const BOT_MODULES = [
	'src/answer/service.ts',
	'src/config.ts',
	'src/console/console.ts',
	'src/knowledge/report.ts',
	'src/logger.ts',
	'src/discord/bot.ts',
];

function probeRss(withTsx: boolean, modules: string[]): number {
	const imports = modules.map((m) => {
		const file = withTsx ? path.resolve(here, '..', m) : runnable(m)[0]!;
		return `await import(${JSON.stringify(pathToFileURL(file).href)});`;
	});
	const script = `${imports.join('')} gc(); gc(); console.log(process.memoryUsage().rss);`;
	const output = execFileSync(
		process.execPath,
		[
			'--expose-gc',
			...(withTsx ? ['--import', import.meta.resolve('tsx')] : []),
			'--input-type=module',
			'-e',
			script,
		],
		{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
	);
	return Number(output.trim().split('\n').at(-1)) / (1024 * 1024);
}

/** Median of three probes each, so one noisy start doesn't decide. */
function memoryProbes(): MemoryProbes {
	const median3 = (f: () => number) => median([f(), f(), f()]);
	return {
		node: median3(() => probeRss(false, [])),
		tsx: median3(() => probeRss(true, [])),
		bot: median3(() => probeRss(!COMPILED, BOT_MODULES)),
	};
}

interface FuzzInputs {
	entries: SlowInput[];
	/** Where the file came from and when, for the report. */
	provenance?: string;
}

function gitOf(argv: string[]): string {
	try {
		return execFileSync('git', argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
	} catch {
		return '';
	}
}

async function readFuzzInputs(file: string): Promise<FuzzInputs> {
	const resolved = path.resolve(process.cwd(), file);
	if (!existsSync(resolved)) return { entries: [] };
	const parsed = slowInputsFileSchema.safeParse(JSON.parse(await readFile(resolved, 'utf8')));
	if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
	const entries = parsed.data;
	const sources = new Map<string, SlowInput[]>();
	for (const e of entries)
		sources.set(e.source ?? 'unknown source', [...(sources.get(e.source ?? 'unknown source') ?? []), e]);
	const parts = [...sources].map(([source, list]) => {
		const recorded = list
			.map((e) => e.recorded)
			.filter(Boolean)
			.sort()
			.at(-1);
		const runs = list.find((e) => e.runs !== undefined)?.runs;
		return `\`${source}\`: its ${list.length} slowest${runs ? ` of ${runs.toLocaleString('en')} generated inputs` : ''}${recorded ? `, recorded ${recorded}` : ''}${list[0]?.measured ? ` (latency there: ${list[0].measured})` : ''}`;
	});
	const committed = gitOf(['log', '-1', '--format=%h on %cs', '--', file]);
	const modified = gitOf(['status', '--porcelain', '--', file]) !== '';
	const git = committed
		? `; the file was last committed in ${committed}${modified ? ' and has changed since' : ''}`
		: '; the file is not committed';
	return {
		entries,
		provenance: `Written by the fuzz tests when \`${FUZZ_SLOWEST_ENV}\` names the file (e.g. \`${FUZZ_SLOWEST_ENV}=${file} FUZZ_RUNS=3000 HARDENING_LONG=1 npx vitest run tests/answer/fuzz.test.ts tests/hardening/discord-fuzz.test.ts\`) — ${parts.join('; ')}${git}.`,
	};
}

/** What exactly was measured: the commit, and a hash of the engine's sources as they were on disk. */
async function engineVersion(): Promise<string> {
	const commit = gitOf(['rev-parse', '--short', 'HEAD']) || 'unknown';
	const dirty = gitOf(['status', '--porcelain', '--', 'src']) ? ' + uncommitted changes under src/' : '';
	const hash = createHash('sha256');
	for (const folder of ['src/search', 'src/answer', 'src/knowledge']) {
		const dir = path.resolve(process.cwd(), folder);
		if (!existsSync(dir)) continue;
		const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
			.filter((entry) => entry.isFile())
			.map((entry) => path.join(entry.parentPath, entry.name))
			.sort();
		for (const file of files) {
			hash.update(path.relative(dir, file));
			hash.update(await readFile(file));
		}
	}
	return `commit ${commit}${dirty}; sha256 of src/search, src/answer, src/knowledge: ${hash.digest('hex').slice(0, 12)}`;
}

interface Row {
	size: SizeName;
	engine: EngineResult;
	fuse?: FuseResult;
}

const texts = (e: EngineResult) => e.entries + e.alternates;
const mb = (m: number) => m.toFixed(0);
const pf = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const sizeLabel = (size: SizeName) => (size === 'clinc' ? 'CLINC150' : size);
/** A figure that is not the target's, shown so the cost is not hidden. */
const info = (valueMs: number) =>
	`not the target (${valueMs <= TARGETS.bigReloadMs ? 'within' : 'over'} ${TARGETS.bigReloadMs / 1000} s)`;

/** Median of the timings, with the range and count when there are several. */
function timings(values: number[]): string {
	if (values.length === 0) return '–';
	if (values.length === 1) return ms(values[0]!);
	return `${ms(median(values))} (${ms(Math.min(...values))}–${ms(Math.max(...values))}, n=${values.length})`;
}

const editedMs = (e: EngineResult) => median(e.reload.editedMs);
const unchangedMs = (e: EngineResult) => median(e.reload.unchangedMs);
const reloadFailures = (e: EngineResult) => e.reload.checks.filter((c) => !c.ok);
const knowledgeGrowth = (e: EngineResult) => e.afterOpen.rssMiB - e.baseline.rssMiB;

function engineTable(rows: Row[]): string[][] {
	const table = [
		['size', 'docs', 'entries', 'indexed questions', 'p50 ms', 'p99 ms', 'max ms', 'CPU p99 ms'],
	];
	for (const { size, engine: e } of rows) {
		table.push([
			sizeLabel(size),
			String(e.documents),
			e.entries.toLocaleString('en'),
			texts(e).toLocaleString('en'),
			ms(e.latency.p50),
			ms(e.latency.p99),
			ms(e.latency.max),
			ms(e.cpu.p99),
		]);
	}
	return table;
}

function reloadTable(rows: Row[]): string[][] {
	const table = [
		[
			'size',
			'files (MiB)',
			'full reload from disk, one document edited (what /reload does) ms',
			'/reload, nothing changed ms',
			'cold start: load + build everything (KnowledgeService.open) ms',
			'cold rebuild from a fresh copy: load + build ms',
			'reload checks',
		],
	];
	for (const { size, engine: e } of rows) {
		const failures = reloadFailures(e);
		table.push([
			sizeLabel(size),
			`${e.disk.files} (${e.disk.mib.toFixed(1)})`,
			timings(e.reload.editedMs),
			timings(e.reload.unchangedMs),
			ms(e.openMs),
			`${ms(e.fresh.loadMs + e.fresh.buildMs)} (${ms(e.fresh.loadMs)} + ${ms(e.fresh.buildMs)})`,
			failures.length === 0
				? `all ${e.reload.checks.length} OK`
				: `${failures.length} FAILED: ${failures.map((f) => `${f.reload}: ${(f.failures ?? [f.diff]).join(', ')}`).join('; ')}`,
		]);
	}
	return table;
}

function memoryTable(rows: Row[]): string[][] {
	const table = [
		[
			'size',
			'process before knowledge MiB',
			'+ knowledge and engine (RSS growth) MiB',
			'= RSS with the knowledge loaded MiB',
			'heap used MiB',
			'knowledge heap MiB',
			'engine heap MiB',
			'peak RSS MiB (during reloads)',
		],
	];
	for (const { size, engine: e } of rows) {
		table.push([
			sizeLabel(size),
			mb(e.baseline.rssMiB),
			mb(knowledgeGrowth(e)),
			mb(e.afterOpen.rssMiB),
			mb(e.afterOpen.heapUsedMiB),
			e.knowledgeHeapMiB.toFixed(1),
			e.engineHeapMiB.toFixed(1),
			mb(e.peakRssMiB),
		]);
	}
	return table;
}

function fuseTable(rows: Row[]): string[][] {
	const table = [
		[
			'size',
			'texts',
			'build ms',
			'questions asked',
			'p50 ms',
			'p99 ms',
			'max ms',
			'RSS after build MiB',
			'heap used MiB',
			'engine p99 speed-up',
			'note',
		],
	];
	for (const { size, engine, fuse } of rows) {
		if (!fuse) continue;
		table.push([
			sizeLabel(size),
			fuse.items.toLocaleString('en'),
			ms(fuse.buildMs),
			String(fuse.latency.questions),
			ms(fuse.latency.p50),
			ms(fuse.latency.p99),
			ms(fuse.latency.max),
			mb(fuse.afterBuild.rssMiB),
			mb(fuse.afterBuild.heapUsedMiB),
			`${(fuse.latency.p99 / engine.latency.p99).toFixed(0)}×`,
			fuse.capped ? `${fuse.capped} (of ${QUESTION_COUNT}); p99 of so few ≈ max` : '',
		]);
	}
	return table;
}

function targetRows(rows: Row[], probes: MemoryProbes): string[][] {
	const table = [['target', 'measured', 'result']];
	const clinc = rows.find((r) => r.size === 'clinc');
	if (clinc) {
		table.push([
			`CLINC150 size: engine p99 ≤ ${TARGETS.clincP99Ms} ms`,
			`${ms(clinc.engine.latency.p99)} ms`,
			pf(clinc.engine.latency.p99 <= TARGETS.clincP99Ms),
		]);
		if (clinc.fuse) {
			const speedup = clinc.fuse.latency.p99 / clinc.engine.latency.p99;
			table.push([
				`CLINC150 size: p99 ≥ ${TARGETS.clincSpeedup}× faster than fuse.js`,
				`${speedup.toFixed(0)}× (${ms(clinc.fuse.latency.p99)} vs ${ms(clinc.engine.latency.p99)} ms)`,
				pf(speedup >= TARGETS.clincSpeedup),
			]);
		}
	}
	const big = rows.find((r) => r.size === '100k');
	if (big) {
		const e = big.engine;
		const seconds = TARGETS.bigReloadMs / 1000;
		table.push([
			`100k entries: p99 ≤ ${TARGETS.bigP99Ms} ms`,
			`${ms(e.latency.p99)} ms (CPU ${ms(e.cpu.p99)} ms)`,
			pf(e.latency.p99 <= TARGETS.bigP99Ms),
		]);
		const failures = reloadFailures(e);
		table.push([
			`100k entries: full reload ≤ ${seconds} s — full reload from disk, one document edited (what /reload does: \`service.reload()\`)`,
			`${timings(e.reload.editedMs)} ms`,
			failures.length > 0
				? `NOT VALID: the reload checks failed (${failures.map((f) => (f.failures ?? [f.diff]).join(', ')).join('; ')})`
				: pf(editedMs(e) <= TARGETS.bigReloadMs),
		]);
		table.push([
			`100k entries: /reload, nothing changed`,
			`${timings(e.reload.unchangedMs)} ms`,
			info(unchangedMs(e)),
		]);
		table.push([
			`100k entries: cold start — load + build everything (\`KnowledgeService.open\`, as \`npm start\`)`,
			`${ms(e.openMs)} ms (a cold rebuild from a fresh copy: ${ms(e.fresh.loadMs)} ms load + ${ms(e.fresh.buildMs)} ms build)`,
			info(e.openMs),
		]);
		table.push([
			`100k entries: process memory ≤ ${TARGETS.bigMemoryMiB} MB (RSS with the knowledge loaded, this worker: Node${COMPILED ? '' : ' + tsx'} + the engine's modules)`,
			`${mb(e.afterOpen.rssMiB)} MiB = ${mb(e.baseline.rssMiB)} MiB before any knowledge (Node alone ${mb(probes.node)}${COMPILED ? '' : ` + tsx ${mb(probes.tsx - probes.node)}`} + modules ${mb(e.baseline.rssMiB - (COMPILED ? probes.node : probes.tsx))}) + ${mb(knowledgeGrowth(e))} MiB knowledge and engine; peak ${mb(e.peakRssMiB)} MiB during reloads`,
			pf(e.afterOpen.rssMiB <= TARGETS.bigMemoryMiB),
		]);
		const bot = probes.bot + knowledgeGrowth(e);
		table.push([
			`100k entries: the bot's process (\`npm start\`, with discord.js and the rest), estimated`,
			`≈ ${mb(bot)} MiB = ${mb(probes.bot)} MiB for its modules (${RUNTIME}) + ${mb(knowledgeGrowth(e))} MiB knowledge and engine`,
			`estimate, not judged (${bot <= TARGETS.bigMemoryMiB ? 'within' : 'over'} ${TARGETS.bigMemoryMiB} MB)`,
		]);
	}
	return table;
}

function chart(rows: Row[]): string {
	const points = (pick: (r: Row) => number | undefined, label: (r: Row) => string) =>
		rows.map((r) => ({ x: texts(r.engine), y: pick(r) ?? 0, label: label(r) })).filter((p) => p.y > 0);
	return logLogChart({
		title: 'Question latency p99 vs knowledge size',
		xLabel: 'indexed questions (FAQ questions + alternates), log scale',
		yLabel: 'p99 latency per question, log scale',
		series: [
			{
				name: 'answer engine',
				colour: '#1f77b4',
				points: points(
					(r) => r.engine.latency.p99,
					(r) => `${sizeLabel(r.size)} ${ms(r.engine.latency.p99)} ms`,
				),
			},
			{
				name: 'fuse.js',
				colour: '#d62728',
				dashed: true,
				points: points(
					(r) => r.fuse?.latency.p99,
					(r) =>
						`${sizeLabel(r.size)} ${ms(r.fuse?.latency.p99 ?? 0)} ms${r.fuse?.capped ? ` (n=${r.fuse.latency.questions})` : ''}`,
				),
			},
		],
		references: [
			{ y: TARGETS.clincP99Ms, label: `${TARGETS.clincP99Ms} ms (CLINC target)` },
			{ y: TARGETS.bigP99Ms, label: `${TARGETS.bigP99Ms} ms (100k target)` },
		],
	});
}

/** Inline code; invisible characters (zero-width, private use, unassigned…) shown as escapes. */
const code = (text: string) =>
	`\`${text
		.replace(/[|`]/g, ' ')
		.replace(
			/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/gu,
			(c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`,
		)}\``;

function slowestSection(rows: Row[], fuzz: FuzzInputs): string[] {
	const out: string[] = [];
	out.push('## Slowest questions (engine)');
	out.push('');
	out.push('The five slowest of the fixed question set per size (median of the passes):');
	out.push('');
	const table = [['size', 'question', 'kind', 'wall ms', 'CPU ms']];
	for (const { size, engine } of rows) {
		for (const s of engine.slowest)
			table.push([sizeLabel(size), code(s.text), s.kind, ms(s.ms), ms(s.cpuMs)]);
	}
	out.push(markdownTable(table));
	out.push('');
	out.push('## Fuzz tests: slowest inputs');
	out.push('');
	if (fuzz.entries.length === 0) {
		out.push(
			`_None supplied._ Run the fuzz tests with \`${FUZZ_SLOWEST_ENV}=${args.fuzz}\` to write their slowest inputs to \`${args.fuzz}\`; \`npm run bench\` then times each of them on every size, the same way as the question set, and lists them here.`,
		);
	} else {
		const fuzzTable = [
			['input', 'found by', 'ms there', ...rows.map((r) => `${sizeLabel(r.size)} wall / CPU ms`)],
		];
		fuzz.entries.forEach((entry, i) => {
			const input = entry.input;
			const shown = input.length > 120 ? `${input.slice(0, 120)}… (${input.length} chars)` : input;
			fuzzTable.push([
				code(JSON.stringify(shown).slice(1, -1)),
				entry.source ? path.basename(entry.source) : '–',
				entry.ms === undefined ? '–' : ms(entry.ms),
				...rows.map((r) => {
					const x = r.engine.extra[i];
					return x ? `${ms(x.ms)} / ${ms(x.cpuMs)}` : '–';
				}),
			]);
		});
		out.push(`From \`${args.fuzz}\`. ${fuzz.provenance ?? ''}`);
		out.push('');
		out.push(
			"Each input is asked here as the engine is (the Discord test's inputs without the bot's mention), on every size, and timed like the question set (median of the passes). “ms there” is the latency the test saw, on its own knowledge (`knowledge/`) and measured as the file says.",
		);
		out.push('');
		out.push(markdownTable(fuzzTable));
	}
	return out;
}

async function redrawChart(): Promise<void> {
	const saved = JSON.parse(await readFile(path.resolve(process.cwd(), args.json), 'utf8')) as { rows: Row[] };
	const svgFile = path.resolve(process.cwd(), args.svg);
	await writeFile(svgFile, chart(saved.rows));
	console.log(`Redrawn ${path.relative(process.cwd(), svgFile)} from ${args.json}`);
}

async function main(): Promise<void> {
	if (args['chart-only']) return redrawChart();
	const started = performance.now();
	const sizes = args.sizes
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	for (const size of sizes)
		if (!(size in SIZES)) throw new Error(`unknown size '${size}'; sizes: ${Object.keys(SIZES).join(', ')}`);
	const fuzz = await readFuzzInputs(args.fuzz);
	const loadBefore = os.loadavg();
	if (COMPILED) {
		log('compiling src/ and bench/ (tsconfig.bench.json)');
		await compileBench();
	}
	log('memory of a process without knowledge');
	const probes = memoryProbes();
	const scratch = await mkdtemp(path.join(os.tmpdir(), 'faq-bench-'));
	const extraArgs: string[] = [];
	if (fuzz.entries.length > 0) {
		const file = path.join(scratch, 'extra.json');
		await writeFile(file, JSON.stringify(fuzz.entries.map((e) => e.input)));
		extraArgs.push('--extra', file);
	}
	const rows: Row[] = [];
	try {
		for (const size of sizes as SizeName[]) {
			const folder = path.join(scratch, size);
			log(`${sizeLabel(size)}: writing the knowledge`);
			await runWorker(size, 'prepare', ['--dir', folder]);
			log(`${sizeLabel(size)}: engine`);
			const engine = await runWorker<EngineResult>(size, 'engine', ['--dir', folder, ...extraArgs]);
			await rm(folder, { recursive: true, force: true });
			let fuse: FuseResult | undefined;
			if (!args['no-fuse']) {
				log(`${sizeLabel(size)}: fuse.js`);
				fuse = await runWorker<FuseResult>(size, 'fuse', ['--fuse-budget-ms', args['fuse-budget-ms']]);
			}
			rows.push({ size, engine, ...(fuse ? { fuse } : {}) });
		}
	} finally {
		await rm(scratch, { recursive: true, force: true });
	}
	const wallMs = performance.now() - started;
	const version = await engineVersion();
	const passes = rows.map((r) => `${sizeLabel(r.size)} ${r.engine.passes}`).join(', ');
	const reloadRounds = rows.map((r) => `${sizeLabel(r.size)} ${r.engine.reload.editedMs.length}`).join(', ');

	const md: string[] = [];
	md.push('# Scale benchmark: answer engine vs. fuse.js');
	md.push('');
	md.push(
		`Generated by \`npm run bench\` on ${new Date().toISOString()}; Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}); load average ${loadBefore.map((l) => l.toFixed(1)).join(' / ')} at the start and ${os
			.loadavg()
			.map((l) => l.toFixed(1))
			.join(
				' / ',
			)} at the end (other processes share the machine: wall-clock latencies are inflated when the load exceeds the CPU count, which is why CPU time is shown too). Engine: ${version}. Whole run ${(wallMs / 1000).toFixed(0)} s.`,
	);
	md.push('');
	md.push('## Method');
	md.push('');
	md.push(
		`- Knowledge: seeded (mulberry32) game/product-community FAQ entries — e.g. “How do I reset my password in the Zarvok launcher?” — with 3–5 alternates each (casual rewordings: “cant reset password anymore”), an answer of 2–3 sentences, in documents of 500 entries (one FAQ file per product, as the loader's 1 MiB file limit also requires), from a vocabulary of ~3,000 product/item names and ~600 community words with Zipf-like frequencies; plus the CLINC150 knowledge (150 entries, 14,850 alternates, one document). A first process writes it as one YAML FAQ list per document to a temp folder; the engine process serves that folder as the bot does (\`KnowledgeService.open(folder)\`), so it never holds the generated knowledge.`,
		`- Questions: a fixed seeded set of ${QUESTION_COUNT} per size, alternating a paraphrased and typo'd variant of a known question or alternate (word dropped or swapped, 1–2 typos, chat prefixes/suffixes) and an off-topic question (recipes, weather, trivia). After 40 warm-up questions, each question is asked up to 3 times (passes over the whole set; no further pass once the passes so far took 15 s — passes per size: ${passes}) and its median time counts; “CPU” is this process's CPU time for the question, which other processes on the machine disturb less than wall time.`,
		`- Reload, as a moderator's \`/reload\` runs it: \`service.reload()\` on the folder the service was opened on. Each round times one reload with nothing changed, then one after a document file (the middle one) was edited — its first entry's answer changed and one FAQ entry added — and checks that the report's diff is exactly that (the document changed, the entry added, the first entry changed), that the new entry's question is then answered with it, and that the edited answer is served. Up to 3 rounds, none after 20 s (rounds per size: ${reloadRounds}); the median counts. “Cold start” is \`KnowledgeService.open\` (load + build everything, as \`npm start\`); “cold rebuild” is \`loadKnowledge\` + \`buildEngine\` on a fresh copy with nothing reused, while the service's engine is still alive.`,
		`- Each size runs in its own processes (${COMPILED ? '`node --expose-gc .scratch/bench-dist/bench/scale-worker.js <size> prepare|engine|fuse`, compiled by tsc' : '`node --expose-gc --import tsx bench/scale-worker.ts <size> prepare|engine|fuse`'}). Memory is read after \`gc()\`. “Process before knowledge” is the engine process with its modules loaded (Node${COMPILED ? '' : ' + tsx'} + the engine, loader and benchmark modules) and nothing else; “+ knowledge and engine” is the RSS growth from \`KnowledgeService.open\` (at small sizes mostly heap head-room and compiled code, not data); the heap columns are the heap growth of \`loadKnowledge\` and of \`buildEngine\` in the cold rebuild. Peak RSS covers the whole engine process, including the reloads (two engines alive at once, as in \`KnowledgeService.reload\`) and the cold rebuild.`,
		`- The process without knowledge, measured separately (RSS after \`gc()\`, median of 3 starts): Node alone ${mb(probes.node)} MiB; Node + tsx ${mb(probes.tsx)} MiB; Node + every module \`npm start\` loads before the knowledge (discord.js, pino, the engine, …), as ${RUNTIME}, ${mb(probes.bot)} MiB. That last figure is the bot's baseline; the engine process's own baseline is in the memory table.`,
		`- fuse.js: \`new Fuse(allQuestionsAndAlternates, { keys: ['text'], includeScore: true, ignoreLocation: true, threshold: 0.6 })\`, same questions, asked once each, in the same order, until all ${QUESTION_COUNT} are asked or ${(Number(args['fuse-budget-ms']) / 1000).toFixed(0)} s have passed (fuse.js scans every text for every question, so at large sizes only a few questions fit; see the note column).`,
	);
	md.push('');
	md.push('## Engine: question latency');
	md.push('');
	md.push(markdownTable(engineTable(rows)));
	md.push('');
	md.push('Quality sanity check at the default threshold (not a benchmark of accuracy): ');
	md.push('');
	md.push(
		markdownTable([
			[
				'size',
				'known variants answered with their entry',
				'off-topic abstained',
				'fuse.js best hit = entry (asked known questions)',
			],
			...rows.map((r) => [
				sizeLabel(r.size),
				`${r.engine.quality.knownRight}/${r.engine.quality.known}`,
				`${r.engine.quality.offTopicAbstained}/${r.engine.quality.offTopic}`,
				r.fuse ? `${r.fuse.quality.knownRight}/${r.fuse.quality.known}` : '–',
			]),
		]),
	);
	md.push('');
	md.push('## Engine: reload');
	md.push('');
	md.push(markdownTable(reloadTable(rows)));
	md.push('');
	md.push('## Engine: memory');
	md.push('');
	md.push(markdownTable(memoryTable(rows)));
	md.push('');
	if (rows.some((r) => r.fuse)) {
		md.push('## fuse.js over the same texts');
		md.push('');
		md.push(markdownTable(fuseTable(rows)));
		md.push('');
	}
	md.push('## Targets');
	md.push('');
	md.push(markdownTable(targetRows(rows, probes)));
	md.push('');
	md.push('![p99 latency vs size](latency.svg)');
	md.push('');
	md.push(...slowestSection(rows, fuzz));
	md.push('');

	const outFile = path.resolve(process.cwd(), args.out);
	const svgFile = path.resolve(process.cwd(), args.svg);
	await mkdir(path.dirname(outFile), { recursive: true });
	await writeFile(outFile, md.join('\n'));
	await mkdir(path.dirname(svgFile), { recursive: true });
	await writeFile(svgFile, chart(rows));
	// The raw figures (without the per-question timings), for comparing runs.
	const jsonFile = path.resolve(process.cwd(), args.json);
	const strip = <T extends { latency: { all: number[] } }>(r: T) => ({
		...r,
		latency: { ...r.latency, all: undefined },
	});
	const raw = rows.map((r) => ({
		size: r.size,
		engine: { ...strip(r.engine), cpu: { ...r.engine.cpu, all: undefined } },
		fuse: r.fuse && strip(r.fuse),
	}));
	await writeFile(
		jsonFile,
		`${JSON.stringify({ generated: new Date().toISOString(), version, memoryProbes: probes, rows: raw }, null, 1)}\n`,
	);

	console.log(textTable(engineTable(rows)));
	console.log('\nReload');
	console.log(textTable(reloadTable(rows)));
	console.log('\nMemory');
	console.log(textTable(memoryTable(rows)));
	console.log(
		`(Node alone ${mb(probes.node)} MiB, Node + tsx ${mb(probes.tsx)} MiB; npm start's modules, ${RUNTIME}: ${mb(probes.bot)} MiB)`,
	);
	if (rows.some((r) => r.fuse)) {
		console.log('\nfuse.js');
		console.log(textTable(fuseTable(rows)));
	}
	console.log('\nTargets');
	console.log(textTable(targetRows(rows, probes)));
	console.log(
		`\nWall time ${(wallMs / 1000).toFixed(0)} s. Written to ${[outFile, svgFile, jsonFile].map((f) => path.relative(process.cwd(), f)).join(', ')}`,
	);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
