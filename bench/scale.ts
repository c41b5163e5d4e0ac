/**
 * Scale benchmark (`npm run bench`): question latency, /reload and memory of the answer engine at
 * growing knowledge sizes, against a plain fuse.js index over the same texts, and what the
 * learning loop's recorder adds to the reply path (bench/recorder-cost.ts; `--no-recorder` skips it). Each size and each
 * method runs in its own child process (bench/scale-worker.ts) so that memory peaks don't
 * accumulate. Writes bench/results/scale.md, latency.svg and scale.json (raw figures).
 *
 *   npx tsx bench/scale.ts [--sizes clinc,1k,10k,100k] [--data <clinc json>] [--no-fuse]
 *     [--fuse-budget-ms 20000] [--fuzz bench/fuzz-slowest.json] [--chart-only] [--runtime compiled|tsx]
 *     [--no-recorder]
 *
 * `--runtime compiled` (the default) measures what `npm start` runs: src/ and bench/ are compiled
 * with tsc (tsconfig.bench.json, into .scratch/bench-dist) and the workers run on plain `node`.
 * `--runtime tsx` runs them from TypeScript source under tsx, as `npm start` did before it ran
 * compiled code: the figures to compare with.
 *
 * Slowest inputs found by the fuzz tests are timed on every size when bench/fuzz-slowest.json
 * exists (see testkit/fuzz-slowest.ts for how the tests write it).
 *
 * The measuring is bench/scale/measure.ts; the report, bench/scale/report.ts with its prose and
 * method in bench/scale/report.md.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CLINC_PATH } from './lib/clinc-data.js';
import { measureScale, parseSizes, type Row } from './scale/measure.js';
import { scaleChart, scaleJson, scaleMarkdown, scaleSummary } from './scale/report.js';

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
		'no-recorder': { type: 'boolean', default: false },
	},
	strict: true,
});

async function write(file: string, text: string): Promise<string> {
	const resolved = path.resolve(process.cwd(), file);
	await mkdir(path.dirname(resolved), { recursive: true });
	await writeFile(resolved, text);
	return path.relative(process.cwd(), resolved);
}

async function redrawChart(): Promise<void> {
	const saved = JSON.parse(await readFile(path.resolve(process.cwd(), args.json), 'utf8')) as { rows: Row[] };
	const written = await write(args.svg, scaleChart(saved.rows));
	console.log(`Redrawn ${written} from ${args.json}`);
}

async function main(): Promise<void> {
	if (args['chart-only']) return redrawChart();
	if (args.runtime !== 'compiled' && args.runtime !== 'tsx') throw new Error('--runtime is compiled or tsx');
	const run = await measureScale({
		sizes: parseSizes(args.sizes),
		data: args.data,
		fuse: !args['no-fuse'],
		fuseBudgetMs: Number(args['fuse-budget-ms']),
		fuzzFile: args.fuzz,
		runtime: args.runtime,
		recorder: !args['no-recorder'],
	});
	const written = [
		await write(args.out, await scaleMarkdown(run)),
		await write(args.svg, scaleChart(run.rows)),
		await write(args.json, scaleJson(run)),
	];
	console.log(scaleSummary(run));
	console.log(`\nWall time ${(run.wallMs / 1000).toFixed(0)} s. Written to ${written.join(', ')}`);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
