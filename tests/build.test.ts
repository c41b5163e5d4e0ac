/**
 * The compiled bot: `npm run build` emits dist/, which runs on plain `node` (no tsx) — the console
 * answers, parse workers and shard processes are compiled files too — and `npm start`'s staleness
 * check (scripts/build.js --if-stale) rebuilds exactly when the sources changed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { build, STAMP, staleReason } from '../scripts/build.js';
import { BOT_V8_OPTIONS } from '../src/v8-options.js';
import { DIRECTOR_QUESTION } from './support/questions.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
/** No token, no .env: `node dist/main.js` opens the local console. */
const CONSOLE_ENV = { PATH: process.env.PATH ?? '', DISCORD_TOKEN: '', DOTENV_CONFIG_PATH: '/nonexistent' };

describe('npm run build', () => {
	it('emits dist/main.js, whose local console answers a piped question on plain node', async () => {
		await run('npm', ['run', '--silent', 'build'], { cwd: ROOT, timeout: 120_000 });
		expect(await staleReason(ROOT)).toBeUndefined();
		const output = await new Promise<string>((resolve, reject) => {
			const child = execFile(
				process.execPath,
				['dist/main.js'],
				{ cwd: ROOT, env: CONSOLE_ENV, timeout: 20_000 },
				(error, stdout) => (error ? reject(new Error(error.message)) : resolve(stdout)),
			);
			child.stdin?.end(`${DIRECTOR_QUESTION}\n`);
		});
		expect(output).toMatch(/^Local console/);
		expect(output).toContain('Len Wiseman');
	}, 150_000);

	it("`npm run ask -- …` runs the compiled command in the launcher's own process, with its arguments", async () => {
		// scripts/run.js: dist/ is fresh (the test above), so it only runs dist/cli/ask.js.
		const { stdout, stderr } = await run(
			'npm',
			['run', '--silent', 'ask', '--', '--json', DIRECTOR_QUESTION],
			{
				cwd: ROOT,
				env: CONSOLE_ENV,
				timeout: 30_000,
			},
		);
		expect(stderr).toBe('');
		expect(JSON.parse(stdout)).toMatchObject({ question: DIRECTOR_QUESTION, kind: 'answer' });
		await expect(run(process.execPath, ['scripts/run.js', 'nope'], { cwd: ROOT })).rejects.toMatchObject({
			code: 2,
			stderr: expect.stringMatching(/^usage: node scripts\/run\.js <main\|sharded\|/) as unknown,
		});
	}, 60_000);

	it('runs parse workers and shards from compiled files, without tsx', async () => {
		// After the test above (vitest runs a file's tests in order), so dist/ is fresh.
		const knowledge = path.join(ROOT, 'knowledge');
		const dist = (file: string) => JSON.stringify(pathToFileURL(path.join(ROOT, 'dist', file)).href);
		// A file, not `node -e`: workers inherit the process's execArgv, and `--input-type` breaks them.
		const probe = path.join(await mkdtemp(path.join(tmpdir(), 'faq-probe-')), 'probe.mjs');
		await writeFile(
			probe,
			`
			import { loadKnowledge } from ${dist('knowledge/load.js')};
			import { SHARD_SCRIPT, shardExecArgv } from ${dist('discord/shard-manager.js')};
			let workers = 0;
			process.on('worker', () => workers++);
			const warnings = [];
			process.on('warning', (w) => warnings.push(w.message));
			const { knowledge } = await loadKnowledge(${JSON.stringify(knowledge)}, { workerThreshold: 0 });
			const shard = SHARD_SCRIPT;
			console.log(JSON.stringify({ workers, warnings, documents: knowledge.documents.length, shard, execArgv: shardExecArgv() }));
			`,
		);
		const { stdout } = await run(process.execPath, [probe], { cwd: ROOT, env: CONSOLE_ENV, timeout: 30_000 });
		await rm(path.dirname(probe), { recursive: true, force: true });
		const result = JSON.parse(stdout) as {
			workers: number;
			warnings: string[];
			documents: number;
			shard: string;
			execArgv: string[];
		};
		expect(result).toMatchObject({ warnings: [], documents: 1, execArgv: BOT_V8_OPTIONS });
		expect(result.workers).toBeGreaterThan(0);
		expect(result.shard).toBe(path.join(ROOT, 'dist', 'discord', 'shard-process.js'));
		await expect(readFile(result.shard, 'utf8')).resolves.toContain('startBot');
	}, 60_000);
});

/**
 * Makes `root`'s last build older than any of its sources (a fixed date: "ten seconds ago" was not
 * older than sources written more than ten seconds earlier on a busy machine).
 */
async function backdateBuild(root: string): Promise<void> {
	const earlier = new Date('2020-01-01T00:00:00Z');
	await utimes(path.join(root, 'dist', STAMP), earlier, earlier);
}

describe('the staleness check before npm start', () => {
	let project: string | undefined;
	afterAll(async () => {
		if (project) await rm(project, { recursive: true, force: true });
	});

	it('builds when dist/ is missing, not when it is fresh, and again when a src file is newer', async () => {
		// A one-file project: the same script, a fraction of the compile time.
		project = await mkdtemp(path.join(tmpdir(), 'faq-build-'));
		await mkdir(path.join(project, 'src'));
		const source = path.join(project, 'src', 'main.ts');
		await writeFile(source, 'export const answer: number = 41;\n');
		await writeFile(
			path.join(project, 'tsconfig.build.json'),
			JSON.stringify({
				compilerOptions: {
					strict: true,
					module: 'NodeNext',
					target: 'ES2022',
					types: [],
					rootDir: 'src',
					outDir: 'dist',
				},
				include: ['src'],
			}),
		);
		const compiled = () => readFile(path.join(project!, 'dist', 'main.js'), 'utf8');

		expect(await staleReason(project)).toBe('dist/ has not been built');
		expect(await build({ root: project, ifStale: true })).toBe(true);
		expect(await compiled()).toContain('answer = 41');
		expect(await staleReason(project)).toBeUndefined();
		expect(await build({ root: project, ifStale: true })).toBe(false);

		// Edited after the build started: the stamp is moved back rather than waiting out the
		// file system's mtime resolution.
		await backdateBuild(project);
		await writeFile(source, 'export const answer: number = 42;\n');
		expect(await staleReason(project)).toBe('src/ changed since dist/ was built');
		expect(await build({ root: project, ifStale: true })).toBe(true);
		expect(await compiled()).toContain('answer = 42');
		expect(await staleReason(project)).toBeUndefined();
	}, 60_000);

	it('takes over the lock of a build that was stopped half-way', async () => {
		// A pid that no longer runs: a process that has exited.
		const gone = await new Promise<number>((resolve) => {
			const child = execFile(process.execPath, ['-e', '']);
			child.once('exit', () => resolve(child.pid!));
		});
		await mkdir(path.join(project!, '.dist-lock'));
		await writeFile(path.join(project!, '.dist-lock', 'pid'), String(gone));
		await backdateBuild(project!);
		expect(await build({ root: project!, ifStale: true })).toBe(true);
	}, 60_000);

	it('reports what tsc says when the sources do not compile, and keeps the last good dist/', async () => {
		const source = path.join(project!, 'src', 'main.ts');
		await backdateBuild(project!);
		await writeFile(source, 'export const answer: number = "forty-two";\n');
		await expect(build({ root: project!, ifStale: true })).rejects.toThrow(/tsc failed:[\s\S]*TS2322/);
		expect(await readFile(path.join(project!, 'dist', 'main.js'), 'utf8')).toContain('answer = 42');
	}, 60_000);
});
