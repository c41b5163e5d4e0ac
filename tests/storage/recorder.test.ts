/**
 * The recorder keeps the database off the reply path: whatever the database does, recording never
 * throws and never waits, the queue stays bounded, drops are counted, warnings come once a minute,
 * and what was queued is written once the database is back — once.
 */
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeService } from '../../src/answer/service.js';
import { LearningLoop, type LoopLog } from '../../src/learning-loop/loop.js';
import type { QuestionRecord } from '../../src/learning/records.js';
import { SQLITE_FILE } from '../../src/storage/connect.js';
import { FEEDBACK_KEY_FILE, loadFeedbackKey } from '../../src/storage/feedback-key.js';
import { openStore } from '../../src/storage/open.js';
import { Recorder } from '../../src/storage/recorder.js';
import type { Batch, LearningStore } from '../../src/storage/store.js';

function question(i: number): QuestionRecord {
	return {
		id: `q${String(i).padStart(15, '0')}`,
		askedAt: 1_000 + i,
		guildId: 'DM',
		question: `question ${i}`,
		normalized: `question ${i}`,
		outcome: 'abstained',
		confidence: 0,
		candidates: [],
		knowledgeVersion: 'v',
	};
}

/** A store whose writes fail while `down` is true, and which keeps what it was given otherwise. */
class FlakyStore implements Pick<LearningStore, 'write'> {
	down = true;
	attempts = 0;
	written: Batch[] = [];
	write(batch: Batch): Promise<void> {
		this.attempts++;
		if (this.down) return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
		this.written.push(batch);
		return Promise.resolve();
	}
}

function collectLog(): LoopLog & { warnings: string[]; infos: string[] } {
	const warnings: string[] = [];
	const infos: string[] = [];
	return { warnings, infos, warn: (m) => warnings.push(m), info: (m) => infos.push(m) };
}

