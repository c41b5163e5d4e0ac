/**
 * The learning store, the same tests against each database it runs on: SQLite in this thread,
 * SQLite behind its worker thread (as the bot runs it), and the machine's real PostgreSQL.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionRecord, VoteRecord } from '../../src/learning/records.js';
import { openStore } from '../../src/storage/open.js';
import type { LearningStore } from '../../src/storage/store.js';
import { fragment, longText, phrase, type Ids } from '../hardening/generators.js';
import {
	postgresAvailable,
	postgresBackend,
	postgresQuery,
	postgresSchemaUrl,
	sqliteBackend,
	type Backend,
} from './backends.js';

const postgres = await postgresAvailable('the learning store on PostgreSQL');

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2025, 5, 6, 12);
let serial = 0;

function record(overrides: Partial<QuestionRecord> = {}): QuestionRecord {
	serial++;
	return {
		id: `rec${String(serial).padStart(13, '0')}`,
		askedAt: NOW,
		guildId: '123456789012345678',
		question: `question ${serial}`,
		normalized: `question ${serial}`,
		outcome: 'abstained',
		confidence: 0.25,
		candidates: [
			{ documentId: 'ballerina', title: 'When is Ballerina being released?', kind: 'faq', score: 0.42 },
			{ documentId: 'ballerina', title: 'A Dance of Death: The Plot', kind: 'section', score: 0.31 },
			{ documentId: 'ballerina', title: 'Release date', kind: 'fact', score: 0.2 },
		],
		knowledgeVersion: 'abc123def456',
		...overrides,
	};
}

const answered = (overrides: Partial<QuestionRecord> = {}) =>
	record({
		outcome: 'answered',
		confidence: 0.93,
		answer: { documentId: 'ballerina', title: 'When is Ballerina being released?', kind: 'faq' },
		...overrides,
	});

const vote = (questionId: string, voter: string, value: VoteRecord['vote'], votedAt = NOW): VoteRecord => ({
	questionId,
	voter,
	vote: value,
	votedAt,
});

const backends: {
	name: string;
	make: () => Promise<Backend> | Backend;
	thread: 'here' | 'worker';
	skip?: boolean;
}[] = [
	{ name: 'SQLite', make: sqliteBackend, thread: 'here' },
	{ name: 'SQLite in its worker thread', make: sqliteBackend, thread: 'worker' },
	{ name: 'PostgreSQL', make: postgresBackend, thread: 'here', skip: !postgres.run },
];

describe.each(backends)('the learning store on $name', ({ make, thread, skip }) => {
	let backend: Backend;
	let store: LearningStore;

	beforeAll(async () => {
		if (skip) return;
		if (postgres.problem && make === postgresBackend)
			throw new Error(`REQUIRE_SERVICES=1 but PostgreSQL is not reachable: ${postgres.problem}`);
		backend = await make();
		store = openStore(backend.location, { thread });
	});
	afterAll(async () => {
		if (skip) return;
		await store?.close();
		await backend?.cleanup();
	});

	it.skipIf(skip)(
		'keeps every field of a record, and a batch written twice (a retry) only once',
		async () => {
			const first = answered({
				guildId: 'DM',
				question: '  When is it out?? ',
				normalized: '@ballerina out',
			});
			const second = record({ outcome: 'smalltalk', candidates: [], normalized: '', confidence: 1 });
			const third = record({ abstention: 'low-confidence' });
			await store.write({ questions: [first, second, third], votes: [] });
			await store.write({ questions: [first, second, third], votes: [] });
			const back = await store.questions({ since: NOW - DAY });
			expect(back.filter((q) => q.id === first.id)).toEqual([first]);
			expect(back.filter((q) => q.id === second.id)).toEqual([second]);
			expect(back.filter((q) => q.id === third.id)).toEqual([third]);
			expect(await store.outcomeCounts(NOW - DAY)).toMatchObject({ answered: 1, smalltalk: 1 });
		},
	);

	it.skipIf(skip)(
		'counts the abstentions by the reason their records give, and records without one in no reason',
		async () => {
			const guildId = 'reasons';
			const abstained = (abstention?: QuestionRecord['abstention']) =>
				record({ guildId, ...(abstention ? { abstention } : {}) });
			await store.write({
				questions: [
					abstained('no-candidate'),
					abstained('no-candidate'),
					abstained('low-confidence'),
					abstained(),
					answered({ guildId }),
				],
				votes: [],
			});
			expect(await store.outcomeCounts(NOW - DAY, guildId)).toEqual({
				answered: 1,
				abstained: 4,
				smalltalk: 0,
				abstainedBy: { 'no-candidate': 2, 'low-confidence': 1 },
			});
		},
	);

	it.skipIf(skip)(
		'keeps one vote per user and answer: a second vote changes it, in one batch or later',
		async () => {
			const since = NOW + DAY; // A day of its own, so other tests' records do not count.
			const a = answered({
				askedAt: since,
				answer: { documentId: 'shop', title: 'Opening hours', kind: 'faq' },
			});
			const b = answered({ askedAt: since, answer: { documentId: 'shop', title: 'Refunds', kind: 'faq' } });
			await store.write({
				questions: [a, b],
				votes: [
					vote(a.id, 'alice', 'up'),
					vote(a.id, 'alice', 'down'),
					vote(a.id, 'bob', 'up'),
					vote(b.id, 'alice', 'down'),
				],
			});
			await store.write({ questions: [], votes: [vote(b.id, 'alice', 'up'), vote(b.id, 'alice', 'up')] });
			const votes = await store.votesByTopic(since);
			expect(votes.sort((x, y) => x.topic.title.localeCompare(y.topic.title))).toEqual([
				{ topic: { documentId: 'shop', title: 'Opening hours', kind: 'faq' }, up: 1, down: 1 },
				{ topic: { documentId: 'shop', title: 'Refunds', kind: 'faq' }, up: 1, down: 0 },
			]);
		},
	);

	it.skipIf(skip)(
		'lists the unresolved abstentions, newest first, and resolves each question once',
		async () => {
			const since = NOW + 2 * DAY;
			const older = record({ askedAt: since + 1 });
			const newer = record({ askedAt: since + 2 });
			await store.write({ questions: [older, newer, answered({ askedAt: since + 3 })], votes: [] });
			const open = await store.questions({ since, outcome: 'abstained', unresolved: true });
			expect(open.map((q) => q.id)).toEqual([newer.id, older.id]);
			expect(await store.resolve([older.id, newer.id], 'dismissed', since + 10)).toBe(2);
			expect(await store.resolve([older.id], 'alternate', since + 11)).toBe(0);
			expect(await store.questions({ since, outcome: 'abstained', unresolved: true })).toEqual([]);
			expect((await store.questions({ since, outcome: 'abstained' })).map((q) => q.resolution)).toEqual([
				'dismissed',
				'dismissed',
			]);
		},
	);

	it.skipIf(skip)('purges the questions and votes older than the retention, and only those', async () => {
		const cutoff = NOW - 90 * DAY;
		const old = answered({ askedAt: cutoff - 1 });
		const kept = answered({ askedAt: cutoff + 1 });
		await store.write({
			questions: [old, kept],
			votes: [
				vote(old.id, 'carol', 'down', cutoff + 5),
				vote(kept.id, 'carol', 'down', cutoff - 5),
				vote(kept.id, 'dan', 'up', cutoff + 5),
			],
		});
		const purged = await store.purge(cutoff);
		expect(purged).toEqual({ questions: 1, votes: 2 });
		const left = await store.questions({ since: 0, limit: 100_000 });
		expect(left.some((q) => q.id === old.id)).toBe(false);
		expect(left.some((q) => q.id === kept.id)).toBe(true);
		expect(await store.purge(cutoff)).toEqual({ questions: 0, votes: 0 });
	});

	it.skipIf(skip)(
		'stores 10,000 fuzzed questions (the hardening generators) and lists them back byte for byte',
		async () => {
			const ids: Ids = {
				bot: '223456789012345678',
				botRole: '323456789012345678',
				users: ['423456789012345678', '523456789012345678'],
				roles: ['623456789012345678'],
				channel: '723456789012345678',
			};
			const hostile = fc.oneof(
				{ weight: 12, arbitrary: phrase(ids, 16) },
				{ weight: 4, arbitrary: fragment(ids) },
				{ weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
				// Lone surrogates and NUL: what neither database takes as it is.
				{
					weight: 1,
					arbitrary: fc.string({
						unit: fc.constantFrom('\u0000', '\ud800', '\udfff', '\\', '\\u0041', 'x'),
						maxLength: 20,
					}),
				},
				{ weight: 1, arbitrary: longText(ids) },
			);
			const questions = fc.sample(hostile, { numRuns: 10_000, seed: 11 });
			const since = NOW + 3 * DAY;
			const records = questions.map((question, index) => record({ question, askedAt: since + index }));
			for (let start = 0; start < records.length; start += 1_000)
				await store.write({ questions: records.slice(start, start + 1_000), votes: [] });
			const back = await store.questions({ since, outcome: 'abstained', limit: 20_000 });
			expect(back).toHaveLength(records.length);
			const byId = new Map(back.map((q) => [q.id, q.question]));
			const differing = records.filter((r) => byId.get(r.id) !== r.question);
			expect(differing.map((r) => JSON.stringify(r.question))).toEqual([]);
			expect(records.some((r) => r.question.includes('\u0000'))).toBe(true);
		},
		120_000,
	);
});

describe.skipIf(!postgres.run)('a DATABASE_URL that names no schema', () => {
	const holder = postgresBackend();
	const cleanups: (() => Promise<void>)[] = [() => holder.cleanup()];
	let store: LearningStore | undefined;

	afterAll(async () => {
		await store?.close();
		for (const cleanup of cleanups) await cleanup();
	});

	it("migrates into its search_path's schema even when another schema already holds the tables", async () => {
		if (postgres.problem)
			throw new Error(`REQUIRE_SERVICES=1 but PostgreSQL is not reachable: ${postgres.problem}`);
		const older = openStore(holder.location, { thread: 'here' });
		await older.write({ questions: [record()], votes: [] });
		await older.close();
		const fresh = await postgresSchemaUrl();
		cleanups.push(() => fresh.cleanup());
		store = openStore({ kind: 'postgres', url: fresh.url }, { thread: 'here' });
		const mine = record();
		await store.write({ questions: [mine], votes: [] });
		expect((await store.questions({ since: 0 })).map((q) => q.id)).toEqual([mine.id]);
		const tables = await postgresQuery<{ table_name: string }>(
			'select table_name from information_schema.tables where table_schema = $1 order by table_name',
			[fresh.schema],
		);
		expect(tables.map((row) => row.table_name)).toEqual([
			'kysely_migration',
			'kysely_migration_lock',
			'questions',
			'votes',
		]);
	});
});
