/**
 * The scale benchmark's measuring part: each size and each method in its own child process
 * (bench/scale-worker.ts), the memory of a process without knowledge, the fuzz tests' slowest
 * inputs, the learning loop's cost on the reply path (bench/recorder-cost.ts, in a process of its
 * own too), and what exactly was measured. Returns the figures; bench/scale/report.ts writes them up.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { FUZZ_SLOWEST_ENV, slowInputsFileSchema, type SlowInput } from '../../testkit/fuzz-slowest.js';
import { median } from '../../testkit/stats.js';
import { BOT_V8_OPTIONS } from '../../src/v8-options.js';
import { machine } from '../lib/machine.js';
import {
	SIZES,
	type EngineResult,
	type FuseResult,
	type RecorderCost,
	type SizeName,
} from '../lib/scale-types.js';

export type Runtime = 'compiled' | 'tsx';

export interface ScaleOptions {
	sizes: SizeName[];
	/** The CLINC150 data file. */
	data: string;
	fuse: boolean;
	fuseBudgetMs: number;
	/** The fuzz tests' slowest inputs (bench/fuzz-slowest.json), timed on every size when the file exists. */
	fuzzFile: string;
	runtime: Runtime;
	/** Also measure the learning loop's cost on the reply path (bench/recorder-cost.ts). */
	recorder: boolean;
}

/** The process before any knowledge, in parts: RSS after gc() of a process that loaded only… */
export interface MemoryProbes {
	/** …Node itself. */
	node: number;
	/** …Node with the tsx loader. */
	tsx: number;
	/**
	 * …and every module `npm start` loads before it reads the knowledge (discord.js, pino, the
	 * engine, …), as the runtime measured runs them (compiled on plain node, or under tsx).
	 */
	bot: number;
}

export interface FuzzInputs {
	entries: SlowInput[];
	/** Where the file came from and when, for the report. */
	provenance?: string;
}

export interface Row {
	size: SizeName;
	engine: EngineResult;
	fuse?: FuseResult;
}

export interface ScaleRun {
	options: ScaleOptions;
	/** When the run ended (ISO 8601). */
	finished: string;
	machine: { node: string; cpus: number; cpuModel: string; loadBefore: number[]; loadAfter: number[] };
	wallMs: number;
	/** The commit and a hash of the engine's sources as they were on disk. */
	version: string;
	probes: MemoryProbes;
	fuzz: FuzzInputs;
	rows: Row[];
	recorder?: RecorderCost;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** src/ and bench/ compiled together, inside the checkout so that their packages resolve. */
const COMPILED_DIR = path.join(ROOT, '.scratch', 'bench-dist');

/** The modules src/main.ts imports (without running it: that would start the bot). */
const BOT_MODULES = [
	'src/answer/service.ts',
	'src/cli/args.ts',
	'src/config.ts',
	'src/console/console.ts',
	'src/knowledge/report.ts',
	'src/logger.ts',
	'src/metrics/server.ts',
	'src/startup.ts',
	'src/storage/connect.ts',
	'src/storage/open.ts',
	'src/discord/bot.ts',
];

function log(message: string): void {
	process.stderr.write(`${message}\n`);
}

/** Compiles src/ and bench/ into COMPILED_DIR afresh (no file left from an older build). */
async function compileBench(): Promise<void> {
	await rm(COMPILED_DIR, { recursive: true, force: true });
	const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
	execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.bench.json')], { stdio: 'inherit' });
}

/**
 * The V8 options of the runtime measured: `npm start`'s (src/v8-options.ts) for compiled code,
 * none under tsx (as `npm start` ran before it ran compiled code).
 */
export function v8Options(runtime: Runtime): readonly string[] {
	return runtime === 'compiled' ? BOT_V8_OPTIONS : [];
}

/** How to run a TypeScript file of this checkout (`bench/x.ts`) under the runtime measured. */
function runnable(runtime: Runtime, file: string): string[] {
	const absolute = path.resolve(ROOT, file);
	if (runtime === 'tsx') return ['--import', import.meta.resolve('tsx'), absolute];
	return [path.join(COMPILED_DIR, path.relative(ROOT, absolute).replace(/\.ts$/, '.js'))];
}

/** Runs one worker and returns the JSON it prints. */
function runWorker<T>(
	options: ScaleOptions,
	size: SizeName,
	mode: 'prepare' | 'engine' | 'fuse',
	extra: string[],
): Promise<T> {
	return runForJson(
		options,
		'bench/scale-worker.ts',
		[size, mode, '--data', options.data, ...extra],
		`scale-worker ${size} ${mode}`,
	);
}

/** Runs a bench script of this checkout in its own process and returns the JSON of its last line. */
function runForJson<T>(options: ScaleOptions, file: string, args: string[], what: string): Promise<T> {
	const argv = ['--expose-gc', ...v8Options(options.runtime), ...runnable(options.runtime, file), ...args];
	const child = spawn(process.execPath, argv, {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	let stdout = '';
	child.stdout.setEncoding('utf8');
	child.stdout.on('data', (chunk: string) => (stdout += chunk));
	return new Promise<T>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (code) => {
			const line = stdout.trim().split('\n').at(-1);
			if (code !== 0 || !line) {
				reject(new Error(`${what} failed with code ${code}`));
				return;
			}
			resolve(JSON.parse(line) as T);
		});
	});
}

