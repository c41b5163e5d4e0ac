/**
 * What a new server owner hits first, through the real entry points as `npm run ...` starts them:
 * `.env` read everywhere, a missing or empty knowledge folder refused at start, `--help`
 * everywhere, a malformed token refused the same way by both bot entry points.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRECTOR_QUESTION } from '../support/questions.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const KNOWLEDGE = path.join(ROOT, 'knowledge');
const VALID_SHAPED_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.c2VjcmV0.do-not-print-me';
/** A bot set up to connect to nothing (port 9): it gets as far as its first request to Discord. */
const UNREACHABLE_DISCORD = {
	DISCORD_TOKEN: VALID_SHAPED_TOKEN,
	DISCORD_API_URL: 'http://127.0.0.1:9/api',
	KNOWLEDGE_DIR: KNOWLEDGE,
	LOG_FORMAT: 'json',
};

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs `src/<script>` as its npm script does, from `cwd` (where `.env` is looked for). */
function run(
	script: string,
	args: string[] = [],
	{ env = {}, cwd = ROOT, input = '' }: { env?: Record<string, string>; cwd?: string; input?: string } = {},
): Promise<Run> {
	return new Promise((resolve) => {
		const child = execFile(
			TSX,
			[path.join(ROOT, 'src', script), ...args],
			{
				cwd,
				// Nothing from the developer's shell may decide the outcome; `.env` in `cwd` may.
				env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
				timeout: 20_000,
			},
			(error, stdout, stderr) =>
				resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
		);
		child.stdin?.end(input);
	});
}

let scratch: string;
let emptyDir: string;
let projectWithEnv: string;

beforeAll(async () => {
	scratch = await mkdtemp(path.join(tmpdir(), 'faq-bot-startup-'));
	emptyDir = await mkdtemp(path.join(scratch, 'empty-'));
	// A project folder whose .env points at a knowledge folder that is not the default one.
	projectWithEnv = await mkdtemp(path.join(scratch, 'project-'));
	const own = await mkdtemp(path.join(scratch, 'own-knowledge-'));
	await writeFile(
		path.join(own, 'server.yaml'),
		'title: Server FAQ\nfaq:\n  - question: Where do I apply for the artist role?\n    answer: Post three pieces in the showcase channel and ask a moderator.\n',
	);
	await writeFile(path.join(projectWithEnv, '.env'), `KNOWLEDGE_DIR=${own}\n`);
});

afterAll(async () => {
	await rm(scratch, { recursive: true, force: true });
});

describe('.env is read by every entry point', () => {
	it('npm run check validates the folder KNOWLEDGE_DIR in .env names', async () => {
		const result = await run('cli/check.ts', [], { cwd: projectWithEnv });
		expect(result.stdout).toContain('1 document, 0 sections, 1 FAQ entry');
		expect(result.code).toBe(0);
	});

	it('npm run ask answers from the folder KNOWLEDGE_DIR in .env names', async () => {
		const result = await run('cli/ask.ts', ['where do I apply for the artist role'], { cwd: projectWithEnv });
		expect(result.stdout).toContain('Post three pieces in the showcase channel');
		expect(result.code).toBe(0);
	});

	it('npm start (console) serves the folder KNOWLEDGE_DIR in .env names', async () => {
		const result = await run('main.ts', [], { cwd: projectWithEnv, input: 'artist role?\n' });
		expect(result.stdout).toContain('Post three pieces in the showcase channel');
	});

	it('a bad value in .env stops a CLI command with the variable named', async () => {
		const project = await mkdtemp(path.join(scratch, 'bad-env-'));
		await writeFile(path.join(project, '.env'), 'LOG_LEVEL=verbose\n');
		const result = await run('cli/check.ts', [], { cwd: project });
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('LOG_LEVEL: must be one of');
	});
});

describe('a missing or empty knowledge folder is an error at start', () => {
	it('npm run ask -- --dir /nope exits 1 saying the folder does not exist', async () => {
		const result = await run('cli/ask.ts', ['--dir', '/nope', DIRECTOR_QUESTION]);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('the knowledge folder /nope does not exist');
		expect(result.stdout).toBe('');
	});

	it('KNOWLEDGE_DIR=/nope npm start exits 1 instead of opening an empty bot', async () => {
		const result = await run('main.ts', [], { env: { KNOWLEDGE_DIR: '/nope' }, input: 'hi\n' });
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('Cannot start: the knowledge folder /nope does not exist');
		expect(result.stdout).not.toContain('Local console');
	});

	it('an empty folder stops npm start and npm run ask, and npm run check says it is a problem', async () => {
		const start = await run('main.ts', [], { env: { KNOWLEDGE_DIR: emptyDir }, input: 'hi\n' });
		expect(start.code).toBe(1);
		expect(start.stderr).toContain(`the knowledge folder ${emptyDir} has no usable document`);
		const ask = await run('cli/ask.ts', ['--dir', emptyDir, 'hi']);
		expect(ask.code).toBe(1);
		expect(ask.stderr).toContain('has no usable document');
		const check = await run('cli/check.ts', ['--dir', emptyDir]);
		expect(check.code).toBe(1);
		expect(check.stdout).toContain('has no usable document');
		expect(check.stdout).toContain(
			'0 documents, 0 sections, 0 FAQ entries (0 alternates), 0 synonym groups — 1 problem',
		);
	});

	it('npm run start:sharded refuses a missing folder once, before spawning shards', async () => {
		const result = await run('discord/shard-manager.ts', [], {
			env: { ...UNREACHABLE_DISCORD, KNOWLEDGE_DIR: '/nope' },
		});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('Cannot start: the knowledge folder /nope does not exist');
	});
});

