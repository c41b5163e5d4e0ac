/**
 * A process that records questions as the bot does (a Recorder over the store's worker thread)
 * into one SQLite file, in a burst of chat once the store is ready, and reports every committed batch on stdout:
 * `committed <id>,<id>,...`, then `done <counts as JSON>`. The durability tests kill it, or run two.
 *
 * Usage: node --import tsx writer-process.ts <sqlite file> <id prefix> <count>
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Recorder } from '../../src/storage/recorder.js';
import { openStore } from '../../src/storage/open.js';

const [file, prefix, countText] = process.argv.slice(2);
if (!file || !prefix || !countText)
	throw new Error('usage: writer-process.ts <sqlite file> <id prefix> <count>');
const count = Number(countText);

const store = openStore({ kind: 'sqlite', file }, { thread: 'worker' });
const recorder = new Recorder({
	store,
	warn: (message) => process.stderr.write(`${message}\n`),
	batchSize: 50,
	flushIntervalMs: 10,
	onCommitted: (ids) => process.stdout.write(`committed ${ids.join(',')}\n`),
});

// The worker thread and the migrations first, so the burst below meets a store that is ready.
await store.questions({ since: 0, limit: 1 });
for (let i = 0; i < count; i++) {
	const id = `${prefix}${String(i).padStart(16 - prefix.length, '0')}`;
	recorder.record({
		id,
		askedAt: Date.now(),
		guildId: '123456789012345678',
		question: `question ${id}`,
		normalized: `question ${i}`,
		outcome: 'abstained',
		confidence: 0,
		candidates: [],
		knowledgeVersion: 'test',
	});
	// About 1,000 questions a second: a burst, slow enough that a kill lands in its middle.
	if (i % 10 === 9) await sleep(10);
}
const counts = await recorder.close(60_000);
await store.close();
process.stdout.write(`done ${JSON.stringify(counts)}\n`);
