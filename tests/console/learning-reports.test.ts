/** The console's /unanswered and /stats: the same reports as `npm run unanswered` and `npm run stats`, from the same database. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeService } from '../../src/answer/service.js';
import { handleConsoleLine } from '../../src/console/console.js';
import { renderStatsText, renderUnansweredText } from '../../src/learning-loop/render-text.js';
import { statsReport, unansweredReport } from '../../src/learning-loop/review.js';
import { openStore } from '../../src/storage/open.js';
import type { LearningStore } from '../../src/storage/store.js';
import { askedRecords } from '../../testkit/learning.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'knowledge', 'good');

describe('the console’s /unanswered and /stats', () => {
	let root: string;
	let service: KnowledgeService;
	let store: LearningStore;

	beforeAll(async () => {
		root = await mkdtemp(path.join(tmpdir(), 'faq-console-reports-'));
		service = (await KnowledgeService.open(FIXTURES)).service;
		store = openStore({ kind: 'sqlite', file: path.join(root, 'learning.sqlite') }, { thread: 'here' });
		const asked = [
			'can i leak the ending',
			'can I leak the ending?',
			'how do I bake bread',
			'What is the running time?',
		];
		await store.write({
			questions: askedRecords(service, asked, Date.now() - 1000),
			votes: [],
		});
	});
	afterAll(async () => {
		await store.close();
		await rm(root, { recursive: true, force: true });
	});

	it('/unanswered [days] prints the clusters as `npm run unanswered` does', async () => {
		const printed = await handleConsoleLine(service, '/unanswered', store);
		expect(printed).toBe(renderUnansweredText(await unansweredReport(store, 30)));
		expect(printed).toMatch(/^Unanswered questions, last 30 days: 3 in 2 clusters/);
		expect(printed).toContain('asked as: "can I leak the ending?" · "can i leak the ending"');
		expect(await handleConsoleLine(service, '/unanswered 7', store)).toMatch(
			/^Unanswered questions, last 7 days: 3/,
		);
		expect(await handleConsoleLine(service, '/unanswered 0', store)).toMatch(
			/whole number of days from 1 to 365/,
		);
	});

	it('/stats prints the 7 and 30 days figures as `npm run stats` does', async () => {
		const printed = await handleConsoleLine(service, '/stats', store);
		expect(printed).toBe(renderStatsText(await statsReport(store)));
		expect(printed).toMatch(
			/^Last 7 days: 4 asked, 1 answered, 3 abstained, 0 small talk; abstention rate 75\.0%/,
		);
	});

	it('says so when there is no database to read', async () => {
		expect(await handleConsoleLine(service, '/stats')).toMatch(/learning database is not open/);
	});
});
