/**
 * CLINC150 benchmark (`npm run bench:clinc`): the answer engine as an intent classifier with
 * out-of-scope abstention, following ../shared/benchmarks/clinc150/README.md. Every setting (rank
 * options and the abstention threshold) is chosen on train/val/oos_val; test + oos_test are
 * scored once. A plain fuse.js baseline runs afterwards in the same process, on seeded samples (it needs ~1 s per question).
 *
 *   npx tsx bench/clinc.ts [--data <path>] [--out <file.md>]
 *     [--fuse-val N] [--fuse-oos-val N] [--fuse-test N] [--fuse-oos-test N] [--no-fuse]
 *
 * The measuring is bench/clinc/measure.ts; the report, bench/clinc/report.ts with its prose and
 * protocol in bench/clinc/report.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { measureClinc, TARGET_ACCURACY, TARGET_RECALL } from './clinc/measure.js';
import { clincMarkdown, clincSummary, passes } from './clinc/report.js';
import { DEFAULT_CLINC_PATH } from './lib/clinc-data.js';

const { values: args } = parseArgs({
	options: {
		data: { type: 'string', default: DEFAULT_CLINC_PATH },
		out: { type: 'string', default: 'bench/results/clinc.md' },
		'fuse-val': { type: 'string', default: '20' },
		'fuse-oos-val': { type: 'string', default: '20' },
		'fuse-test': { type: 'string', default: '30' },
		'fuse-oos-test': { type: 'string', default: '20' },
		'no-fuse': { type: 'boolean', default: false },
	},
	strict: true,
});

const count = (name: 'fuse-val' | 'fuse-oos-val' | 'fuse-test' | 'fuse-oos-test'): number => {
	const value = Number(args[name]);
	if (!Number.isInteger(value) || value < 0)
		throw new Error(`--${name} must be a whole number, got ${String(args[name])}`);
	return value;
};

async function main(): Promise<void> {
	const run = await measureClinc(
		args.data,
		args['no-fuse']
			? undefined
			: {
					val: count('fuse-val'),
					oosVal: count('fuse-oos-val'),
					test: count('fuse-test'),
					oosTest: count('fuse-oos-test'),
				},
	);
	const outFile = path.resolve(process.cwd(), args.out);
	await mkdir(path.dirname(outFile), { recursive: true });
	await writeFile(outFile, await clincMarkdown(run));
	console.log(clincSummary(run));
	console.log(
		`\nIssue target in-scope ≥ ${TARGET_ACCURACY * 100}% with oos recall ≥ ${TARGET_RECALL * 100}% (rule target): ${passes(run) ? 'PASS' : 'FAIL'}`,
	);
	console.log(
		`Wall time ${(run.wallMs / 1000).toFixed(1)} s. Written to ${path.relative(process.cwd(), outFile)}`,
	);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