function probeRss(runtime: Runtime, withTsx: boolean, modules: string[]): number {
	const imports = modules.map((m) => {
		const file = withTsx ? path.resolve(ROOT, m) : runnable(runtime, m)[0]!;
		return `await import(${JSON.stringify(pathToFileURL(file).href)});`;
	});
	const script = `${imports.join('')} gc(); gc(); console.log(process.memoryUsage().rss);`;
	const output = execFileSync(
		process.execPath,
		[
			'--expose-gc',
			...v8Options(runtime),
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
function memoryProbes(runtime: Runtime): MemoryProbes {
	const median3 = (f: () => number) => median([f(), f(), f()]);
	return {
		node: median3(() => probeRss(runtime, false, [])),
		tsx: median3(() => probeRss(runtime, true, [])),
		bot: median3(() => probeRss(runtime, runtime === 'tsx', BOT_MODULES)),
	};
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

export const sizeLabel = (size: SizeName) => (size === 'clinc' ? 'CLINC150' : size);

export function parseSizes(list: string): SizeName[] {
	const sizes = list
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	for (const size of sizes)
		if (!(size in SIZES)) throw new Error(`unknown size '${size}'; sizes: ${Object.keys(SIZES).join(', ')}`);
	return sizes as SizeName[];
}

export async function measureScale(options: ScaleOptions): Promise<ScaleRun> {
	const started = performance.now();
	const fuzz = await readFuzzInputs(options.fuzzFile);
	const loadBefore = os.loadavg();
	if (options.runtime === 'compiled') {
		log('compiling src/ and bench/ (tsconfig.bench.json)');
		await compileBench();
	}
	log('memory of a process without knowledge');
	const probes = memoryProbes(options.runtime);
	const scratch = await mkdtemp(path.join(os.tmpdir(), 'faq-bench-'));
	const extraArgs: string[] = [];
	if (fuzz.entries.length > 0) {
		const file = path.join(scratch, 'extra.json');
		await writeFile(file, JSON.stringify(fuzz.entries.map((e) => e.input)));
		extraArgs.push('--extra', file);
	}
	const rows: Row[] = [];
	try {
		for (const size of options.sizes) {
			const folder = path.join(scratch, size);
			log(`${sizeLabel(size)}: writing the knowledge`);
			await runWorker(options, size, 'prepare', ['--dir', folder]);
			log(`${sizeLabel(size)}: engine`);
			const engine = await runWorker<EngineResult>(options, size, 'engine', ['--dir', folder, ...extraArgs]);
			await rm(folder, { recursive: true, force: true });
			let fuse: FuseResult | undefined;
			if (options.fuse) {
				log(`${sizeLabel(size)}: fuse.js`);
				fuse = await runWorker<FuseResult>(options, size, 'fuse', [
					'--fuse-budget-ms',
					String(options.fuseBudgetMs),
				]);
			}
			rows.push({ size, engine, ...(fuse ? { fuse } : {}) });
		}
	} finally {
		await rm(scratch, { recursive: true, force: true });
	}
	let recorder: RecorderCost | undefined;
	if (options.recorder) {
		log('learning loop on the reply path (bench/recorder-cost.ts)');
		recorder = await runForJson<RecorderCost>(options, 'bench/recorder-cost.ts', ['--json'], 'recorder-cost');
	}
	const wallMs = performance.now() - started;
	return {
		options,
		finished: new Date().toISOString(),
		machine: { ...machine(), loadBefore, loadAfter: os.loadavg() },
		wallMs,
		version: await engineVersion(),
		probes,
		fuzz,
		rows,
		...(recorder ? { recorder } : {}),
	};
}
