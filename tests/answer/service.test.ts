import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeService } from '../../src/answer/service.js';

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
		expect(service.engine.ask('where does it take place').text).toContain('sleeper train');

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

	it('keeps serving the old knowledge when the new knowledge is broken', async () => {
		const { service } = await KnowledgeService.open(dir);
		const before = service.engine;
		await writeFile(join(dir, 'night-train.md'), '---\ntitle: [unclosed\n---\n');

		const report = await service.reload();

		expect(report.ok).toBe(false);
		if (report.ok) return;
		expect(report.problems[0]?.file).toBe('night-train.md');
		expect(service.engine).toBe(before);
		expect(service.engine.ask('where does it take place').text).toContain('sleeper train');
	});

	it('starts with the valid files when one file is broken', async () => {
		await writeFile(join(dir, 'broken.md'), 'no front matter here');
		const { service, problems } = await KnowledgeService.open(dir);
		expect(problems.map((p) => p.file)).toEqual(['broken.md']);
		expect(service.engine.documents().map((d) => d.title)).toEqual(['Night Train']);
	});
});
