/**
 * What the learning loop adds to the reply path: the time `recordAnswer()` (build the record,
 * queue it) and `vote()` take in the thread that answers, per question, while the recorder writes
 * the queue to a real SQLite database in its worker thread, as the bot runs it. The engine's own
 * time is printed beside it for scale. Prints p50/p99/max; the issue's target is ≤ 0.2 ms at p99.
 * `npm run bench` runs it (with --json, in a process of its own) for its target table;
 * `npm run bench:recorder` runs only this.
 *
 *   npx tsx bench/recorder-cost.ts [--questions N] [--json]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { KnowledgeService } from '../src/answer/service.js';
import { LearningLoop } from '../src/learning-loop/loop.js';
import { ms, percentile } from '../testkit/stats.js';
import type { CallTimes, RecorderCost } from './lib/scale-types.js';

const { values } = parseArgs({
	options: { questions: { type: 'string', default: '50000' }, json: { type: 'boolean', default: false } },
});
const count = Number(values.questions);
if (!Number.isInteger(count) || count < 100)
	throw new Error('--questions needs a whole number of at least 100');

const QUESTIONS = [
	'when is ballerina released?',
	'who is rooney played by',
	'can i rent it on blu-ray',
	'how do I bake bread',
	'what is the plot about',
	'thanks!',
	'how big is the keanu reeves role',
	'how much action is there',
	'wat is teh runtime',
	'who wrote the score',
];

const { service } = await KnowledgeService.open('knowledge');
const dataDir = await mkdtemp(path.join(tmpdir(), 'faq-bench-recorder-'));
const loop = LearningLoop.open({
	settings: {
		dataDir,
		databaseUrl: undefined,
		retentionDays: 90,
		feedbackSecret: 'bench-feedback-secret-0123',
	},
	log: { info: () => undefined, warn: (message) => console.error(message) },
	thread: 'worker',
});

const askTimes: number[] = [];
const recordTimes: number[] = [];
const voteTimes: number[] = [];
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

for (let i = 0; i < count; i++) {
	const guildId = i % 5 === 0 ? undefined : '123456789012345678';
	const asked = nowMs();
	const answer = service.engine.ask(`${QUESTIONS[i % QUESTIONS.length]!}${i % 7 === 0 ? ` ${i}` : ''}`);
	const answered = nowMs();
	const id = loop.recordAnswer(answer, { guildId, knowledgeVersion: service.version });
	const recorded = nowMs();
	askTimes.push(answered - asked);
	recordTimes.push(recorded - answered);
	if (i % 10 === 0) {
		const before = nowMs();
		await loop.vote(id, `${100000000000000000 + (i % 300)}`, i % 3 === 0 ? 'down' : 'up');
		voteTimes.push(nowMs() - before);
	}
	// Let the event loop turn now and then, as between Discord messages, so the recorder's batches go out.
	if (i % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
}
const counts = await loop.close(60_000);
await rm(dataDir, { recursive: true, force: true });

const times = (all: number[]): CallTimes => ({
	p50: percentile(all, 50),
	p99: percentile(all, 99),
	max: Math.max(...all),
});
const cost: RecorderCost = {
	questions: count,
	record: times(recordTimes),
	vote: times(voteTimes),
	ask: times(askTimes),
	written: counts.written,
	dropped: counts.dropped,
	failedBatches: counts.failedBatches,
};

const line = (name: string, t: CallTimes) =>
	`${name.padEnd(34)} p50 ${ms(t.p50)} ms   p99 ${ms(t.p99)} ms   max ${ms(t.max)} ms`;
if (values.json) console.log(JSON.stringify(cost));
else {
	console.log(
		`Learning loop on the reply path: ${count} questions, SQLite in its worker thread (Node ${process.version})`,
	);
	console.log(line('recordAnswer() (record + enqueue)', cost.record));
	console.log(line('vote() (HMAC + enqueue)', cost.vote));
	console.log(line('engine.ask(), for scale', cost.ask));
	console.log(`written ${cost.written}, dropped ${cost.dropped}, failed batches ${cost.failedBatches}`);
}
