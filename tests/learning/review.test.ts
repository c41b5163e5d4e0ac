/**
 * The moderators' actions end to end on a real store and real knowledge files: list the
 * unanswered questions, add a cluster's question as an alternate (after which the engine answers
 * it and the cluster is gone), dismiss one, and be told — with nothing written — when the file
 * changed on disk meanwhile or the list is stale.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeService } from '../../src/answer/service.js';
import {
	addClusterAsAlternate,
	writeHere,
	dismissCluster,
	statsReport,
	unansweredReport,
} from '../../src/learning-loop/review.js';
import { openStore } from '../../src/storage/open.js';
import type { LearningStore } from '../../src/storage/store.js';
import { askedRecords } from '../../testkit/learning.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'knowledge', 'good');

let root: string;
let knowledgeDir: string;
let service: KnowledgeService;
let store: LearningStore;

beforeEach(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'faq-review-'));
	knowledgeDir = path.join(root, 'knowledge');
	await cp(FIXTURES, knowledgeDir, { recursive: true });
	service = (await KnowledgeService.open(knowledgeDir)).service;
	store = openStore({ kind: 'sqlite', file: path.join(root, 'learning.sqlite') }, { thread: 'here' });
	const questions = [
		'can i leak the ending',
		'can I leak the ending?',
		'is leaking the ending ok',
		'how do I bake bread',
		'baking bread',
	];
	await store.write({
		questions: askedRecords(service, questions, Date.now() - 1000),
		votes: [],
	});
});
afterEach(async () => {
	await store.close();
	await rm(root, { recursive: true, force: true });
});

describe('the review of unanswered questions', () => {
	it('adds a cluster’s most frequent question as an alternate: answered after the reload, the cluster resolved', async () => {
		const report = await unansweredReport(store, 30);
		expect(report.clusters.map((c) => c.count)).toEqual([3, 2]);
		const [spoilers] = report.clusters;
		const topic = spoilers!.topics.findIndex((t) => t.title === 'Can I post spoilers?');
		expect(topic).toBeGreaterThanOrEqual(0);

		const result = await addClusterAsAlternate(store, service, {
			key: spoilers!.key,
			days: 30,
			topic,
			write: writeHere(service, () => service.reload()),
		});
		if (!result.ok) throw new Error(result.message);
		expect(result.resolved).toBe(3);
		expect(result.reload.ok).toBe(true);
		expect(result.diff).toContain(`+      - ${spoilers!.question}`);
		expect(service.engine.ask(spoilers!.question).source?.title).toBe('Can I post spoilers?');

		const after = await unansweredReport(store, 30);
		expect(after.clusters.map((c) => c.key)).not.toContain(spoilers!.key);
		expect(after.questions).toBe(2);
	});

	it('dismisses a cluster, and says so when a key is no longer listed', async () => {
		const [, bread] = (await unansweredReport(store, 30)).clusters;
		expect(await dismissCluster(store, { key: bread!.key, days: 30 })).toEqual({ ok: true, dismissed: 2 });
		const again = await dismissCluster(store, { key: bread!.key, days: 30 });
		expect(again.ok ? '' : again.message).toMatch(/run \/unanswered again/);
		expect((await unansweredReport(store, 30)).clusters).toHaveLength(1);
	});

	it('writes nothing and keeps the cluster when the file changed on disk meanwhile', async () => {
		const [spoilers] = (await unansweredReport(store, 30)).clusters;
		const file = path.join(knowledgeDir, 'house-rules.yaml');
		const edited = `${await readFile(file, 'utf8')}# edited by hand\n`;
		await writeFile(file, edited);
		const topic = spoilers!.topics.findIndex((t) => t.title === 'Can I post spoilers?');
		const result = await addClusterAsAlternate(store, service, {
			key: spoilers!.key,
			days: 30,
			topic,
			write: writeHere(service, () => service.reload()),
		});
		expect(result.ok ? '' : result.message).toMatch(/changed on disk/);
		expect(await readFile(file, 'utf8')).toBe(edited);
		expect((await unansweredReport(store, 30)).clusters[0]?.key).toBe(spoilers!.key);
	});

	it('reports the stats for 7 and 30 days', async () => {
		const [week, month] = await statsReport(store);
		expect(week).toMatchObject({ days: 7, asked: 5, abstained: 5, answered: 0, abstentionRate: 1 });
		expect(month).toMatchObject({ days: 30, asked: 5 });
	});
});
