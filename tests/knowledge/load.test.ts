import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../src/knowledge/files.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { FIXTURES, knowledgeFolder, lines, loadFiles, located } from './helpers.js';

const GOOD_DOC = lines('---', 'title: Good', '---', '', '## About', '', 'This loads.');

describe('loadKnowledge', () => {
	it('loads every kind of file in a folder, recursively and in sorted order', async () => {
		const { knowledge, problems } = await loadKnowledge(path.join(FIXTURES, 'good'));
		expect(problems).toEqual([]);
		expect(knowledge.documents.map((document) => [document.id, document.file])).toEqual([
			['bot-help', 'bot-help.json'],
			['getting-started', 'guides/getting-started.md'],
			['house-rules', 'house-rules.yaml'],
			['night-heist', 'night-heist.md'],
		]);
		expect(knowledge.synonyms).toEqual([
			['film', 'movie'],
			['cinema', 'theatre', 'theater'],
		]);
	});

	it('ignores hidden files, other extensions and _-prefixed data files', async () => {
		// The fixture holds a broken .draft.md, a README.txt and a broken _notes.yaml: none are read.
		const { problems } = await loadKnowledge(path.join(FIXTURES, 'good'));
		expect(problems).toEqual([]);
		const result = await loadFiles({
			'.hidden/broken.md': 'nothing valid',
			'notes.txt': 'not knowledge',
			'_draft.json': '{ nope',
			'ok.md': GOOD_DOC,
		});
		expect(result.problems).toEqual([]);
		expect(result.knowledge.documents.map((document) => document.id)).toEqual(['ok']);
	});

	it('leaves a broken file out and still loads the rest', async () => {
		const { knowledge, problems } = await loadKnowledge(path.join(FIXTURES, 'broken'));
		expect(knowledge.documents.map((document) => document.id)).toEqual(['good']);
		expect(problems).toEqual([
			{
				file: 'bad.md',
				line: 3,
				field: 'relese_date',
				message: expect.stringContaining("unknown key 'relese_date'") as string,
			},
			{
				file: 'bad.md',
				line: 4,
				field: 'releaseDate',
				message: "expected an ISO date YYYY-MM-DD, got '2025-13-40'",
			},
		]);
	});

	it('reports a duplicate document id in both files, naming the other, and loads neither', async () => {
		const { knowledge, problems } = await loadFiles({
			'films/wick.md': lines('---', 'id: wick', 'title: One', '---', 'Text.'),
			'wick.yaml': lines('title: Two', 'faq:', '  - { question: Q?, answer: A. }'),
			'other.md': GOOD_DOC,
		});
		expect(knowledge.documents.map((document) => document.id)).toEqual(['other']);
		expect(problems).toEqual([
			{
				file: 'films/wick.md',
				line: 2,
				field: 'id',
				message: expect.stringContaining("duplicate document id 'wick' — also used by wick.yaml") as string,
			},
			{
				file: 'wick.yaml',
				field: 'id',
				message: expect.stringContaining("duplicate document id 'wick' — also used by films/wick.md") as string,
			},
		]);
	});

	it("names the line of a FAQ list's own `id:` in a duplicate, though the list was read without positions", async () => {
		const { problems } = await loadFiles({
			'a.yaml': lines('# Help desk', 'title: A', 'id: same', 'faq:', '  - { question: Q?, answer: A. }'),
			'b.json': lines('{', '  "title": "B",', '  "id": "same",', '  "faq": [{ "question": "Q?", "answer": "A." }]', '}'),
		});
		expect(problems).toEqual([
			{ file: 'a.yaml', line: 3, field: 'id', message: expect.stringContaining("duplicate document id 'same'") as string },
			{ file: 'b.json', line: 3, field: 'id', message: expect.stringContaining("duplicate document id 'same'") as string },
		]);
	});

	it('reports a duplicate id even while one of the files has another problem', async () => {
		const { problems } = await loadFiles({
			'a.md': lines('---', 'id: same', 'title: A', 'kind: movie', '---', 'Text.'),
			'b.md': lines('---', 'id: same', 'title: B', '---', 'Text.'),
		});
		expect(located(problems)).toEqual([
			{ file: 'a.md', line: 2, field: 'id' },
			{ file: 'a.md', line: 4, field: 'kind' },
			{ file: 'b.md', line: 2, field: 'id' },
		]);
	});

	it('reads _synonyms.yaml into the knowledge base and reports its problems', async () => {
		const good = await loadFiles({ '_synonyms.yaml': lines('synonyms:', '  - [film, movie]'), 'a.md': GOOD_DOC });
		expect(good.knowledge.synonyms).toEqual([['film', 'movie']]);
		const bad = await loadFiles({ '_synonyms.yaml': lines('synonyms:', '  - [film]', 'extra: 1'), 'a.md': GOOD_DOC });
		expect(bad.knowledge.synonyms).toEqual([]);
		expect(bad.knowledge.documents).toHaveLength(1);
		expect(located(bad.problems)).toEqual([
			{ file: '_synonyms.yaml', line: 2, field: 'synonyms.0' },
			{ file: '_synonyms.yaml', line: 3, field: 'extra' },
		]);
	});

	it('reports a missing knowledge folder as one problem instead of throwing', async () => {
		const { knowledge, problems } = await loadKnowledge(path.join(FIXTURES, 'does-not-exist'));
		expect(knowledge).toEqual({ documents: [], synonyms: [] });
		expect(problems).toEqual([{ file: '.', message: expect.stringContaining('does not exist') as string }]);
	});

	it('reports a knowledge "folder" that is a file', async () => {
		const { problems } = await loadKnowledge(path.join(FIXTURES, 'good', 'night-heist.md'));
		expect(located(problems)).toEqual([{ file: '.' }]);
	});

	it('counts lines the same for Windows line endings and a byte order mark', async () => {
		const text = `\uFEFF${lines('---', 'title: T', 'kind: movie', '---', '## FAQ', '### Q?', 'A.').replace(/\n/g, '\r\n')}`;
		const { problems } = await loadFiles({ 'a.md': text });
		expect(located(problems)).toEqual([{ file: 'a.md', line: 3, field: 'kind' }]);
		const fixed = await loadFiles({ 'a.md': text.replace('movie', 'film') });
		expect(fixed.problems).toEqual([]);
		expect(fixed.knowledge.documents[0]?.faq[0]).toMatchObject({ question: 'Q?', answer: 'A.', line: 6 });
	});

	it('returns the same result for the same folder every time', async () => {
		const first = await loadKnowledge(path.join(FIXTURES, 'good'));
		const second = await loadKnowledge(path.join(FIXTURES, 'good'));
		expect(JSON.stringify(second)).toBe(JSON.stringify(first));
	});
});