describe('Recorder', () => {
	it('keeps accepting while the database is down: bounded queue, drops counted, one warning a minute, then writes each once', async () => {
		const store = new FlakyStore();
		const warnings: string[] = [];
		let now = 0;
		const recorder = new Recorder({
			store,
			warn: (m) => warnings.push(m),
			batchSize: 100,
			maxQueued: 500,
			flushIntervalMs: 60_000,
			now: () => now,
		});
		for (let i = 0; i < 2_000; i++) expect(() => recorder.record(question(i))).not.toThrow();
		expect(await recorder.flush()).toBe(false);
		expect(recorder.counts).toMatchObject({ queued: 500, dropped: 1_500, written: 0 });
		// The first drop is told at once; the rest of the minute's drops and failures wait for the next warning.
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(/^1 record\(s\) dropped/);

		for (let i = 0; i < 5; i++) await recorder.flush();
		expect(store.attempts).toBeGreaterThan(3);
		expect(warnings).toHaveLength(1); // Still within the minute.
		now += 61_000;
		await recorder.flush();
		expect(warnings).toHaveLength(2);
		expect(warnings[1]).toMatch(/^\d+ write\(s\) to the learning database failed \(connect ECONNREFUSED/);
		expect(warnings[1]).toMatch(/1499 record\(s\) dropped .* 1500 dropped in all\.$/);

		store.down = false;
		expect(await recorder.flush()).toBe(true);
		const ids = store.written.flatMap((batch) => batch.questions.map((q) => q.id));
		expect(ids).toHaveLength(500);
		expect(new Set(ids).size).toBe(500);
		expect(ids[0]).toBe(question(0).id);
		expect(recorder.counts).toMatchObject({ queued: 0, written: 500, dropped: 1_500 });
		await recorder.close();
	});

	it('writes a full batch on its own, never in the caller’s turn, and the rest on the timer', async () => {
		const store = new FlakyStore();
		store.down = false;
		const recorder = new Recorder({ store, warn: () => undefined, batchSize: 10, flushIntervalMs: 30 });
		for (let i = 0; i < 10; i++) recorder.record(question(i));
		expect(store.attempts).toBe(0);
		await new Promise((resolve) => setImmediate(resolve));
		await new Promise((resolve) => setImmediate(resolve));
		expect(store.written.map((b) => b.questions.length)).toEqual([10]);
		recorder.record(question(10));
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(store.written.map((b) => b.questions.length)).toEqual([10, 1]);
		await recorder.close();
	});

	it('flushes on close, and counts what a dead database kept it from writing as dropped', async () => {
		const alive = new FlakyStore();
		alive.down = false;
		const recorder = new Recorder({ store: alive, warn: () => undefined, flushIntervalMs: 60_000 });
		for (let i = 0; i < 7; i++) recorder.record(question(i));
		expect(await recorder.close()).toMatchObject({ written: 7, dropped: 0, queued: 0 });

		const dead = new FlakyStore();
		const warnings: string[] = [];
		const doomed = new Recorder({ store: dead, warn: (m) => warnings.push(m), flushIntervalMs: 60_000 });
		for (let i = 0; i < 7; i++) doomed.record(question(i));
		expect(await doomed.close(300)).toMatchObject({ written: 0, dropped: 7, queued: 0 });
		expect(warnings.at(-1)).toMatch(/7 dropped in all/);
		doomed.record(question(8));
		expect(doomed.counts.dropped).toBe(8);
	});
});

describe('LearningLoop', () => {
	let dir: string;
	let service: KnowledgeService;
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'faq-loop-'));
		service = (await KnowledgeService.open('knowledge')).service;
	});
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	const settings = (dataDir: string, feedbackSecret?: string) => ({
		dataDir,
		databaseUrl: undefined,
		retentionDays: 90,
		feedbackSecret,
	});

	it('records answers and votes: one vote per user and answer, a second changes it, no user id stored', async () => {
		const dataDir = path.join(dir, 'votes');
		const log = collectLog();
		const loop = LearningLoop.open({ settings: settings(dataDir), log, thread: 'here' });
		const answer = service.engine.ask('when is ballerina released?');
		const id = loop.recordAnswer(answer, {
			guildId: '123456789012345678',
			knowledgeVersion: service.version,
		});
		expect(await loop.vote(id, '987654321098765432', 'up')).toBe(true);
		expect(await loop.vote(id, '987654321098765432', 'down')).toBe(true);
		expect(await loop.vote(id, '876543210987654321', 'up')).toBe(true);
		expect(await loop.vote('not-an-id', '876543210987654321', 'up')).toBe(false);
		await loop.flush();
		const votes = await loop.store.votesByTopic(0);
		expect(votes).toEqual([
			{ topic: { documentId: 'ballerina', title: 'Release date', kind: 'fact' }, up: 1, down: 1 },
		]);
		const [stored] = await loop.store.questions({ since: 0 });
		expect(stored).toMatchObject({
			id,
			outcome: 'answered',
			guildId: '123456789012345678',
			knowledgeVersion: service.version,
		});
		await loop.close();

		const database = await readFile(path.join(dataDir, SQLITE_FILE));
		expect(database.includes('987654321098765432')).toBe(false);
		const keyFile = await stat(path.join(dataDir, FEEDBACK_KEY_FILE));
		expect(keyFile.mode & 0o777).toBe(0o600);
		// The same key next time, so votes after a restart still replace the earlier ones.
		expect(await loadFeedbackKey(settings(dataDir))).toEqual(await loadFeedbackKey(settings(dataDir)));
		expect(await loadFeedbackKey(settings(dataDir, 'x'.repeat(20)))).toEqual(Buffer.from('x'.repeat(20)));
		expect(log.warnings).toEqual([]);
	});

	it('keeps answering with a corrupt database: records are counted as failed, one warning, nothing thrown', async () => {
		const dataDir = path.join(dir, 'corrupt');
		await rm(dataDir, { recursive: true, force: true });
		await mkdir(dataDir, { recursive: true });
		await writeFile(path.join(dataDir, SQLITE_FILE), 'this is not a database '.repeat(400));
		const log = collectLog();
		const loop = LearningLoop.open({
			settings: settings(dataDir),
			log,
			thread: 'worker',
			recorder: { flushIntervalMs: 20 },
		});
		for (let i = 0; i < 200; i++) {
			const answer = service.engine.ask(`question number ${i} about the plot`);
			expect(() =>
				loop.recordAnswer(answer, { guildId: undefined, knowledgeVersion: service.version }),
			).not.toThrow();
		}
		// The worker thread starts (about 0.6 s under tsx), then fails to open the file.
		for (let waited = 0; loop.counts.failedBatches === 0 && waited < 15_000; waited += 50)
			await new Promise((resolve) => setTimeout(resolve, 50));
		expect(loop.counts.written).toBe(0);
		expect(loop.counts.failedBatches).toBeGreaterThan(0);
		expect(log.warnings.filter((w) => /learning store/.test(w)).length).toBeGreaterThanOrEqual(1);
		expect(log.warnings.some((w) => /file is not a database|not a database/i.test(w))).toBe(true);
		const counts = await loop.close(200);
		expect(counts.dropped).toBe(200);
	});

	it('purges records older than RETENTION_DAYS when it opens', async () => {
		const dataDir = path.join(dir, 'retention');
		const store = openStore({ kind: 'sqlite', file: path.join(dataDir, SQLITE_FILE) }, { thread: 'here' });
		const now = Date.now();
		await store.write({
			questions: [
				{ ...question(1), askedAt: now - 91 * 86_400_000 },
				{ ...question(2), askedAt: now - 89 * 86_400_000 },
			],
			votes: [],
		});
		await store.close();
		const log = collectLog();
		const loop = LearningLoop.open({ settings: settings(dataDir), log, thread: 'here' });
		await loop.purge(); // The one at open may still be running; a second finds nothing more.
		const left = await loop.store.questions({ since: 0 });
		expect(left.map((q) => q.id)).toEqual([question(2).id]);
		expect(log.infos.join('\n')).toMatch(/deleted 1 question\(s\) and 0 vote\(s\) older than 90 days/);
		await loop.close();
	});
});
