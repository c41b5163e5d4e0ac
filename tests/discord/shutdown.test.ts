/**
 * `npm start` stopped the way process managers stop it: SIGTERM to the npm process. The bot must
 * not be left running (orphaned under `sh -c`), and the questions it had accepted when the signal
 * came must all get their reply before it disconnects.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCommunity, makeKnowledgeDir } from '../../testkit/bot-harness.js';
import { startFakeDiscord, type FakeDiscord } from '../../testkit/fake-discord.js';
import { freePort } from '../../testkit/ports.js';
import { DIRECTOR_QUESTION } from '../support/questions.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BURST = 30;

interface LogLine {
	msg?: string;
	messageId?: string;
	pending?: number;
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

describe('SIGTERM to `npm start` during a burst of questions', () => {
	let discord: FakeDiscord | undefined;
	let knowledgeDir: string | undefined;
	let npm: ChildProcess | undefined;
	let botPid: number | undefined;

	afterAll(async () => {
		// Only if the test failed half-way: never leave a bot behind (npm leads its own process group).
		if (botPid !== undefined && isAlive(botPid)) process.kill(botPid, 'SIGKILL');
		if (npm?.pid !== undefined && isAlive(-npm.pid)) process.kill(-npm.pid, 'SIGKILL');
		await discord?.close();
		if (knowledgeDir) await rm(knowledgeDir, { recursive: true, force: true });
	});

	it('answers every accepted question, disconnects, and leaves no process behind', async () => {
		// The gateway lets the bot in only when told: a probe can be made while it is connecting.
		let letIn = () => {};
		const holdIdentify = new Promise<void>((resolve) => (letIn = resolve));
		// Each REST answer takes 300 ms, so the burst's replies are still in flight at the signal.
		discord = await startFakeDiscord({ ...defaultCommunity(), restDelayMs: 300, holdIdentify });
		knowledgeDir = await makeKnowledgeDir();
		const metricsPort = await freePort();
		const child = spawn('npm', ['start', '--silent'], {
			cwd: ROOT,
			env: {
				PATH: process.env.PATH ?? '',
				HOME: process.env.HOME ?? '',
				DISCORD_TOKEN: discord.token,
				DISCORD_API_URL: discord.restUrl,
				KNOWLEDGE_DIR: knowledgeDir,
				COOLDOWN_SECONDS: '0',
				LOG_LEVEL: 'debug',
				LOG_FORMAT: 'json',
				METRICS_PORT: String(metricsPort),
			},
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		npm = child;
		let stdout = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
		// The probe a process manager would use: served from the start, 503 with why while the bot
		// connects (not "connection refused"), 200 once it is in. `npm start` compiles first when
		// dist/ is stale (and waits for a build another test started).
		const healthz = () =>
			fetch(`http://127.0.0.1:${metricsPort}/healthz`).then(
				async (response) => ({ status: response.status, body: await response.json() }),
				() => 'not listening yet',
			);
		await expect.poll(healthz, { timeout: 120_000, interval: 200 }).toEqual({
			status: 503,
			body: { ok: false, reason: 'gateway not connected (connecting)', gateway: 'Connecting', documents: 1 },
		});
		letIn();
		await discord.waitForShards(1, 20_000);
		// npm's own child must be the bot itself (scripts/run.js runs it in its own process), not a
		// shell or a launcher that would die and orphan it.
		const children = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(child.pid)], {
			encoding: 'utf8',
		}).trim();
		botPid = Number(children.split(/\s+/)[0]);
		expect(children).toMatch(/^\d+ node$/);

		await expect
			.poll(healthz, { timeout: 10_000 })
			.toEqual({ status: 200, body: { ok: true, gateway: 'Ready', documents: 1 } });

		const mention = `<@${discord.botUser.id}>`;
		const users = ['alice', 'bob', 'carol'];
		const sent = Array.from({ length: BURST }, (_, i) =>
			discord!.sendMessage({
				author: users[i % users.length]!,
				guild: 'Film Club',
				channel: 'general',
				content: `${mention} ${DIRECTOR_QUESTION} (${i})`,
			}),
		);
		await sent[0]!.reply(15_000);
		const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
		child.kill('SIGTERM');
		const [code, signal] = await exited;

		expect({ code, signal }).toEqual({ code: 0, signal: null });
		expect(isAlive(botPid)).toBe(false);
		expect(discord.sessions.filter((s) => s.connected)).toEqual([]);

		const logs = stdout
			.split('\n')
			.filter((line) => line.startsWith('{'))
			.map((line) => JSON.parse(line) as LogLine);
		const accepted = logs.filter((l) => l.msg === 'answering').map((l) => l.messageId);
		const draining = logs.find((l) => l.msg === 'finishing the questions in flight');
		// The signal really came mid-burst: replies were still being sent.
		expect(draining?.pending).toBeGreaterThan(0);
		const repliedTo = new Set(
			discord.requests
				.filter((r) => r.route === 'POST /channels/:channelId/messages' && r.status === 200)
				.map(
					(r) => (r.body as { message_reference?: { message_id?: string } }).message_reference?.message_id,
				),
		);
		expect(accepted.length).toBeGreaterThan(1);
		expect(accepted.filter((id) => !repliedTo.has(id))).toEqual([]);
		expect(logs.some((l) => l.msg === 'closing with questions still unanswered')).toBe(false);
		expect(logs.at(-1)?.msg).toBe('disconnected from Discord');
	}, 180_000);
});
