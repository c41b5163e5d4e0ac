import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { KnowledgeProblem, LoadResult } from '../../src/knowledge/types.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/knowledge');

const created: string[] = [];

afterEach(async () => {
	await Promise.all(created.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

/** Creates a temporary knowledge folder holding `files` (relative path -> content); removed after each test. */
export async function knowledgeFolder(files: Record<string, string | Uint8Array>): Promise<string> {
	const root = await mkdtemp(path.join(tmpdir(), 'knowledge-test-'));
	created.push(root);
	const directory = path.join(root, 'knowledge');
	await mkdir(directory);
	for (const [name, content] of Object.entries(files)) {
		const file = path.join(directory, name);
		await mkdir(path.dirname(file), { recursive: true });
		await writeFile(file, content);
	}
	return directory;
}

/** Loads a temporary knowledge folder holding `files`. */
export async function loadFiles(files: Record<string, string | Uint8Array>): Promise<LoadResult> {
	return loadKnowledge(await knowledgeFolder(files));
}

/** Problems without the message, for compact assertions on file, line and field. */
export function located(problems: KnowledgeProblem[]): { file: string; line?: number; field?: string }[] {
	return problems.map(({ file, line, field }) => ({
		file,
		...(line === undefined ? {} : { line }),
		...(field === undefined ? {} : { field }),
	}));
}

/** Joins lines with `\n`, so a test can count lines by eye. */
export function lines(...text: string[]): string {
	return `${text.join('\n')}\n`;
}
