import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { perform, type HostActions } from '../../src/coordination/host-actions.js';
import { digestOf } from '../../src/knowledge/cache.js';
import { knowledgeFolderVersion } from '../../testkit/coordination/knowledge-version.js';
import { knowledgeVersion } from '../../src/answer/service.js';
import { busReplySchema, busRequestSchema, readMessage } from '../../src/coordination/messages.js';

const HASH = 'ab'.repeat(32);
/** A knowledge version as KnowledgeService gives it. */
const VERSION = 'ab'.repeat(6);
const edit = {
	file: 'faq/movie.yaml',
	entryId: 'is-it-canon',
	alternate: 'is this part of the wick films',
	beforeHash: HASH,
};
const request = (more: object) =>
	JSON.stringify({ v: 1, type: 'edit', requestId: 'a1b2c3d4-0001', from: 'host-a', edit, ...more });

describe('messages from other hosts', () => {
	it('reads a well-formed request', () => {
		expect(readMessage(busRequestSchema, request({}))).toEqual(JSON.parse(request({})));
	});

	it('ignores what is not JSON, another protocol version, or a request with a missing or odd field', () => {
		expect(readMessage(busRequestSchema, 'reload please')).toBeUndefined();
		expect(readMessage(busRequestSchema, request({ v: 2 }))).toBeUndefined();
		expect(readMessage(busRequestSchema, request({ type: 'restart' }))).toBeUndefined();
		expect(readMessage(busRequestSchema, request({ requestId: 'x' }))).toBeUndefined();
		expect(readMessage(busRequestSchema, request({ from: 'two words' }))).toBeUndefined();
		expect(readMessage(busRequestSchema, request({ edit: { ...edit, beforeHash: 'abc' } }))).toBeUndefined();
	});

	it('refuses an edit naming a file outside the knowledge folder', () => {
		for (const file of [
			'../secrets.env',
			'/etc/passwd',
			'faq/../../x.md',
			'faq\\x.md',
			'./faq/x.md',
			'faq//x.md',
			'',
		])
			expect(readMessage(busRequestSchema, request({ edit: { ...edit, file } })), file).toBeUndefined();
	});

	it('reads reports and acknowledgements, and refuses a report with a shard that is not a shard', () => {
		const report = { v: 1, type: 'report', requestId: 'a1b2c3d4-0001', hostId: 'host-b' };
		const shard = {
			shardId: 2,
			ok: true,
			version: VERSION,
			counts: { documents: 1, sections: 2, faqEntries: 3 },
		};
		expect(readMessage(busReplySchema, JSON.stringify({ ...report, shards: [shard] }))).toBeDefined();
		expect(
			readMessage(busReplySchema, JSON.stringify({ ...report, type: 'ack', shardIds: [2, 3] })),
		).toBeDefined();
		expect(
			readMessage(busReplySchema, JSON.stringify({ ...report, shards: [{ ...shard, shardId: -1 }] })),
		).toBeUndefined();
		expect(
			readMessage(busReplySchema, JSON.stringify({ ...report, shards: [{ ...shard, counts: {} }] })),
		).toBeUndefined();
	});
});

describe('perform', () => {
	const reloadOk: HostActions['reload'] = () =>
		Promise.resolve([
			{ shardId: 0, ok: true, version: VERSION, counts: { documents: 1, sections: 0, faqEntries: 0 } },
		]);

	it('turns a reload that throws into failed shards, and an edit that throws into a refusal', async () => {
		const actions: HostActions = {
			shardIds: () => [0, 1],
			reload: () => Promise.reject(new Error('disk gone')),
			applyEdit: () => Promise.reject(new Error('cannot write')),
		};
		expect(
			await perform(actions, { v: 1, type: 'edit', requestId: 'a1b2c3d4-0001', from: 'a', edit }),
		).toEqual({
			edit: { status: 'refused', reason: 'cannot write' },
			shards: [
				{ shardId: 0, ok: false, reason: 'disk gone' },
				{ shardId: 1, ok: false, reason: 'disk gone' },
			],
		});
	});

	it('refuses an edit on a host without an editor, and still reloads so the report says what it serves', async () => {
		const performed = await perform(
			{ shardIds: () => [0], reload: reloadOk },
			{ v: 1, type: 'edit', requestId: 'a1b2c3d4-0001', from: 'a', edit },
		);
		expect(performed.edit).toEqual({ status: 'refused', reason: 'this host cannot apply knowledge edits' });
		expect(performed.shards[0]?.ok).toBe(true);
	});
});

describe('knowledge version', () => {
	const folders: string[] = [];
	afterEach(async () => {
		for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
	});

	async function folder(files: Record<string, string>): Promise<string> {
		const dir = await mkdtemp(path.join(tmpdir(), 'faq-version-'));
		folders.push(dir);
		for (const [name, text] of Object.entries(files)) {
			await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
			await writeFile(path.join(dir, name), text);
		}
		return dir;
	}

	it('is the same for the same files in any order, and differs for any edit, rename or extra file', () => {
		const a = ['a.md', digestOf(Buffer.from('# A'))] as const;
		const b = ['faq/b.yaml', digestOf(Buffer.from('- q: x'))] as const;
		const version = (...files: (readonly [string, string])[]) => knowledgeVersion(new Map(files));
		expect(version(a, b)).toBe(version(b, a));
		expect(version(a, b)).toMatch(/^[0-9a-f]{12}$/);
		expect(version(a, [b[0], digestOf(Buffer.from('- q: y'))])).not.toBe(version(a, b));
		expect(version(a, ['faq/c.yaml', b[1]])).not.toBe(version(a, b));
		expect(version(a)).not.toBe(version(a, b));
	});

	it('agrees between two copies of a folder and tells a changed copy apart', async () => {
		const files = {
			'guide.md': '# Guide\n\nHello.\n',
			'faq/movie.yaml': '- question: Is it canon?\n  answer: Yes.\n',
		};
		const one = await folder(files);
		const two = await folder(files);
		expect(await knowledgeFolderVersion(one)).toBe(await knowledgeFolderVersion(two));
		await writeFile(path.join(two, 'guide.md'), '# Guide\n\nHello!\n');
		expect(await knowledgeFolderVersion(one)).not.toBe(await knowledgeFolderVersion(two));
	});
});
