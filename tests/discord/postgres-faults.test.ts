/**
 * The bot when its PostgreSQL goes away mid-run, as it would run: the real bot on the Discord
 * stand-in, DATABASE_URL through a TCP proxy the test cuts and restores (the machine's PostgreSQL
 * itself is never touched), its records in a schema of this run's own. Two ways to lose it: the
 * server refusing (restarted, or down) and the network losing every packet (a partition), where
 * nothing ever answers and only the bot's own timeouts notice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type LogLine } from '../../testkit/bot-harness.js';
import { TcpProxy, type Cut } from '../../testkit/tcp-proxy.js';
import { POSTGRES_URL, postgresAvailable, postgresQuery, postgresSchemaUrl } from '../storage/backends.js';
import { TITLED_DIRECTOR_QUESTION } from '../support/questions.js';

const postgres = await postgresAvailable('the bot with PostgreSQL lost mid-run');

const GUILD = 'Film Club';
/** Small, so that a test fills it in seconds; the default is 20,000. */
const QUEUE_LIMIT = 30;
const QUESTIONS = [TITLED_DIRECTOR_QUESTION, 'When is Ballerina released?', 'hello', 'how do I bake bread'];

/** Polls `probe` until it is truthy; a probe that throws (the table not created yet) counts as not yet. */
async function until<T>(what: string, timeoutMs: number, probe: () => T | Promise<T>): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await Promise.resolve()
			.then(probe)
			.catch(() => undefined);
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

describe.skipIf(!postgres.run).each<{ cut: Cut; what: string }>([
	{ cut: 'refuse', what: 'server down' },
	{ cut: 'blackhole', what: 'network partition' },
])('the bot when PostgreSQL is lost mid-run: $what', ({ cut }) => {
	let h: Harness;
	let proxy: TcpProxy;
	let database: Awaited<ReturnType<typeof postgresSchemaUrl>>;
	let asked = 0;

	const ask = async (user = 'alice') => {
		const question = `${QUESTIONS[asked % QUESTIONS.length]!} #${asked++}`;
		const started = performance.now();
		const shown = await h.discord
			.sendCommand({ user, guild: GUILD, name: 'ask', options: { question } })
			.reply();
		return { question, shown, ms: performance.now() - started };
	};
	const storedQuestions = async () =>
		(await postgresQuery<{ question: string }>(`select question from ${database.schema}.questions`)).map(
			(row) => row.question,
		);
	const storeWarnings = (): LogLine[] =>
		h.logs.filter((line) => line.level === 40 && /^learning store \(PostgreSQL /.test(line.msg ?? ''));
	const metric = async (name: string) => {
		const text = await h.bot.metrics.registry.getSingleMetricAsString(name);
		const value = /^\S+ (\S+)$/m.exec(
			text
				.split('\n')
				.filter((l) => !l.startsWith('#'))
				.join('\n'),
		);
		return Number(value?.[1]);
	};

	beforeAll(async () => {
		if (postgres.problem)
			throw new Error(`REQUIRE_SERVICES=1 but PostgreSQL is not reachable: ${postgres.problem}`);
		database = await postgresSchemaUrl();
		const target = new URL(POSTGRES_URL);
		proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432));
		const throughProxy = new URL(database.url);
		throughProxy.host = `127.0.0.1:${proxy.port}`;
		h = await startHarness({
			env: { DATABASE_URL: throughProxy.toString(), LEARNING_QUEUE_LIMIT: String(QUEUE_LIMIT) },
		});
	}, 30_000);

	afterAll(async () => {
		await h?.stop();
		await proxy?.close();
		await database?.cleanup();
	}, 30_000);

	it('records reach the database while it answers', async () => {
		const { question } = await ask();
		await until('the first record written', 10_000, async () => (await storedQuestions()).includes(question));
	});

	it('cut: every question is still answered at once; records queue up to the limit, then are dropped, counted, and warned about once', async () => {
		proxy.cut(cut);
		const before = h.bot.learning.counts;
		const slowest = { ms: 0 };
		const extra = 10;
		for (let i = 0; i < QUEUE_LIMIT + extra; i++) {
			const { shown, ms } = await ask(['alice', 'bob', 'carol'][i % 3]);
			expect((shown.embeds ?? []).length > 0 || (shown.content ?? '') !== '').toBe(true);
			slowest.ms = Math.max(slowest.ms, ms);
		}
		// At least one write has failed (or is hanging) by now: the queue holds exactly the limit.
		const counts = h.bot.learning.counts;
		expect(counts.written).toBe(before.written);
		expect(counts.queued).toBe(QUEUE_LIMIT);
		expect(counts.dropped).toBe(extra);
		expect(await metric('faq_bot_learning_records_queued')).toBe(QUEUE_LIMIT);
		expect(await metric('faq_bot_learning_records_dropped_total')).toBe(extra);
		// Several failed retries and ten drops, one warning (the next comes a minute later at the earliest).
		await until('a warning', 15_000, () => storeWarnings().length > 0);
		const [warning] = storeWarnings();
		expect(warning?.msg).toMatch(/Answering is not affected\./);
		expect(storeWarnings()).toHaveLength(1);
		console.log(
			`PostgreSQL ${cut}: slowest of ${QUEUE_LIMIT + extra} answers while cut ${slowest.ms.toFixed(0)} ms`,
		);
	}, 60_000);

	it('restored: what was queued is written, and so is what is asked afterwards', async () => {
		const queuedBefore = h.bot.learning.counts;
		const restoredAt = performance.now();
		proxy.restore();
		await until(
			'the queue written after the server came back',
			90_000,
			() => h.bot.learning.counts.queued === 0,
		);
		const recoveredMs = performance.now() - restoredAt;
		expect(h.bot.learning.counts.written).toBe(queuedBefore.written + QUEUE_LIMIT);
		const later = await ask();
		await until('a record written right away', 10_000, async () =>
			(await storedQuestions()).includes(later.question),
		);
		// The first record, the queue that waited, and the one asked afterwards; the ten dropped are gone.
		expect(await storedQuestions()).toHaveLength(1 + QUEUE_LIMIT + 1);
		console.log(
			`PostgreSQL ${cut}: records flowing again ${(recoveredMs / 1000).toFixed(1)} s after the proxy was restored`,
		);
	}, 120_000);
});
