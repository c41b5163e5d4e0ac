/**
 * What survives on disk: a recording process killed with SIGKILL in the middle of a burst loses
 * no committed batch and leaves a sound database without duplicates; two processes writing one
 * SQLite file (two shards) lose nothing, and a busy database never reaches the recording side.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open.js';

const WRITER = path.join(import.meta.dirname, 'writer-process.ts');

interface Writer {
	committed: Set<string>;
	done: Promise<{
		code: number | null;
		signal: NodeJS.Signals | null;
		counts?: Record<string, number>;
		stderr: string;
	}>;
	kill(): void;
}

function startWriter(
	file: string,
	prefix: string,
	count: number,
	onCommit?: (committed: number) => void,
): Writer {
	const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, prefix, String(count)], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const committed = new Set<string>();
	let counts: Record<string, number> | undefined;
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	createInterface({ input: child.stdout }).on('line', (line) => {
		if (line.startsWith('committed ')) {
			for (const id of line.slice('committed '.length).split(',')) committed.add(id);
			onCommit?.(committed.size);
		} else if (line.startsWith('done ')) {
			counts = JSON.parse(line.slice('done '.length)) as Record<string, number>;
		}
	});
	const done = new Promise<Awaited<Writer['done']>>((resolve) =>
		child.on('close', (code, signal) => resolve({ code, signal, ...(counts ? { counts } : {}), stderr })),
	);
	return { committed, done, kill: () => child.kill('SIGKILL') };
}

function readBack(file: string): { ids: string[]; questions: string[]; integrity: string } {
	const db = new SQLite(file, { readonly: true });
	try {
		const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? '';
		const rows = db.prepare('select id, question from questions').all() as { id: string; question: string }[];
		return { ids: rows.map((r) => r.id), questions: rows.map((r) => r.question), integrity };
	} finally {
		db.close();
	}
}

describe('the learning database on disk', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'faq-durability-'));
	});
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('keeps every committed batch of a burst of 1,000 when the process is killed with SIGKILL in the middle', async () => {
		const file = path.join(dir, 'killed.sqlite');
		const writer: Writer = startWriter(file, 'k', 1_000, (committed) => {
			if (committed >= 300) writer.kill();
		});
		const exit = await writer.done;
		expect(exit.signal, exit.stderr).toBe('SIGKILL');
		const committed = writer.committed;
		expect(committed.size).toBeGreaterThanOrEqual(300);
		expect(committed.size).toBeLessThan(1_000);

		const { ids, questions, integrity } = readBack(file);
		expect(integrity).toBe('ok');
		expect(new Set(ids).size).toBe(ids.length);
		expect(new Set(questions).size).toBe(questions.length);
		const stored = new Set(ids);
		expect([...committed].filter((id) => !stored.has(id))).toEqual([]);

		// Reopened by the store, as the bot restarting would: the migrations find it current, and it reads all.
		const store = openStore({ kind: 'sqlite', file }, { thread: 'here' });
		const all = await store.questions({ since: 0 });
		expect(all.length).toBe(ids.length);
		await store.close();
	}, 60_000);

	it('loses nothing when two processes write to one SQLite file at once, and no write is dropped', async () => {
		const file = path.join(dir, 'shared.sqlite');
		const writers = [startWriter(file, 'a', 2_000), startWriter(file, 'b', 2_000)];
		const exits = await Promise.all(writers.map((w) => w.done));
		for (const exit of exits) {
			expect(exit.code, exit.stderr).toBe(0);
			expect(exit.counts).toMatchObject({ written: 2_000, dropped: 0, queued: 0 });
			expect(exit.stderr).not.toMatch(/SQLITE_BUSY|database is locked/);
		}
		const { ids, integrity } = readBack(file);
		expect(integrity).toBe('ok');
		expect(ids.length).toBe(4_000);
		expect(new Set(ids).size).toBe(4_000);
	}, 90_000);
});
