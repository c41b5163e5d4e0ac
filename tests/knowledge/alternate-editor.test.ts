/**
 * The alternate editor on real knowledge files: the new phrasing lands in the topic's comment or
 * list and nowhere else (every other byte as it was), the question is answered after a reload,
 * and the editor refuses — writing nothing — a file changed on disk meanwhile, a path that leads
 * out of the knowledge folder, a file that does not load, and a phrasing the topic already has.
 */
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeService } from '../../src/answer/service.js';
import { addAlternate, type AlternateEdit } from '../../src/knowledge/alternate-editor.js';
import { digestOf } from '../../src/knowledge/cache.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'knowledge', 'good');

let root: string;
let dir: string;
let service: KnowledgeService;

beforeEach(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'faq-editor-'));
	dir = path.join(root, 'knowledge');
	await cp(FIXTURES, dir, { recursive: true });
	service = (await KnowledgeService.open(dir)).service;
});
afterEach(async () => {
	await rm(root, { recursive: true, force: true });
});

function edit(file: string, kind: 'faq' | 'section', title: string, question: string): AlternateEdit {
	return { knowledgeDir: dir, file, topic: { kind, title }, question, expectedDigest: service.fileDigest(file) };
}

/** `after` is `before` with `inserted` added at one place, and nothing else changed. */
function expectInsertion(before: Buffer, after: Buffer, inserted: string): void {
	const insertedBytes = Buffer.from(inserted, 'utf8');
	expect(after.length).toBe(before.length + insertedBytes.length);
	let at = 0;
	while (at < before.length && before[at] === after[at]) at++;
	// The insertion may start a little earlier when its first bytes equal the bytes before it.
	for (let start = Math.max(0, at - insertedBytes.length); start <= at; start++) {
		const candidate = Buffer.concat([before.subarray(0, start), insertedBytes, before.subarray(start)]);
		if (candidate.equals(after)) return;
	}
	throw new Error(`not a single insertion of ${JSON.stringify(inserted)}:\n${after.toString('utf8')}`);
}

async function addedAndAnswered(
	file: string,
	kind: 'faq' | 'section',
	title: string,
	question: string,
	inserted: string,
): Promise<string> {
	const before = await readFile(path.join(dir, file));
	expect(service.engine.ask(question).source?.title).not.toBe(title);
	const result = await addAlternate(edit(file, kind, title, question));
	if (!result.ok) throw new Error(result.message);
	const after = await readFile(path.join(dir, file));
	expectInsertion(before, after, inserted);
	const reload = await service.reload();
	expect(reload.ok).toBe(true);
	const answer = service.engine.ask(question);
	expect(answer.kind).toBe('answer');
	expect(answer.source?.title).toBe(title);
	return result.diff;
}

