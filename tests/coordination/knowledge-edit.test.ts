/**
 * An "add as alternate" as each host applies it to its own copy of the knowledge folder: written
 * by the byte-exact editor when the copy has the bytes the edit was made on, "already applied"
 * when the copy has the alternate already (a retry, or two hosts sharing one folder), refused
 * with why (and nothing written) when the copy differs otherwise.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeService } from '../../src/answer/service.js';
import { applyKnowledgeEdit, knowledgeEdit, topicOf } from '../../src/coordination/knowledge-edit.js';
import { digestOf } from '../../src/knowledge/cache.js';
import { knowledgeEditSchema } from '../../src/coordination/messages.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'knowledge', 'good');
const FILE = 'house-rules.yaml';

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'faq-edit-'));
	await cp(FIXTURES, dir, { recursive: true });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const editOf = async (question: string) =>
	knowledgeEdit({
		file: FILE,
		topic: { kind: 'faq', title: 'How do I report someone?' },
		question,
		beforeHash: digestOf(await readFile(path.join(dir, FILE))),
	});

describe('applying an alternate edit to a host’s copy', () => {
	it('writes it where the editor puts it, and the reloaded knowledge answers with it', async () => {
		const edit = await editOf('Who do I tell about a troll?');
		expect(knowledgeEditSchema.safeParse(edit).success).toBe(true);
		expect(await applyKnowledgeEdit(dir, edit)).toEqual({ status: 'applied' });
		const { service } = await KnowledgeService.open(dir);
		const entry = service.knowledge.documents
			.flatMap((d) => d.faq)
			.find((e) => e.question === 'How do I report someone?');
		expect(entry?.alternates).toContain('Who do I tell about a troll?');
	});

	it('says already-applied the second time, and writes nothing more', async () => {
		const edit = await editOf('Who do I tell about a troll?');
		await applyKnowledgeEdit(dir, edit);
		const once = await readFile(path.join(dir, FILE));
		expect(await applyKnowledgeEdit(dir, edit)).toEqual({ status: 'already-applied' });
		expect(await readFile(path.join(dir, FILE))).toEqual(once);
	});

	it('refuses, writing nothing, when the copy differs from the one the edit was made on', async () => {
		const edit = await editOf('Who do I tell about a troll?');
		const changed = `${await readFile(path.join(dir, FILE), 'utf8')}# edited on this host only\n`;
		await writeFile(path.join(dir, FILE), changed);
		const outcome = await applyKnowledgeEdit(dir, edit);
		expect(outcome.status).toBe('refused');
		expect(outcome.status === 'refused' && outcome.reason).toContain('changed on disk');
		expect(await readFile(path.join(dir, FILE), 'utf8')).toBe(changed);
	});

	it('refuses an entry id it cannot read', async () => {
		const edit = { ...(await editOf('Who do I tell?')), entryId: 'topic 3' };
		expect(topicOf('topic 3')).toBeUndefined();
		expect(await applyKnowledgeEdit(dir, edit)).toEqual({
			status: 'refused',
			reason: 'cannot read the entry id "topic 3"',
		});
	});
});