describe("a host's slice of shards is for npm run start:sharded", () => {
	it('npm start with SHARD_IDS and SHARD_COUNT (in .env, say) refuses instead of logging in as shards of another host', async () => {
		const result = await run('main.ts', [], { env: { SHARD_IDS: '2,3', SHARD_COUNT: '4' }, input: 'hi\n' });
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(
			"Cannot start: SHARD_IDS=2,3 and SHARD_COUNT=4 pick this host's shards for `npm run start:sharded`",
		);
		expect(result.stdout).not.toContain('Local console');
	});
});

describe('--help', () => {
	it.each([
		['main.ts', /^usage: npm start\n/],
		['discord/shard-manager.ts', /^usage: npm run start:sharded\n/],
		['cli/ask.ts', /^usage: npm run ask -- \[--json\]/],
		['cli/check.ts', /^usage: npm run check -- \[--dir <knowledge folder>\]/],
		['cli/deploy-commands.ts', /^usage: npm run deploy-commands\n/],
		['cli/invite.ts', /^usage: npm run invite\n/],
	])('%s --help prints its usage and exits 0, even with no token or knowledge', async (script, usage) => {
		const result = await run(script, ['--help'], { env: { KNOWLEDGE_DIR: '/nope' } });
		expect(result.stdout).toMatch(usage);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
	});

	it('an unknown flag gets the usage and exit 2', async () => {
		const result = await run('main.ts', ['--verbose']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('usage: npm start');
	});
});

describe('a token that cannot be a bot token', () => {
	it('gets the same clear message from npm start and npm run start:sharded, no stack trace, no echo', async () => {
		const env = { DISCORD_TOKEN: 'abc', KNOWLEDGE_DIR: KNOWLEDGE };
		const start = await run('main.ts', [], { env });
		const sharded = await run('discord/shard-manager.ts', [], { env });
		for (const result of [start, sharded]) {
			expect(result.code).toBe(1);
			expect(result.stderr).toContain('DISCORD_TOKEN: this cannot be a bot token');
			expect(result.stderr).not.toMatch(/\n\s+at /);
			expect(result.stderr + result.stdout).not.toMatch(/\babc\b/);
		}
		expect(sharded.stderr).toBe(start.stderr);
	});

	it('a well-shaped but unusable token fails to connect in one line under start:sharded too', async () => {
		const result = await run('discord/shard-manager.ts', [], {
			env: UNREACHABLE_DISCORD,
		});
		expect(result.code).toBe(1);
		expect(result.stdout).toContain('could not connect to Discord at http://127.0.0.1:9/api');
		expect(result.stderr).not.toMatch(/\n\s+at /);
		expect(result.stdout + result.stderr).not.toContain('do-not-print-me');
	});
});

describe('ANSWER_CHANNEL_IDS without the Message Content intent', () => {
	it('npm start warns in one line naming the Developer Portal Bot page', async () => {
		const result = await run('main.ts', [], {
			env: { ...UNREACHABLE_DISCORD, ANSWER_CHANNEL_IDS: '323456789012345678' },
		});
		const warnings = result.stdout
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line) as { level: number; msg: string })
			.filter((line) => line.level === 40);
		expect(warnings.map((w) => w.msg)).toEqual([
			expect.stringMatching(
				/^ANSWER_CHANNEL_IDS: text channels are ignored and forum posts are read by their title only without MESSAGE_CONTENT_INTENT=true: .*Developer Portal's Bot page/,
			),
		]);
	});
});

describe('npm run invite', () => {
	it('prints the invite URL for the application id in .env, or read from the token', async () => {
		const project = await mkdtemp(path.join(scratch, 'invite-'));
		await writeFile(path.join(project, '.env'), 'DISCORD_APPLICATION_ID=123456789012345678\n');
		const fromEnvFile = await run('cli/invite.ts', [], { cwd: project });
		expect(fromEnvFile.code).toBe(0);
		expect(fromEnvFile.stdout).toMatch(
			/^https:\/\/discord\.com\/oauth2\/authorize\?client_id=123456789012345678&scope=bot\+applications\.commands&permissions=274877992000\n/,
		);
		const fromToken = await run('cli/invite.ts', [], { env: { DISCORD_TOKEN: VALID_SHAPED_TOKEN } });
		expect(fromToken.stdout).toContain('client_id=123456789012345678&');
		expect(fromToken.stdout).not.toContain('do-not-print-me');
	});

	it('says where to find the application id when it has none', async () => {
		const result = await run('cli/invite.ts');
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/^DISCORD_APPLICATION_ID: needed to build the invite URL/);
	});
});
