import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeService } from '../../src/answer/service.js';
import { deepFreeze } from '../support/deep-freeze.js';

const document = (faq: string) => `---
title: Night Train
kind: film
releaseDate: "2023-10-01"
---

## Setting

The whole film takes place on a sleeper train crossing the Alps.

## FAQ

${faq}
`;

describe('KnowledgeService reload', () => {
	let dir: string;
	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'faq-service-'));
		await writeFile(join(dir, 'night-train.md'), document('### Is there a sequel?\n\nNot yet announced.'));
	});
	afterEach(() => rm(dir, { recursive: true, force: true }));

	it('serves new knowledge after a reload and reports what changed', async () => {
		const { service, problems } = await KnowledgeService.open(dir);
		expect(problems).toEqual([]);
		expect(service.engine.ask('does it take place on a train').text).toContain('sleeper train');

		await writeFile(
			join(dir, 'night-train.md'),
			document('### Who wrote the novel?\n\nThe film adapts a 1950s novel by Ada Lind.'),
		);
		const report = await service.reload();

		expect(report).toMatchObject({ ok: true, counts: { documents: 1, sections: 1, faqEntries: 1 } });
		if (!report.ok) return;
		expect(report.diff.faqEntries.added).toEqual(['Night Train › Who wrote the novel?']);
		expect(report.diff.faqEntries.removed).toEqual(['Night Train › Is there a sequel?']);
		expect(service.engine.ask('who wrote the novel').text).toContain('Ada Lind');
	});

	it('reports an edited answer or section as changed, and nothing for untouched files', async () => {
		await writeFile(
			join(dir, 'rules.yaml'),
			'title: Rules\nfaq:\n  - question: Can I post spoilers?\n    answer: Use tags.\n',
		);
		const { service } = await KnowledgeService.open(dir);
		await writeFile(
			join(dir, 'rules.yaml'),
			'title: Rules\nfaq:\n  - question: Can I post spoilers?\n    answer: Only in #spoilers.\n',
		);
		const edited = await service.reload();
		expect(edited).toMatchObject({
			ok: true,
			diff: {
				documents: { added: [], removed: [], changed: ['Rules'] },
				sections: { added: [], removed: [], changed: [] },
				faqEntries: { added: [], removed: [], changed: ['Rules › Can I post spoilers?'] },
			},
		});

		await writeFile(
			join(dir, 'night-train.md'),
			document('### Is there a sequel?\n\nNot yet announced.').replace('sleeper train', 'night train'),
		);
		const sectionEdited = await service.reload();
		expect(sectionEdited).toMatchObject({
			ok: true,
			diff: {
				documents: { changed: ['Night Train'] },
				sections: { changed: ['Night Train › Setting'] },
				faqEntries: { added: [], removed: [], changed: [] },
			},
		});
	});

	it('keeps serving the old knowledge when the new knowledge is broken', async () => {
		const { service } = await KnowledgeService.open(dir);
		const before = service.engine;
		await writeFile(join(dir, 'night-train.md'), '---\ntitle: [unclosed\n---\n');

		const report = await service.reload();

		expect(report.ok).toBe(false);
		if (report.ok) return;
		expect(report.problems[0]?.file).toBe('night-train.md');
		expect(service.engine).toBe(before);
		expect(service.engine.ask('does it take place on a train').text).toContain('sleeper train');
	});

	it('keeps serving the old knowledge when the folder has been emptied, and says so', async () => {
		const { service } = await KnowledgeService.open(dir);
		const before = service.engine;
		await rm(join(dir, 'night-train.md'));

		const report = await service.reload();

		expect(report.ok).toBe(false);
		if (report.ok) return;
		expect(report.problems).toHaveLength(1);
		expect(report.problems[0]?.file).toBe('.');
		expect(report.problems[0]?.message).toMatch(/^the knowledge folder has no document any more/);
		expect(service.engine).toBe(before);
		expect(service.engine.ask('does it take place on a train').text).toContain('sleeper train');
	});

	it('keeps every unchanged document object across reloads, and serves an edited file', async () => {
		await writeFile(
			join(dir, 'rules.yaml'),
			'title: Rules\nfaq:\n  - question: Can I post spoilers?\n    answer: Use tags.\n',
		);
		const { service } = await KnowledgeService.open(dir);
		const [train, rules] = service.knowledge.documents;

		const unchanged = await service.reload();
		expect(unchanged).toMatchObject({ ok: true, diff: { faqEntries: { added: [], removed: [] } } });
		expect(service.knowledge.documents[0]).toBe(train);
		expect(service.knowledge.documents[1]).toBe(rules);

		// Same size, same place: only the content tells that it changed.
		await writeFile(
			join(dir, 'rules.yaml'),
			'title: Rules\nfaq:\n  - question: Can I post spoilers?\n    answer: Use bars.\n',
		);
		expect((await service.reload()).ok).toBe(true);
		expect(service.knowledge.documents[0]).toBe(train);
		expect(service.knowledge.documents[1]).not.toBe(rules);
		expect(service.engine.ask('can I post spoilers').text).toContain('Use bars.');
	});

	it('never changes a document: reloads reuse unchanged ones, so the engine must treat them as read-only', async () => {
		const { service } = await KnowledgeService.open(dir);
		deepFreeze(service.knowledge.documents);
		expect((await service.reload()).ok).toBe(true);
		expect(service.engine.ask('does it take place on a train').text).toContain('sleeper train');
		expect(service.engine.ask('is there a sequel').text).toContain('Not yet announced');
	});

	it('serves a broken file again once it is fixed', async () => {
		const { service } = await KnowledgeService.open(dir);
		await writeFile(join(dir, 'night-train.md'), '---\ntitle: [unclosed\n---\n');
		expect((await service.reload()).ok).toBe(false);

		await writeFile(join(dir, 'night-train.md'), document('### Is there a sequel?\n\nYes, in 2026.'));
		const report = await service.reload();
		expect(report.ok).toBe(true);
		expect(service.engine.ask('is there a sequel').text).toContain('2026');
	});

	it('starts with the valid files when one file is broken', async () => {
		await writeFile(join(dir, 'broken.md'), 'no front matter here');
		const { service, problems } = await KnowledgeService.open(dir);
		expect(problems.map((p) => p.file)).toEqual(['broken.md']);
		expect(service.engine.documents().map((d) => d.title)).toEqual(['Night Train']);
	});
});
