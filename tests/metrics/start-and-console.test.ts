/**
 * METRICS_PORT outside the connected bot, over real HTTP: what a probe sees before the knowledge is
 * loaded, and the local console (`npm start` without a token), which serves /healthz and /metrics
 * too — healthy whenever it has knowledge, since there is no gateway to wait for.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { serveProcessMetrics } from '../../src/metrics/process-metrics.js';
import { memoryLogger } from '../../testkit/bot-harness.js';
import { freePort } from '../../testkit/ports.js';
import { sample, samplesOf } from '../support/prometheus.js';
import { DIRECTOR_QUESTION } from '../support/questions.js';

describe('METRICS_PORT before the knowledge is loaded', () => {
	it('answers 503 "knowledge not loaded" and no knowledge figures, then what it is handed', async () => {
		const { metrics, server, setHealth } = await serveProcessMetrics(0, memoryLogger().logger);
		try {
			const base = `http://127.0.0.1:${server.port}`;
			const health = await fetch(`${base}/healthz`);
			expect(health.status).toBe(503);
			expect(await health.json()).toEqual({ ok: false, reason: 'knowledge not loaded' });
			const text = await (await fetch(`${base}/metrics`)).text();
			expect(sample(text, 'faq_bot_knowledge_version')).toBe(0);
			expect(sample(text, 'faq_bot_knowledge_entries{kind="documents"}')).toBeUndefined();

			metrics.observe({ knowledgeCounts: () => ({ documents: 1, sections: 2, faqEntries: 3 }) });
			setHealth(() => ({ ok: true }));
			expect((await fetch(`${base}/healthz`)).status).toBe(200);
			const loaded = await (await fetch(`${base}/metrics`)).text();
			expect(sample(loaded, 'faq_bot_knowledge_version')).toBe(1);
			expect(sample(loaded, 'faq_bot_knowledge_entries{kind="faq_entries"}')).toBe(3);
		} finally {
			await server.close();
		}
	});
});

describe('METRICS_PORT in the local console (no token)', () => {
	let child: ChildProcessWithoutNullStreams | undefined;
	afterAll(() => {
		if (child?.exitCode === null) child.kill('SIGKILL');
	});

	it('serves /healthz (200 with knowledge) and /metrics counting its questions and reloads', async () => {
		const port = await freePort();
		const console = spawn('node_modules/.bin/tsx', ['src/main.ts'], {
			env: {
				...process.env,
				DISCORD_TOKEN: '',
				DOTENV_CONFIG_PATH: '/nonexistent',
				METRICS_PORT: String(port),
				LOG_FORMAT: 'json',
			},
		});
		child = console;
		let stdout = '';
		let stderr = '';
		console.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
		console.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
		const base = `http://127.0.0.1:${port}`;
		const probe = () =>
			fetch(`${base}/healthz`).then(
				async (response) => ({ status: response.status, body: await response.json() }),
				() => 'not listening yet',
			);
		await expect
			.poll(probe, { timeout: 20_000, interval: 100 })
			.toEqual({ status: 200, body: { ok: true, mode: 'console', documents: 1 } });

		console.stdin.write(`${DIRECTOR_QUESTION}\n/release\n/cast Casablanca\nhi\n/reload\n`);
		await expect.poll(() => stdout, { timeout: 10_000 }).toContain('Reloaded: now serving');
		const counted = {
			'faq_bot_questions_total{outcome="answered"}': 2,
			'faq_bot_questions_total{outcome="abstained"}': 1,
			'faq_bot_questions_total{outcome="small_talk"}': 1,
			'faq_bot_reloads_total{result="ok"}': 1,
			faq_bot_knowledge_version: 2,
			'faq_bot_knowledge_entries{kind="documents"}': 1,
		};
		expect(samplesOf(await (await fetch(`${base}/metrics`)).text(), counted)).toEqual(counted);

		console.stdin.end();
		const [code] = (await once(console, 'exit')) as [number | null];
		expect(code).toBe(0);
		// The console's stdout is its answers: what the server says goes to stderr.
		expect(stdout).not.toContain('serving /healthz');
		expect(stderr).toContain('serving /healthz and /metrics');
	}, 40_000);
});
