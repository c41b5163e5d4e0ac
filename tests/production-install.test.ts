/**
 * `npm start` on an install without the dev dependencies (README "production": build, then
 * `npm prune --omit=dev`): a copy of this checkout with its node_modules pruned, no network. With
 * dist/ up to date it runs on the runtime dependencies alone; with dist/ stale it cannot build
 * (no TypeScript) and says in one line what to run.
 */
import { execFile } from 'node:child_process';
import { access, mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../scripts/build.js';
import { DIRECTOR_QUESTION } from './support/questions.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
/** What `npm start` needs of the checkout, dist/ included (copied with its times: it stays fresh). */
const COPIED = [
	'package.json',
	'package-lock.json',
	'tsconfig.json',
	'tsconfig.build.json',
	'scripts',
	'src',
	'assets',
];
const COPIED_TOO = ['knowledge', 'dist', 'node_modules'];

interface Outcome {
	code: number;
	stdout: string;
	stderr: string;
}

/** `npm start` in `cwd` with `input` piped in: the console, as no token is set. */
function npmStart(cwd: string, input: string): Promise<Outcome> {
	return new Promise((resolve) => {
		const child = execFile(
			'npm',
			['start', '--silent'],
			{
				cwd,
				env: {
					PATH: process.env.PATH ?? '',
					HOME: process.env.HOME ?? '',
					DOTENV_CONFIG_PATH: '/nonexistent',
				},
				timeout: 60_000,
			},
			(error, stdout, stderr) =>
				resolve({
					code: error ? Number(error.code ?? 1) : 0,
					stdout: String(stdout),
					stderr: String(stderr),
				}),
		);
		child.stdin?.end(input);
	});
}

describe('npm start without the dev dependencies', () => {
	let copy: string | undefined;

	beforeAll(async () => {
		await build({ ifStale: true });
		copy = await mkdtemp(path.join(tmpdir(), 'faq-prod-'));
		// `cp -a`: the times (dist/ stays newer than src/) and node_modules' links as they are.
		await run('cp', ['-a', ...[...COPIED, ...COPIED_TOO].map((name) => path.join(ROOT, name)), copy]);
		await run('npm', ['prune', '--omit=dev', '--offline', '--no-audit', '--no-fund'], {
			cwd: copy,
			timeout: 120_000,
		});
	}, 240_000);

	afterAll(async () => {
		if (copy) await rm(copy, { recursive: true, force: true });
	});

	it('runs the compiled bot on the runtime dependencies alone', async () => {
		// Really pruned: neither the compiler nor tsx is left.
		await expect(access(path.join(copy!, 'node_modules', 'typescript'))).rejects.toThrow();
		await expect(access(path.join(copy!, 'node_modules', 'tsx'))).rejects.toThrow();
		const outcome = await npmStart(copy!, `${DIRECTOR_QUESTION}\n`);
		expect(outcome.stderr).toBe('');
		expect(outcome.stdout).toMatch(/^Local console/);
		expect(outcome.stdout).toContain('Len Wiseman');
		expect(outcome.code).toBe(0);
	}, 90_000);

	it('says in one line what to run when dist/ is stale and cannot be built', async () => {
		const later = new Date(Date.now() + 60_000);
		await utimes(path.join(copy!, 'src', 'main.ts'), later, later);
		const outcome = await npmStart(copy!, `${DIRECTOR_QUESTION}\n`);
		expect(outcome.code).toBe(1);
		expect(outcome.stdout).toBe('');
		expect(outcome.stderr).toBe(
			'dist/ needs building (src/ changed since dist/ was built) and TypeScript is not installed (dev dependencies omitted): run `npm ci --include=dev && npm run build`, then `npm prune --omit=dev` if you like\n',
		);
	}, 90_000);
});
