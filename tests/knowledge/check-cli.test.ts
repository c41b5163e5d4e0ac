import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

function check(args: string[], env: Record<string, string> = {}): Promise<Run> {
	return new Promise((resolve) => {
		execFile(
			'npx',
			['tsx', 'src/cli/check.ts', ...args],
			{ cwd: ROOT, env: { ...process.env, KNOWLEDGE_DIR: '', ...env } },
			(error, stdout, stderr) => {
				const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
				resolve({ code, stdout, stderr });
			},
		);
	});
}

const good = path.join(FIXTURES, 'good');
const broken = path.join(FIXTURES, 'broken');

describe('npm run check', () => {
	it('exits 0 and prints a summary for a good folder', async () => {
		const run = await check(['--dir', good]);
		expect(run.stdout.trim()).toBe(
			'4 documents, 4 sections, 5 FAQ entries (7 alternates), 4 synonym groups — OK',
		);
		expect(run.code).toBe(0);
	});

	it('exits 1 and prints every problem as file:line: field: message', async () => {
		const run = await check([`--dir=${broken}`]);
		expect(run.code).toBe(1);
		const file = path.join(broken, 'bad.md');
		expect(run.stdout.trim().split('\n')).toEqual([
			`${file}:3: relese_date: unknown key 'relese_date' (did you mean 'releaseDate'?) — allowed: id, title, aliases, kind, releaseDate, director, cast, composers, runtimeMinutes, synonyms`,
			`${file}:4: releaseDate: expected an ISO date YYYY-MM-DD, got '2025-13-40'`,
			'1 document, 1 section, 0 FAQ entries (0 alternates), 0 synonym groups — 2 problems',
		]);
	});

	it('reads the folder from KNOWLEDGE_DIR when --dir is not given', async () => {
		const run = await check([], { KNOWLEDGE_DIR: broken });
		expect(run.code).toBe(1);
		expect(run.stdout).toContain('2 problems');
	});

	it('exits 1 for a missing folder', async () => {
		const run = await check(['--dir', path.join(FIXTURES, 'nope')]);
		expect(run.code).toBe(1);
		expect(run.stdout).toContain('does not exist');
		expect(run.stdout).toContain('0 documents');
	});

	it('rejects unknown flags and stray arguments with a clear message', async () => {
		const flag = await check(['--dri', good]);
		expect(flag.code).toBe(2);
		expect(flag.stderr).toContain("unknown option '--dri' — allowed: --dir, --help");
		const stray = await check([good]);
		expect(stray.code).toBe(2);
		expect(stray.stderr).toContain(`unexpected argument '${good}'`);
		const empty = await check(['--dir']);
		expect(empty.code).toBe(2);
		expect(empty.stderr).toContain('--dir needs a folder path');
	});
});