describe('addAlternate', () => {
	it("adds to a Markdown section's alternates comment, byte for byte, and the question is answered after reload", async () => {
		const diff = await addedAndAnswered(
			'night-heist.md',
			'section',
			'The Plot',
			'does it end with a surprise',
			'- does it end with a surprise\n',
		);
		expect(diff).toContain('+- does it end with a surprise');
		expect(diff).toMatch(/^--- a\/night-heist\.md\n\+\+\+ b\/night-heist\.md\n@@ /);
	});

	it('gives a Markdown section without alternates a comment under its heading', async () => {
		await addedAndAnswered(
			'night-heist.md',
			'section',
			'Music',
			'what instruments play',
			'\n<!-- alternates:\n- what instruments play\n-->\n',
		);
	});

	it("adds to a Markdown FAQ entry's comment, and gives one without a comment its own", async () => {
		await addedAndAnswered(
			'night-heist.md',
			'faq',
			'Is it based on a true story?',
			'did the events occur',
			'- did the events occur\n',
		);
		service = (await KnowledgeService.open(dir)).service;
		await addedAndAnswered(
			'night-heist.md',
			'faq',
			'What is the running time?',
			'is it a long sit',
			'\n<!-- alternates:\n- is it a long sit\n-->\n',
		);
	});

	it("adds to a YAML entry's alternates list, and gives an entry without one its own list", async () => {
		await addedAndAnswered(
			'house-rules.yaml',
			'faq',
			'Can I post spoilers?',
			'can i leak the ending',
			'      - can i leak the ending\n',
		);
		await addedAndAnswered(
			'house-rules.yaml',
			'faq',
			'How do I report someone?',
			'how to flag a troll',
			'    alternates:\n      - how to flag a troll\n',
		);
	});

	it("adds to a JSON entry's alternates array, keeping it JSON", async () => {
		await addedAndAnswered(
			'bot-help.json',
			'faq',
			'How do I ask the bot something?',
			'how to talk to the bot',
			', "how to talk to the bot"',
		);
		const json = await readFile(path.join(dir, 'bot-help.json'), 'utf8');
		expect(() => JSON.parse(json) as unknown).not.toThrow();
	});

	it('keeps CRLF line ends and a byte-order mark', async () => {
		await writeFile(
			path.join(dir, 'crlf.md'),
			'\uFEFF---\r\ntitle: Opening times\r\n---\r\n\r\n## Hours\r\n\r\nWe are open nine to five.\r\n',
		);
		service = (await KnowledgeService.open(dir)).service;
		await addedAndAnswered(
			'crlf.md',
			'section',
			'Hours',
			'when can i come by',
			'\r\n<!-- alternates:\r\n- when can i come by\r\n-->\r\n',
		);
	});

	it('refuses a file changed on disk since the knowledge was loaded, and keeps the change', async () => {
		const file = path.join(dir, 'house-rules.yaml');
		const changed = `${await readFile(file, 'utf8')}  - question: Can I advertise?\n    answer: No.\n`;
		await writeFile(file, changed);
		const result = await addAlternate(edit('house-rules.yaml', 'faq', 'Can I post spoilers?', 'spoilers ok?'));
		expect(result).toMatchObject({ ok: false, reason: 'changed' });
		expect(result.ok ? '' : result.message).toMatch(/changed on disk since the knowledge was loaded.*\/reload/);
		expect(await readFile(file, 'utf8')).toBe(changed);
	});

	it('refuses paths outside the knowledge folder, through .. or a symlink, writing nothing', async () => {
		const outside = path.join(root, 'outside.yaml');
		const text = 'title: Outside\nfaq:\n  - question: Secret?\n    answer: Yes.\n';
		await writeFile(outside, text);
		await symlink(outside, path.join(dir, 'linked.yaml'));
		for (const file of ['../outside.yaml', 'linked.yaml', outside]) {
			const result = await addAlternate({ ...edit(file, 'faq', 'Secret?', 'is it a secret'), expectedDigest: 'x' });
			expect(result, file).toMatchObject({ ok: false, reason: 'outside' });
		}
		expect(await readFile(outside, 'utf8')).toBe(text);
	});

	it('never rewrites a file that does not load, and refuses a phrasing the topic already has', async () => {
		const broken = path.join(dir, 'guides', 'broken.md');
		const text = '---\ntitle: Broken\n---\n\n## Empty\n';
		await mkdir(path.dirname(broken), { recursive: true });
		await writeFile(broken, text);
		const { service: reopened } = await KnowledgeService.open(dir);
		const digest = digestOf(Buffer.from(text));
		const refused = await addAlternate({ ...edit('guides/broken.md', 'section', 'Empty', 'what is empty'), expectedDigest: digest });
		expect(refused).toMatchObject({ ok: false, reason: 'unparseable' });
		expect(await readFile(broken, 'utf8')).toBe(text);

		service = reopened;
		const duplicate = await addAlternate(edit('house-rules.yaml', 'faq', 'Can I post spoilers?', 'ARE spoilers allowed'));
		expect(duplicate).toMatchObject({ ok: false, reason: 'duplicate' });
		const missing = await addAlternate(edit('house-rules.yaml', 'faq', 'No such question?', 'anything'));
		expect(missing).toMatchObject({ ok: false, reason: 'not-found' });
		const comment = await addAlternate(edit('night-heist.md', 'section', 'Music', 'end --> here'));
		expect(comment).toMatchObject({ ok: false, reason: 'invalid-alternate' });
	});

	it('leaves no temporary file behind', async () => {
		await addAlternate(edit('house-rules.yaml', 'faq', 'Can I post spoilers?', 'spoilers in threads?'));
		expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
	});
});
