/**
 * `npm run unanswered` and `npm run stats` for server owners without Discord: what the learning
 * database of the configuration (DATA_DIR here) holds, as text or JSON, and their arguments.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionRecord } from '../../src/learning/records.js';
import { SQLITE_FILE } from '../../src/storage/connect.js';
import { openStore } from '../../src/storage/open.js';

const TSX = 'node_modules/.bin/tsx';
const DAY = 86_400_000;
const GUILD = '123456789012345678';
/** Another community served by the same bot and database. */
const OTHER_GUILD = '876543210987654321';
let dataDir: string;

function run(script: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
	return new Promise((resolve) => {
		execFile(
			TSX,
			[`src/cli/${script}.ts`, ...args],
			{
				env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, DOTENV_CONFIG_PATH: '/nonexistent' },
				timeout: 30_000,
			},
			(error, stdout, stderr) => resolve({ stdout, stderr, code: error ? Number(error.code ?? 1) : 0 }),
		);
	});
}

function record(id: string, question: string, overrides: Partial<QuestionRecord> = {}): QuestionRecord {
	return {
		id: id.padEnd(16, '0'),
		askedAt: Date.now() - DAY,
		guildId: GUILD,
		question,
		normalized: question.toLowerCase().replace(/[^a-z ]/g, ''),
		outcome: 'abstained',
		confidence: 0,
		candidates: [{ documentId: 'rules', title: 'Can I post spoilers?', kind: 'faq', score: 0.4 }],
		knowledgeVersion: 'v',
		...overrides,
	};
}

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'faq-cli-'));
	const store = openStore({ kind: 'sqlite', file: path.join(dataDir, SQLITE_FILE) }, { thread: 'here' });
	const answer = { documentId: 'rules', title: 'How do I report someone?', kind: 'faq' as const };
	await store.write({
		questions: [
			record('a1', 'leak the ending'),
			record('a2', 'leak the ending'),
			record('a3', 'old question', { askedAt: Date.now() - 20 * DAY }),
			record('b1', 'report a troll', { outcome: 'answered', answer, confidence: 0.9 }),
			record('c1', 'where is the after party', { guildId: OTHER_GUILD }),
		],
		votes: [
			{ questionId: 'b1'.padEnd(16, '0'), voter: 'h1', vote: 'down', votedAt: Date.now() },
			{ questionId: 'b1'.padEnd(16, '0'), voter: 'h2', vote: 'up', votedAt: Date.now() },
		],
	});
	await store.close();
});
afterAll(async () => {
	await rm(dataDir, { recursive: true, force: true });
});

describe('npm run unanswered', () => {
	it('prints the clusters of the last 30 days of every guild, largest first', async () => {
		const { stdout, code } = await run('unanswered', []);
		expect(code).toBe(0);
		expect(stdout).toMatch(/^Unanswered questions, last 30 days: 4 in 3 clusters/);
		expect(stdout).toMatch(/1\. 2 × "leak the ending"/);
		expect(stdout).toContain('closest: rules › Can I post spoilers? (FAQ)');
		expect(stdout).toContain('where is the after party');
	});

	it("--guild: that guild's questions only", async () => {
		const { stdout, code } = await run('unanswered', ['--guild', GUILD]);
		expect(code).toBe(0);
		expect(stdout).toMatch(/^Unanswered questions, last 30 days: 3 in 2 clusters/);
		expect(stdout).not.toContain('after party');
		const other = await run('unanswered', ['--guild', OTHER_GUILD, '--json']);
		expect((JSON.parse(other.stdout) as { questions: number }).questions).toBe(1);
		const bad = await run('unanswered', ['--guild', 'the film club']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/--guild needs a guild id \(digits\) or DM\nusage: /);
	}, 90_000);

	it('--days and --json: one JSON object with the clusters of that period', async () => {
		const { stdout, code } = await run('unanswered', ['--days', '7', '--json']);
		expect(code).toBe(0);
		const report = JSON.parse(stdout) as {
			days: number;
			questions: number;
			clusters: { count: number; question: string }[];
		};
		expect(report).toMatchObject({
			days: 7,
			questions: 3,
			clusters: [
				{ count: 2, question: 'leak the ending' },
				{ count: 1, question: 'where is the after party' },
			],
		});
	});

	it('refuses a bad --days with the usage and exit code 2; --help prints it', async () => {
		const bad = await run('unanswered', ['--days', 'many']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/--days needs a whole number of days\nusage: npm run unanswered/);
		const help = await run('unanswered', ['--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toMatch(/^usage: npm run unanswered -- \[--days N\] \[--guild ID\] \[--json\]/);
	});
});

describe('npm run stats', () => {
	it('prints 7 and 30 days: counts, the abstention rate, votes by topic and the worst rated', async () => {
		const { stdout, code } = await run('stats', []);
		expect(code).toBe(0);
		expect(stdout).toContain(
			'Last 7 days: 4 asked, 1 answered, 3 abstained, 0 small talk; abstention rate 75.0%',
		);
		expect(stdout).toContain('Last 30 days: 5 asked, 1 answered, 4 abstained');
		expect(stdout).toContain('rules › How do I report someone? (FAQ): 👍 1 👎 1');
	});

	it('--json prints one object per period', async () => {
		const { stdout } = await run('stats', ['--json']);
		const periods = JSON.parse(stdout) as { days: number; asked: number; worst: unknown[] }[];
		expect(periods.map((p) => [p.days, p.asked, p.worst.length])).toEqual([
			[7, 4, 1],
			[30, 5, 1],
		]);
	});

	it("--guild: that guild's figures and votes only", async () => {
		const { stdout, code } = await run('stats', ['--guild', OTHER_GUILD]);
		expect(code).toBe(0);
		expect(stdout).toContain('Last 7 days: 1 asked, 0 answered, 1 abstained');
		expect(stdout).not.toContain('How do I report someone?');
		const own = await run('stats', ['--guild', GUILD]);
		expect(own.stdout).toContain('Last 30 days: 4 asked, 1 answered, 3 abstained');
		expect(own.stdout).toContain('rules › How do I report someone? (FAQ): 👍 1 👎 1');
	}, 60_000);
});
