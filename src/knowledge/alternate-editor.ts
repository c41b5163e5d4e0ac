/**
 * Writes an alternate phrasing into the knowledge file that holds a topic (see
 * alternate-insert.ts for where it goes and how the result is validated), safely:
 *
 * - only a knowledge file inside the knowledge folder, by its real path — a symlink that leads out
 *   of the folder is refused, as the loader refuses it;
 * - only if the file's bytes are still those the live knowledge was loaded from (their SHA-256),
 *   checked again just before the new file takes its place, so an edit made on disk meanwhile is
 *   never overwritten;
 * - every byte of the file but the inserted ones kept, a byte-order mark and CRLF line ends
 *   included;
 * - atomically: the new content goes to a temporary file beside it, which is then renamed over it,
 *   so a reader (a reload on another shard) sees the old file or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, realpath, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { cleanAlternate, insertAlternate, type EditableTopic, type InsertRefusal } from './alternate-insert.js';
import { digestOf } from './cache.js';
import { decodeKnowledgeText, isInside, kindOf, MAX_FILE_BYTES } from './files.js';

export type { EditableTopic } from './alternate-insert.js';

export interface AlternateEdit {
	knowledgeDir: string;
	/** The file holding the topic, relative to the knowledge folder (a document's `file`). */
	file: string;
	topic: EditableTopic;
	/** The question to add, as asked (whitespace is collapsed to single spaces). */
	question: string;
	/**
	 * SHA-256 (hex) of the bytes the live knowledge was loaded from
	 * (KnowledgeService.fileDigest); the edit is refused if the file no longer has them.
	 */
	expectedDigest: string | undefined;
}

export type EditRefusal = InsertRefusal | 'outside' | 'unreadable' | 'changed' | 'write-failed';

export type EditResult =
	| {
			ok: true;
			file: string;
			/** One line for a person: what was added where. */
			summary: string;
			/** A unified diff of the change (a few lines of context), for the moderator. */
			diff: string;
			/** SHA-256 of the new content. */
			digest: string;
	  }
	| { ok: false; reason: EditRefusal; message: string };

type EditRefused = Extract<EditResult, { ok: false }>;

const refuse = (reason: EditRefusal, message: string): EditRefused => ({ ok: false, reason, message });