describe('loadKnowledge rejects unsafe files and keeps going', () => {
	it('rejects a file with NUL bytes as binary', async () => {
		const { knowledge, problems } = await loadFiles({
			'image.md': new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02]),
			'ok.md': GOOD_DOC,
		});
		expect(knowledge.documents.map((document) => document.id)).toEqual(['ok']);
		expect(problems).toEqual([{ file: 'image.md', message: expect.stringContaining('binary') as string }]);
	});

	it('rejects a file that is not valid UTF-8', async () => {
		const latin1 = Buffer.from(lines('---', 'title: Caf\u00e9', '---', 'Text.'), 'latin1');
		const { knowledge, problems } = await loadFiles({ 'cafe.md': latin1, 'ok.md': GOOD_DOC });
		expect(knowledge.documents.map((document) => document.id)).toEqual(['ok']);
		expect(problems).toEqual([{ file: 'cafe.md', message: expect.stringContaining('not valid UTF-8') as string }]);
	});

	it('rejects a file larger than 1 MiB', async () => {
		const big = lines('---', 'title: Big', '---', 'x'.repeat(MAX_FILE_BYTES));
		const { knowledge, problems } = await loadFiles({ 'big.md': big, 'ok.md': GOOD_DOC });
		expect(knowledge.documents.map((document) => document.id)).toEqual(['ok']);
		expect(problems).toEqual([{ file: 'big.md', message: expect.stringContaining('too large') as string }]);
	});

	it('accepts a file of exactly 1 MiB', async () => {
		const head = lines('---', 'title: Big', '---', '');
		const body = 'x'.repeat(MAX_FILE_BYTES - Buffer.byteLength(head) - 1);
		const { problems } = await loadFiles({ 'big.md': `${head}${body}\n` });
		expect(problems).toEqual([]);
	});

	it('rejects a symlink that resolves outside the knowledge folder, file or folder', async () => {
		const directory = await knowledgeFolder({ 'ok.md': GOOD_DOC });
		const outside = path.join(path.dirname(directory), 'outside');
		await mkdir(outside);
		await writeFile(path.join(outside, 'secret.md'), GOOD_DOC);
		await symlink(path.join(outside, 'secret.md'), path.join(directory, 'secret.md'));
		await symlink(outside, path.join(directory, 'linked-folder'));
		const { knowledge, problems } = await loadKnowledge(directory);
		expect(knowledge.documents.map((document) => document.id)).toEqual(['ok']);
		expect(problems).toEqual([
			{ file: 'linked-folder', message: expect.stringContaining('outside the knowledge folder') as string },
			{ file: 'secret.md', message: expect.stringContaining('outside the knowledge folder') as string },
		]);
	});

	it('follows a symlink inside the folder, and survives a symlink loop', async () => {
		const directory = await knowledgeFolder({ 'docs/a.md': GOOD_DOC });
		await symlink(path.join(directory, 'docs', 'a.md'), path.join(directory, 'alias.md'));
		await symlink(directory, path.join(directory, 'docs', 'loop'));
		const { knowledge, problems } = await loadKnowledge(directory);
		// The link is read as its own file (id from its own name); the loop back to the root is not walked twice.
		expect(knowledge.documents.map((document) => document.file)).toEqual(['alias.md', 'docs/a.md']);
		expect(problems).toEqual([]);
	});

	it('reports a broken symlink', async () => {
		const directory = await knowledgeFolder({ 'ok.md': GOOD_DOC });
		await symlink(path.join(directory, 'missing.md'), path.join(directory, 'gone.md'));
		const { problems } = await loadKnowledge(directory);
		expect(problems).toEqual([{ file: 'gone.md', message: expect.stringContaining('broken symlink') as string }]);
	});
});
