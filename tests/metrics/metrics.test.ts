/**
 * METRICS_PORT's server over real HTTP, in front of the real bot connected to the stand-in:
 * what a probe and a Prometheus scrape see after a few questions, a refusal and a reload.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processEndpoints, startMetricsServer, type MetricsServer } from '../../src/metrics/server.js';
import { sample, samplesOf } from '../support/prometheus.js';
import { defaultCommunity, filmMarkdown, startHarness, type Harness } from '../../testkit/bot-harness.js';
import { DIRECTOR_QUESTION, RUNTIME_QUESTION } from '../support/questions.js';

const guild = 'Film Club';

describe('METRICS_PORT: /healthz and /metrics', () => {
	let h: Harness;
	let server: MetricsServer;
	let base: string;

	beforeAll(async () => {
		h = await startHarness({
			// Frequent heartbeats, so the gateway ping is measured within the test.
			community: { ...defaultCommunity(), heartbeatIntervalMs: 200 },
			env: { COOLDOWN_QUESTIONS: '3', COOLDOWN_SECONDS: '600' },
		});
		server = await startMetricsServer(
			0,
			processEndpoints(h.bot.metrics.registry, () => h.bot.health()),
		);
		base = `http://127.0.0.1:${server.port}`;
	});
	afterAll(async () => {
		await server?.close();
		await h?.stop();
	});

	it('/healthz is 200 with the gateway connected and knowledge loaded', async () => {
		const response = await fetch(`${base}/healthz`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(await response.json()).toEqual({ ok: true, gateway: 'Ready', documents: 1 });
	});

	it('/metrics counts questions by outcome, their latency, cooldown refusals and reloads', async () => {
		const mention = `<@${h.discord.botUser.id}>`;
		const ask = (content: string) =>
			h.discord.sendMessage({ author: 'alice', guild, channel: 'general', content: `${mention} ${content}` });
		await ask(DIRECTOR_QUESTION).reply();
		await ask('how do I reset my router password?').reply();
		await ask('thanks!').reply();
		// alice's bucket of 3 is empty: refused with ⏳.
		expect((await ask(RUNTIME_QUESTION).reaction()).emoji).toBe('⏳');
		// Fact commands are questions too: the fact answers; a notice (no such film) abstains.
		const command = (name: string, options?: Record<string, string>) =>
			h.discord.sendCommand({ user: 'bob', guild, name, ...(options ? { options } : {}) }).reply();
		expect((await command('release')).content).toContain('release date');
		expect((await command('cast', { title: 'Casablanca' })).content).toContain('Casablanca');
		expect((await command('faq')).content).toContain('Ask any of them with `/ask`.');
		await writeFile(join(h.knowledgeDir, 'harbor.md'), filmMarkdown({ title: 'Harbor Lights' }));
		await h.discord.sendCommand({ user: 'mod', guild, name: 'reload' }).reply(15_000);

		const response = await fetch(`${base}/metrics`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
		const text = await response.text();
		const counted = {
			'faq_bot_questions_total{outcome="answered"}': 3,
			'faq_bot_questions_total{outcome="abstained"}': 2,
			'faq_bot_questions_total{outcome="small_talk"}': 1,
			faq_bot_answer_duration_seconds_count: 6,
			'faq_bot_answer_duration_seconds_bucket{le="+Inf"}': 6,
			'faq_bot_commands_total{command="release"}': 1,
			'faq_bot_commands_total{command="cast"}': 1,
			'faq_bot_commands_total{command="faq"}': 1,
			'faq_bot_commands_total{command="reload"}': 1,
			faq_bot_cooldown_refusals_total: 1,
			'faq_bot_reloads_total{result="ok"}': 1,
			'faq_bot_reloads_total{result="refused"}': 0,
			'faq_bot_reloads_total{result="partial"}': 0,
			faq_bot_knowledge_version: 2,
			'faq_bot_knowledge_entries{kind="documents"}': 2,
			'faq_bot_knowledge_entries{kind="faq_entries"}': 5,
		};
		expect(samplesOf(text, counted)).toEqual(counted);
		const ping = async () =>
			sample(await (await fetch(`${base}/metrics`)).text(), 'faq_bot_gateway_ping_seconds{shard="0"}');
		await expect.poll(ping, { timeout: 5_000 }).toBeGreaterThanOrEqual(0);
	});

	it('answers 404 elsewhere, and /healthz is 503 with the reason once the bot is stopping', async () => {
		expect((await fetch(`${base}/nope`)).status).toBe(404);
		await h.bot.stop();
		const response = await fetch(`${base}/healthz`);
		expect(response.status).toBe(503);
		expect(await response.json()).toMatchObject({ ok: false, reason: 'shutting down' });
	});
});
