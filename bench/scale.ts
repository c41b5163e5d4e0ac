/**
 * Scale benchmark (`npm run bench`): index build, reload, question latency and memory of the
 * answer engine at growing knowledge sizes, against a plain fuse.js index over the same texts.
 * Each size and each method runs in its own child process (bench/scale-worker.ts) so that memory
 * peaks don't accumulate. Writes bench/results/scale.md, latency.svg and scale.json (raw figures).
 *
 *   npx tsx bench/scale.ts [--sizes clinc,1k,10k,100k] [--data <clinc json>] [--no-fuse]
 *     [--fuse-budget-ms 20000] [--fuzz bench/fuzz-slowest.json] [--chart-only]
 *
 * Slowest inputs found elsewhere (the fuzz tests) are timed on every size when
 * bench/fuzz-slowest.json exists: a JSON list of strings, or of { "input": string, "note"?: string }.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_CLINC_PATH } from './lib/clinc-data.js';
import {
	QUESTION_COUNT,
	SIZES,
	type EngineResult,
	type FuseResult,
	type SizeName,
} from './lib/scale-types.js';
import { markdownTable, ms, textTable } from './lib/stats.js';
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

function log(message: string): void {
	process.stderr.write(`${message}\n`);
}

/** Runs one worker and returns the JSON it prints. */
function runWorker<T>(size: SizeName, mode: 'engine' | 'fuse', extra: string[]): Promise<T> {
	const tsx = import.meta.resolve('tsx');
	const child = spawn(
		process.execPath,
		[
			'--expose-gc',
			'--import',
			tsx,
			path.join(here, 'scale-worker.ts'),
			size,
			mode,
			'--data',
			args.data,
			...extra,
		],
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

const fuzzFile = z.array(
	z.union([
		z.string(),
		z.object({ input: z.string(), note: z.string().optional() }).transform((o) => o.input),
	]),
);

async function readFuzzInputs(file: string): Promise<string[]> {
	const resolved = path.resolve(process.cwd(), file);
	if (!existsSync(resolved)) return [];
	const parsed = fuzzFile.safeParse(JSON.parse(await readFile(resolved, 'utf8')));
	if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
	return parsed.data;
}

/** What exactly was measured: the commit, and a hash of the engine's sources as they were on disk. */
async function engineVersion(): Promise<string> {
	let commit = 'unknown';
	let dirty = '';
	try {
		commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
		dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).trim()
			? ' + uncommitted changes under src/'
			: '';
	} catch {
		// Not a git checkout.
	}
	const hash = createHash('sha256');
	for (const folder of ['src/search', 'src/answer', 'src/knowledge']) {
		const dir = path.resolve(process.cwd(), folder);
		if (!existsSync(dir)) continue;
		const { readdir } = await import('node:fs/promises');
		for (const name of (await readdir(dir)).sort()) {
			hash.update(name);
			hash.update(await readFile(path.join(dir, name)));
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

function engineTable(rows: Row[]): string[][] {
	const table = [
		[
			'size',
			'docs',
			'entries',
			'indexed questions',
			'build ms',
			'reload ms (fresh copy)',
			'reload from disk ms (load + build)',
			'p50 ms',
			'p99 ms',
			'max ms',
			'CPU p99 ms',
			'RSS after build MiB',
			'heap used MiB',
			'engine heap MiB',
			'peak RSS MiB',
		],
	];
	for (const { size, engine: e } of rows) {
		table.push([
			sizeLabel(size),
			String(e.documents),
			e.entries.toLocaleString('en'),
			texts(e).toLocaleString('en'),
			ms(e.buildMs),
			ms(e.reloadMs),
			e.disk
				? `${ms(e.disk.loadMs + e.disk.buildMs)} (${ms(e.disk.loadMs)} + ${ms(e.disk.buildMs)})`
				: 'not measured',
			ms(e.latency.p50),
			ms(e.latency.p99),
			ms(e.latency.max),
			ms(e.cpu.p99),
			mb(e.afterBuild.rssMiB),
			mb(e.afterBuild.heapUsedMiB),
			mb(e.afterBuild.heapUsedMiB - e.baseline.heapUsedMiB),
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

function targetRows(rows: Row[]): string[][] {
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
		table.push([
			`100k entries: p99 ≤ ${TARGETS.bigP99Ms} ms`,
			`${ms(e.latency.p99)} ms (CPU ${ms(e.cpu.p99)} ms)`,
			pf(e.latency.p99 <= TARGETS.bigP99Ms),
		]);
		table.push([
			`100k entries: full reload ≤ ${TARGETS.bigReloadMs / 1000} s (engine from a fresh copy)`,
			`${ms(e.reloadMs)} ms`,
			pf(e.reloadMs <= TARGETS.bigReloadMs),
		]);
		if (e.disk) {
			const disk = e.disk.loadMs + e.disk.buildMs;
			table.push([
				`100k entries: reload from disk ≤ ${TARGETS.bigReloadMs / 1000} s (loadKnowledge + buildEngine, what /reload does)`,
				`${ms(disk)} ms`,
				pf(disk <= TARGETS.bigReloadMs),
			]);
		}
		table.push([
			`100k entries: process memory ≤ ${TARGETS.bigMemoryMiB} MB (RSS after build)`,
			`${mb(e.afterBuild.rssMiB)} MiB (peak ${mb(e.peakRssMiB)} MiB during reloads)`,
			pf(e.afterBuild.rssMiB <= TARGETS.bigMemoryMiB),
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

function slowestSection(rows: Row[], fuzzInputs: string[]): string[] {
	const out: string[] = [];
	out.push('## Slowest questions (engine)');
	out.push('');
	out.push('The five slowest of the fixed question set per size (median of the passes):');
	out.push('');
	const table = [['size', 'question', 'kind', 'wall ms', 'CPU ms']];
	for (const { size, engine } of rows) {
		for (const s of engine.slowest)
			table.push([sizeLabel(size), `\`${s.text.replace(/[|`]/g, ' ')}\``, s.kind, ms(s.ms), ms(s.cpuMs)]);
	}
	out.push(markdownTable(table));
	out.push('');
	out.push('## Fuzz tests: slowest input');
	out.push('');
	if (fuzzInputs.length === 0) {
		out.push(
			'_None supplied yet._ The fuzz tests can put their slowest inputs in `bench/fuzz-slowest.json` (a JSON list of strings, or of `{ "input": "...", "note": "..." }`); `npm run bench` then times each of them on every size, the same way as the question set, and lists them here.',
		);
	} else {
		const fuzzTable = [['input', ...rows.map((r) => `${sizeLabel(r.size)} wall / CPU ms`)]];
		fuzzInputs.forEach((input, i) => {
			const shown = input.length > 120 ? `${input.slice(0, 120)}… (${input.length} chars)` : input;
			fuzzTable.push([
				`\`${JSON.stringify(shown).slice(1, -1).replace(/[|`]/g, ' ')}\``,
				...rows.map((r) => {
					const x = r.engine.extra[i];
					return x ? `${ms(x.ms)} / ${ms(x.cpuMs)}` : '–';
				}),
			]);
		});
		out.push(`From \`${args.fuzz}\`, timed on every size (median of the passes):`);
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
	const fuzzInputs = await readFuzzInputs(args.fuzz);
	const scratch = await mkdtemp(path.join(os.tmpdir(), 'faq-bench-extra-'));
	const extraArgs: string[] = [];
	if (fuzzInputs.length > 0) {
		const file = path.join(scratch, 'extra.json');
		await writeFile(file, JSON.stringify(fuzzInputs));
		extraArgs.push('--extra', file);
	}
	const loadBefore = os.loadavg();
	const rows: Row[] = [];
	try {
		for (const size of sizes as SizeName[]) {
			log(`${sizeLabel(size)}: engine`);
			const engine = await runWorker<EngineResult>(size, 'engine', extraArgs);
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
		`- Knowledge: seeded (mulberry32) game/product-community FAQ entries — e.g. “How do I reset my password in the Zarvok launcher?” — with 3–5 alternates each (casual rewordings: “cant reset password anymore”), an answer of 2–3 sentences, in documents of 500 entries (one FAQ file per product, as the loader's 1 MiB file limit also requires), from a vocabulary of ~3,000 product/item names and ~600 community words with Zipf-like frequencies; plus the CLINC150 knowledge (150 entries, 14,850 alternates, one document).`,
		`- Questions: a fixed seeded set of ${QUESTION_COUNT} per size, alternating a paraphrased and typo'd variant of a known question or alternate (word dropped or swapped, 1–2 typos, chat prefixes/suffixes) and an off-topic question (recipes, weather, trivia). After 40 warm-up questions, each question is asked up to 3 times (passes over the whole set; no further pass once the passes so far took 15 s — passes per size: ${passes}) and its median time counts; “CPU” is this process's CPU time for the question, which other processes on the machine disturb less than wall time.`,
		`- Each size runs in its own process (\`node --expose-gc --import tsx bench/scale-worker.ts <size> engine|fuse\`). Memory is read after \`gc()\`: RSS after build is the whole process (Node + tsx + modules ≈ ${mb(rows[0]?.engine.empty.rssMiB ?? 0)} MiB before any knowledge is loaded, plus the knowledge, plus the engine); “engine heap” is the heap growth caused by \`buildEngine\`; peak RSS covers the whole worker, including the two reloads (while the first engine is still alive, as in \`KnowledgeService.reload\`) and the YAML loading.`,
		`- Reload from disk: the knowledge is written as one YAML FAQ list per document to a temp folder, then timed: \`loadKnowledge(dir)\` + \`buildEngine\` on what it loaded, with the first engine still alive (what \`KnowledgeService.reload\` does). “Reload ms (fresh copy)” is that \`buildEngine\` alone: a second engine from a fresh copy of the knowledge (a \`structuredClone\` stands in when there is no loader).`,
		`- fuse.js: \`new Fuse(allQuestionsAndAlternates, { keys: ['text'], includeScore: true, ignoreLocation: true, threshold: 0.6 })\`, same questions, asked once each, in the same order, until all ${QUESTION_COUNT} are asked or ${(Number(args['fuse-budget-ms']) / 1000).toFixed(0)} s have passed (fuse.js scans every text for every question, so at large sizes only a few questions fit; see the note column).`,
	);
	md.push('');
	md.push('## Engine');
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
	if (rows.some((r) => r.fuse)) {
		md.push('## fuse.js over the same texts');
		md.push('');
		md.push(markdownTable(fuseTable(rows)));
		md.push('');
	}
	md.push('## Targets');
	md.push('');
	md.push(markdownTable(targetRows(rows)));
	md.push('');
	md.push('![p99 latency vs size](latency.svg)');
	md.push('');
	md.push(...slowestSection(rows, fuzzInputs));
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
		`${JSON.stringify({ generated: new Date().toISOString(), version, rows: raw }, null, 1)}\n`,
	);

	console.log(textTable(engineTable(rows).map((r) => r.filter((_, i) => ![1, 12, 13].includes(i)))));
	if (rows.some((r) => r.fuse)) {
		console.log('\nfuse.js');
		console.log(textTable(fuseTable(rows)));
	}
	console.log('\nTargets');
	console.log(textTable(targetRows(rows)));
	console.log(
		`\nWall time ${(wallMs / 1000).toFixed(0)} s. Written to ${[outFile, svgFile, jsonFile].map((f) => path.relative(process.cwd(), f)).join(', ')}`,
	);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
