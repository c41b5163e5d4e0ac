/**
 * "Add as alternate" with REDIS_URL: the edit is published rather than written here, and the
 * cluster is resolved only when this host reports it has the alternate. The bus is replaced by
 * hosts that apply the edit to folders of their own (or refuse it), so every outcome is tested
 * without Redis; tests/discord/multi-host.test.ts runs it through Redis and real hosts.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeService } from '../../src/answer/service.js';
import { applyKnowledgeEdit, knowledgeEdit } from '../../src/coordination/knowledge-edit.js';
import type { EditOutcome, KnowledgeEdit } from '../../src/coordination/messages.js';
import { summarize } from '../../src/coordination/reload-summary.js';
import { alternateWriter } from '../../src/discord/alternate-writer.js';
import type { KnowledgeEdits } from '../../src/discord/shard-coordination.js';
import { addClusterAsAlternate, unansweredReport } from '../../src/learning-loop/review.js';
import { openStore } from '../../src/storage/open.js';
import type { LearningStore } from '../../src/storage/store.js';
import { askedRecords } from '../../testkit/learning.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'knowledge', 'good');
const FILE = 'house-rules.yaml';

let root: string;
let here: string;
let service: KnowledgeService;
let store: LearningStore;

beforeEach(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'faq-writer-'));
	here = path.join(root, 'here');
	await cp(FIXTURES, here, { recursive: true });
	service = (await KnowledgeService.open(here)).service;
	store = openStore({ kind: 'sqlite', file: path.join(root, 'learning.sqlite') }, { thread: 'here' });
	const questions = ['can i leak the ending', 'can I leak the ending?'];
	await store.write({ questions: askedRecords(service, questions, Date.now() - 1000), votes: [] });
});
afterEach(async () => {
	await store.close();
	await rm(root, { recursive: true, force: true });
});

/** The bus as hosts `here` and `there` would answer: `here` applies to its folder unless told to refuse. */
function bus(hereRefuses: boolean): KnowledgeEdits & { published: KnowledgeEdit[] } {
	const published: KnowledgeEdit[] = [];
	const report = (hostId: string, shardId: number, edit: EditOutcome) => ({
		v: 1 as const,
		type: 'report' as const,
		requestId: 'request-1',
		hostId,
		shards: [
			{
				shardId,
				ok: true as const,
				version: 'abcdef012345',
				counts: { documents: 1, sections: 1, faqEntries: 1 },
			},
		],
		edit,
	});
	return {
		published,
		reload: () => Promise.reject(new Error('not asked')),
		editFor: (file, topic, question) =>
			knowledgeEdit({ file, topic, question, beforeHash: service.fileDigest(file)! }),
		async addAlternate(edit) {
			published.push(edit);
			const own: EditOutcome = hereRefuses
				? { status: 'refused', reason: `${edit.file} differs from the copy the alternate was added to` }
				: await applyKnowledgeEdit(here, edit);
			const summary = summarize({
				kind: 'edit',
				reach: 'redis',
				deadlineMs: 1_000,
				shardCount: 2,
				reports: [report('here', 0, own), report('there', 1, { status: 'applied' })],
				acknowledged: new Map(),
				shardHosts: new Map([
					[0, 'here'],
					[1, 'there'],
				]),
			});
			return { summary };
		},
	};
}

async function addSpoilers(edits: KnowledgeEdits) {
	const [cluster] = (await unansweredReport(store, 30)).clusters;
	const topic = cluster!.topics.findIndex((t) => t.title === 'Can I post spoilers?');
	const write = alternateWriter({
		config: { hostId: 'here' },
		service,
		knowledgeEdits: edits,
		reloadEverywhere: () => Promise.reject(new Error('the one-host reload is not used with Redis')),
	});
	return {
		cluster: cluster!,
		result: await addClusterAsAlternate(store, service, { key: cluster!.key, days: 30, topic, write }),
	};
}

describe('add as alternate across hosts', () => {
	it('publishes the edit, shows the diff and every host, and resolves the cluster once this host has it', async () => {
		const edits = bus(false);
		const { cluster, result } = await addSpoilers(edits);
		expect(edits.published).toEqual([
			expect.objectContaining({
				file: FILE,
				entryId: 'faq:Can I post spoilers?',
				alternate: cluster.question,
			}),
		]);
		if (!result.ok) throw new Error(result.message);
		expect(result.resolved).toBe(2);
		expect(result.diff).toContain(`+      - ${cluster.question}`);
		expect(result.reload).toMatch(
			/^✅ Alternate added on 2 of 2 hosts and served on 2 of 2 shards — knowledge version abcdef01…/,
		);
		expect(await readFile(path.join(here, FILE), 'utf8')).toContain(cluster.question);
		expect((await unansweredReport(store, 30)).clusters).toEqual([]);
	});

	it('keeps the cluster listed when this host refused the edit, and names the hosts that did add it', async () => {
		const { cluster, result } = await addSpoilers(bus(true));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.message).toBe(
			`this host (here) did not add it: ${FILE} differs from the copy the alternate was added to, so the cluster stays on the list.`,
		);
		expect(result.elsewhere).toMatch(/^⚠️ Alternate added on 1 of 2 hosts and served on 1 of 2 shards — /);
		expect(result.elsewhere).toContain('\n✅ Added on host there (shard 1).\n');
		expect(result.elsewhere).toContain('\n❌ Host here (shard 0) did not add the alternate: ');
		expect((await unansweredReport(store, 30)).clusters.map((c) => c.key)).toEqual([cluster.key]);
	});

	it('publishes nothing when the edit would not take on this host’s own copy', async () => {
		const edits = bus(false);
		await rm(path.join(here, FILE));
		const { result } = await addSpoilers(edits);
		expect(result.ok ? '' : result.message).toMatch(/cannot find house-rules\.yaml/);
		expect(edits.published).toEqual([]);
	});
});
