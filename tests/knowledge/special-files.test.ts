/**
 * Only regular files are knowledge. Opening a FIFO blocks until something writes to it, so a FIFO
 * (or a symlink to one) in the knowledge folder hung every load, and with it the bot's start and
 * `/reload`. Each test has a short time limit: before the fix, they did not fail, they hung.
 */
import { execFileSync } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKnowledgeBytes } from '../../src/knowledge/files.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { knowledgeFolder, lines } from './helpers.js';

const GOOD_DOC = lines('---', 'title: Good', '---', '', '## About', '', 'This loads.');
const LIMIT = { timeout: 5_000 };

function mkfifo(file: string): void {
	execFileSync('mkfifo', [file]);
}

describe('files that are not regular files', () => {
	it('skips a symlink to a FIFO with a message, and the other files load', LIMIT, async () => {
		const directory = await knowledgeFolder({ 'ok.md': GOOD_DOC });
		mkfifo(path.join(directory, 'pipe'));
		await symlink(path.join(directory, 'pipe'), path.join(directory, 'linked.md'));
		const { knowledge, problems } = await loadKnowledge(directory);
		expect(knowledge.documents.map((document) => document.id)).toEqual(['ok']);
		expect(problems).toEqual([
			{ file: 'linked.md', message: 'is not a regular file (a pipe, socket or device) — skipped; only regular files are loaded' },
		]);
	});

	it('skips a FIFO named like a knowledge file with a message', LIMIT, async () => {
		const directory = await knowledgeFolder({ 'ok.md': GOOD_DOC });
		mkfifo(path.join(directory, 'pipe.md'));
		const { knowledge, problems } = await loadKnowledge(directory);
		expect(knowledge.documents.map((document) => document.id)).toEqual(['ok']);
		expect(problems).toEqual([
			{ file: 'pipe.md', message: 'is not a regular file (a pipe, socket or device) — skipped; only regular files are loaded' },
		]);
	});

	it('does not block reading a FIFO swapped in after the folder was listed', LIMIT, async () => {
		const directory = await knowledgeFolder({});
		const fifo = path.join(directory, 'swapped.md');
		mkfifo(fifo);
		const read = await readKnowledgeBytes({ path: 'swapped.md', realPath: fifo, kind: 'markdown' });
		expect(read).toEqual({ ok: false, problem: { file: 'swapped.md', message: 'is not a regular file' } });
	});
});
