/**
 * scripts/run.js, the launcher `npm start` runs: when dist/ is missing or older than src/ it
 * builds first, and then it runs the freshly built entry in its own process — so what runs is the
 * code as it is now, and a SIGTERM sent to the launcher reaches the bot's own handler even when
 * the launcher had to build first. Tried on a one-file project that has the launcher's two
 * scripts, so the checkout's dist/ (which other tests run) is left alone.
 *
 * Elsewhere: tests/build.test.ts (the build itself, the staleness rules, arguments passed through),
 * tests/discord/shutdown.test.ts (SIGTERM to the npm process during a burst of questions),
 * tests/production-install.test.ts (a stale dist/ without TypeScript).
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAMP } from '../scripts/build.js';
import { BOT_V8_OPTIONS } from '../src/v8-options.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');

/** The entry: says which version runs in which process; with `--wait`, runs until SIGTERM. */
const mainSource = (version: number) => `
process.on('SIGTERM', () => {
	console.log('version ${version} in ' + process.pid + ' stopped by SIGTERM');
	process.exit(0);
});
console.log('version ${version} in ' + process.pid);
if (process.argv.includes('--wait')) setInterval(() => {}, 1_000);
`;

describe('scripts/run.js', () => {
	let project = '';
	const launch = (...args: string[]) =>
		run(process.execPath, ['scripts/run.js', 'main', ...args], { cwd: project, timeout: 120_000 });
	/** Edits src/main.ts, with the last build moved back so the edit is newer whatever the clock's resolution. */
	async function edit(version: number): Promise<void> {
		const earlier = new Date('2020-01-01T00:00:00Z');
		await utimes(path.join(project, 'dist', STAMP), earlier, earlier);
		await writeFile(path.join(project, 'src', 'main.ts'), mainSource(version));
	}

	beforeAll(async () => {
		project = await mkdtemp(path.join(tmpdir(), 'faq-launcher-'));
		await mkdir(path.join(project, 'scripts'));
		await mkdir(path.join(project, 'src'));
		for (const script of ['run.js', 'build.js'])
			await copyFile(path.join(ROOT, 'scripts', script), path.join(project, 'scripts', script));
		// The checkout's packages: TypeScript for the build, @types/node for `process`.
		await symlink(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'), 'dir');
		await writeFile(path.join(project, 'package.json'), JSON.stringify({ type: 'module', private: true }));
		await writeFile(
			path.join(project, 'tsconfig.build.json'),
			JSON.stringify({
				compilerOptions: {
					strict: true,
					module: 'NodeNext',
					target: 'ES2022',
					types: ['node'],
					rootDir: 'src',
					outDir: 'dist',
				},
				include: ['src'],
			}),
		);
		await writeFile(path.join(project, 'src', 'main.ts'), mainSource(1));
	});

	afterAll(async () => {
		if (project) await rm(project, { recursive: true, force: true });
	});

	it('builds a missing or stale dist/ before running, and runs what it built', async () => {
		const first = await launch();
		expect(first.stderr).toBe('building dist/ (dist/ has not been built)…\n');
		expect(first.stdout).toMatch(/^version 1 in \d+\n$/);

		await edit(2);
		const second = await launch();
		expect(second.stderr).toBe('building dist/ (src/ changed since dist/ was built)…\n');
		expect(second.stdout).toMatch(/^version 2 in \d+\n$/);

		// Up to date: no build, the same code.
		const third = await launch();
		expect(third.stderr).toBe('');
		expect(third.stdout).toMatch(/^version 2 in \d+\n$/);
	}, 180_000);

	it('runs the entry in its own process, so SIGTERM reaches the bot after a build', async () => {
		await edit(3);
		const child = spawn(process.execPath, ['scripts/run.js', 'main', '--wait'], {
			cwd: project,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
		const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
		await expect.poll(() => stdout, { timeout: 120_000, interval: 100 }).toMatch(/^version 3 in \d+\n$/);
		expect(stderr).toBe('building dist/ (src/ changed since dist/ was built)…\n');
		// The bot is the launcher's process itself, not a child it would have to pass the signal to.
		expect(stdout).toBe(`version 3 in ${child.pid}\n`);
		child.kill('SIGTERM');
		expect(await exited).toEqual([0, null]);
		expect(stdout).toBe(`version 3 in ${child.pid}\nversion 3 in ${child.pid} stopped by SIGTERM\n`);
	}, 180_000);
});

describe("npm start's command line", () => {
	it('gives node the V8 options of src/v8-options.ts (which shards get too), and execs it', async () => {
		const { scripts } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
			scripts: Record<string, string>;
		};
		const options = BOT_V8_OPTIONS.join(' ');
		expect(scripts.start).toBe(`exec node ${options} scripts/run.js main`);
		expect(scripts['start:sharded']).toBe(`exec node ${options} scripts/run.js sharded`);
	});
});