function errorCode(error: unknown): string | undefined {
	return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** The real path of `file` under `knowledgeDir`, or why it may not be written. */
async function locate(knowledgeDir: string, file: string): Promise<{ realPath: string } | { problem: string }> {
	if (path.isAbsolute(file) || file.split(/[\\/]/).includes('..'))
		return { problem: `${file} is not a path inside the knowledge folder` };
	let root: string;
	let real: string;
	try {
		root = await realpath(knowledgeDir);
		real = await realpath(path.join(root, file));
	} catch (error) {
		return { problem: `cannot find ${file} in the knowledge folder (${errorCode(error) ?? String(error)})` };
	}
	if (!isInside(root, real)) return { problem: `${file} leads outside the knowledge folder` };
	return { realPath: real };
}

/** A regular file's bytes (never through a symlink swapped in since it was resolved). */
async function readBytes(realPath: string): Promise<{ bytes: Buffer; mode: number }> {
	const handle = await open(realPath, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
	try {
		const info = await handle.stat();
		if (!info.isFile()) throw new Error('not a regular file');
		if (info.size > MAX_FILE_BYTES) throw new Error('larger than a knowledge file may be');
		return { bytes: await handle.readFile(), mode: info.mode & 0o777 };
	} finally {
		await handle.close();
	}
}

/**
 * Maps offsets of the loader's text (no byte-order mark, `\n` line ends) to offsets of the file's
 * own text, and gives the line end the file uses there.
 */
function rawOffset(raw: string, normalizedOffset: number): number {
	let rawIndex = raw.startsWith('\uFEFF') ? 1 : 0;
	for (let seen = 0; seen < normalizedOffset; seen++) {
		if (raw[rawIndex] === '\r') rawIndex += raw[rawIndex + 1] === '\n' ? 2 : 1;
		else rawIndex++;
	}
	return rawIndex;
}

/** `\r\n` when the file's lines end that way (its first line end decides), else `\n`. */
function lineEndOf(raw: string): string {
	const first = raw.indexOf('\n');
	return first > 0 && raw[first - 1] === '\r' ? '\r\n' : '\n';
}

/** A unified diff of one contiguous change between two texts, with `context` lines around it. */
export function unifiedDiff(file: string, before: string, after: string, context = 2): string {
	const a = before.split('\n');
	const b = after.split('\n');
	let head = 0;
	while (head < a.length && head < b.length && a[head] === b[head]) head++;
	let tail = 0;
	while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
	const from = Math.max(0, head - context);
	const aEnd = Math.min(a.length, a.length - tail + context);
	const bEnd = Math.min(b.length, b.length - tail + context);
	const lines = [
		`--- a/${file}`,
		`+++ b/${file}`,
		`@@ -${from + 1},${aEnd - from} +${from + 1},${bEnd - from} @@`,
		...a.slice(from, head).map((line) => ` ${line}`),
		...a.slice(head, a.length - tail).map((line) => `-${line}`),
		...b.slice(head, b.length - tail).map((line) => `+${line}`),
		...b.slice(b.length - tail, bEnd).map((line) => ` ${line}`),
	];
	return lines.join('\n');
}

interface PreparedEdit {
	realPath: string;
	original: { bytes: Buffer; mode: number };
	newBytes: Buffer;
	done: Extract<EditResult, { ok: true }>;
}

/** Everything but the write: where, the checks, the new bytes and what to tell the moderator. */
async function prepare(edit: AlternateEdit): Promise<PreparedEdit | EditRefused> {
	const kind = kindOf(edit.file);
	if (kind !== 'markdown' && kind !== 'faq-list')
		return refuse('outside', `${edit.file} is not a Markdown, YAML or JSON knowledge file.`);
	const located = await locate(edit.knowledgeDir, edit.file);
	if ('problem' in located) return refuse('outside', `${located.problem}; nothing was written.`);

	let original: { bytes: Buffer; mode: number };
	try {
		original = await readBytes(located.realPath);
	} catch (error) {
		return refuse('unreadable', `cannot read ${edit.file}: ${error instanceof Error ? error.message : String(error)}.`);
	}
	if (edit.expectedDigest === undefined || digestOf(original.bytes) !== edit.expectedDigest)
		return refuse('changed', changedMessage(edit.file));

	const decoded = decodeKnowledgeText({ path: edit.file }, original.bytes);
	if (!decoded.ok) return refuse('unparseable', `${edit.file} ${decoded.problem.message}; it was left untouched.`);
	const inserted = insertAlternate(edit.file, kind, decoded.text, edit.topic, edit.question);
	if (!inserted.ok) return inserted;

	const raw = new TextDecoder('utf-8', { ignoreBOM: true }).decode(original.bytes);
	const at = rawOffset(raw, inserted.offset);
	const newRaw = raw.slice(0, at) + inserted.inserted.replaceAll('\n', lineEndOf(raw)) + raw.slice(at);
	const newBytes = Buffer.from(newRaw, 'utf8');
	// The mapping back to the file's own bytes must give exactly the validated text.
	const check = decodeKnowledgeText({ path: edit.file }, newBytes);
	if (!check.ok || check.text !== inserted.text)
		return refuse('would-not-validate', `cannot keep ${edit.file}'s other bytes as they are; add the alternate by hand.`);

	const what = edit.topic.kind === 'faq' ? 'FAQ entry' : 'section';
	return {
		realPath: located.realPath,
		original,
		newBytes,
		done: {
			ok: true,
			file: edit.file,
			summary: `Added an alternate to the ${what} '${edit.topic.title}' in ${edit.file}: ${cleanAlternate(edit.question)}`,
			diff: unifiedDiff(edit.file, decoded.text, inserted.text),
			digest: digestOf(newBytes),
		},
	};
}

const changedMessage = (file: string) =>
	`${file} changed on disk since the knowledge was loaded, so nothing was written — run /reload, then try again.`;

/**
 * What {@link addAlternate} would do, every check included, without writing: for a host that has
 * the edit applied elsewhere (by its shard manager, for every host) and shows the moderator the diff.
 */
export async function previewAlternate(edit: AlternateEdit): Promise<EditResult> {
	const prepared = await prepare(edit);
	return 'done' in prepared ? prepared.done : prepared;
}

/** Adds `edit.question` as an alternate of `edit.topic` in `edit.file`; see the module comment. */
export async function addAlternate(edit: AlternateEdit): Promise<EditResult> {
	const prepared = await prepare(edit);
	if (!('done' in prepared)) return prepared;
	const { realPath, original, newBytes } = prepared;

	const directory = path.dirname(realPath);
	const temporary = path.join(directory, `.${path.basename(realPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	try {
		const handle = await open(temporary, 'wx', original.mode);
		try {
			await handle.writeFile(newBytes);
			await handle.sync();
		} finally {
			await handle.close();
		}
		// Last look before replacing it: an edit saved on disk meanwhile wins.
		const current = await readBytes(realPath);
		if (!current.bytes.equals(original.bytes)) {
			await rm(temporary, { force: true });
			return refuse('changed', changedMessage(edit.file));
		}
		await rename(temporary, realPath);
	} catch (error) {
		await rm(temporary, { force: true });
		return refuse('write-failed', `cannot write ${edit.file}: ${errorCode(error) ?? String(error)}; nothing was changed.`);
	}
	await syncDirectory(directory);
	return prepared.done;
}

/** Makes the rename itself durable; not every file system lets a folder be synced, which is fine. */
async function syncDirectory(directory: string): Promise<void> {
	try {
		const handle = await open(directory, constants.O_RDONLY);
		try {
			await handle.sync();
		} finally {
			await handle.close();
		}
	} catch {
		// The rename has happened; only its durability across a power cut is left to the OS.
	}
}
