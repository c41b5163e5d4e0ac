/**
 * Finds the knowledge files and reads them safely. Nothing here throws for bad input: every
 * unreadable, oversized, binary, non-UTF-8 or escaping file becomes a problem instead.
 */
import { constants, type Dirent, type Stats } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { KnowledgeProblem } from './types.js';

/** Files larger than this are rejected unread. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** The root-level file with knowledge-base-wide synonym groups. */
export const SYNONYMS_FILE = '_synonyms.yaml';

export type KnowledgeFileKind = 'markdown' | 'faq-list' | 'synonyms';

export interface KnowledgeFile {
	/** Relative to the knowledge folder, with `/` separators. */
	path: string;
	/** The resolved (symlink-free) location to read. */
	realPath: string;
	kind: KnowledgeFileKind;
}

export interface FileListing {
	files: KnowledgeFile[];
	problems: KnowledgeProblem[];
}

export type ReadResult = { ok: true; text: string } | { ok: false; problem: KnowledgeProblem };

export type BytesResult = { ok: true; bytes: Buffer } | { ok: false; problem: KnowledgeProblem };

/** Which loader handles a file, by its path relative to the knowledge folder; undefined = not a knowledge file. */
export function kindOf(relativePath: string): KnowledgeFileKind | undefined {
	const name = path.posix.basename(relativePath);
	const extension = path.posix.extname(name).toLowerCase();
	if (extension === '.md') return 'markdown';
	if (extension !== '.yaml' && extension !== '.yml' && extension !== '.json') return undefined;
	if (relativePath === SYNONYMS_FILE) return 'synonyms';
	return name.startsWith('_') ? undefined : 'faq-list';
}

function errorCode(error: unknown): string | undefined {
	return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function describeError(error: unknown): string {
	const code = errorCode(error);
	if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
	if (code === 'ENOENT') return 'it no longer exists';
	if (code === 'ELOOP') return 'it is a symlink (symlinks are only followed while listing the folder)';
	return code ?? (error instanceof Error ? error.message : String(error));
}

export function isInside(root: string, target: string): boolean {
	const relative = path.relative(root, target);
	const escapes = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
	return !escapes;
}

/**
 * Why a FIFO, socket or device named like a knowledge file (or linked as one) is skipped. Opening a
 * FIFO blocks until something writes to it, which hung the whole load.
 */
const NOT_A_REGULAR_FILE = 'is not a regular file (a pipe, socket or device) — skipped; only regular files are loaded';

function byName(a: Dirent, b: Dirent): number {
	return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * Lists the knowledge files under `directory`, recursively, in a stable sorted order. Hidden
 * entries (starting with `.`) and other extensions are skipped; symlinks are followed only when
 * they resolve inside the folder.
 */
export async function listKnowledgeFiles(directory: string): Promise<FileListing> {
	const files: KnowledgeFile[] = [];
	const problems: KnowledgeProblem[] = [];
	const root = path.resolve(directory);

	let rootReal: string;
	try {
		rootReal = await realpath(root);
		if (!(await stat(rootReal)).isDirectory()) {
			problems.push({ file: '.', message: `the knowledge folder ${root} is not a folder` });
			return { files, problems };
		}
	} catch (error) {
		const message =
			errorCode(error) === 'ENOENT'
				? `the knowledge folder ${root} does not exist — create it or point to another folder`
				: `cannot open the knowledge folder ${root}: ${describeError(error)}`;
		problems.push({ file: '.', message });
		return { files, problems };
	}

	const visited = new Set<string>([rootReal]);

	/** `directoryPath` is always a real (symlink-free) path, so every plain entry in it is too. */
	async function walk(directoryPath: string, relativeDirectory: string): Promise<void> {
		let entries: Dirent[];
		try {
			entries = await readdir(directoryPath, { withFileTypes: true });
		} catch (error) {
			problems.push({
				file: relativeDirectory || '.',
				message: `cannot read this folder: ${describeError(error)}`,
			});
			return;
		}
		entries.sort(byName);
		for (const entry of entries) {
			if (entry.name.startsWith('.')) continue;
			const relativePath = relativeDirectory ? `${relativeDirectory}/${entry.name}` : entry.name;
			const entryPath = path.join(directoryPath, entry.name);
			const kind = kindOf(relativePath);

			if (entry.isSymbolicLink()) {
				let target: string;
				try {
					target = await realpath(entryPath);
				} catch {
					if (kind) {
						problems.push({
							file: relativePath,
							message: 'is a broken symlink — point it at an existing file or remove it',
						});
					}
					continue;
				}
				let targetInfo: Stats;
				try {
					targetInfo = await stat(target);
				} catch (error) {
					if (kind) problems.push({ file: relativePath, message: `cannot read: ${describeError(error)}` });
					continue;
				}
				const isDirectory = targetInfo.isDirectory();
				if (!kind && !isDirectory) continue;
				if (!isDirectory && !targetInfo.isFile()) {
					problems.push({ file: relativePath, message: NOT_A_REGULAR_FILE });
					continue;
				}
				if (!isInside(rootReal, target)) {
					problems.push({
						file: relativePath,
						message:
							'is a symlink that points outside the knowledge folder — copy the file into the folder instead',
					});
					continue;
				}
				if (isDirectory) {
					if (visited.has(target)) continue;
					visited.add(target);
					await walk(target, relativePath);
				} else if (kind) {
					files.push({ path: relativePath, realPath: target, kind });
				}
				continue;
			}

			if (entry.isDirectory()) {
				if (visited.has(entryPath)) continue;
				visited.add(entryPath);
				await walk(entryPath, relativePath);
			} else if (kind) {
				if (entry.isFile()) files.push({ path: relativePath, realPath: entryPath, kind });
				else problems.push({ file: relativePath, message: NOT_A_REGULAR_FILE });
			}
		}
	}

	await walk(rootReal, '');
	return { files, problems };
}

function formatMiB(bytes: number): string {
	return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * Reads a knowledge file's bytes. Rejects (as a problem, never a throw) anything that is not a
 * regular file, a symlink swapped in since the listing, and files over {@link MAX_FILE_BYTES}.
 *
 * With `scratch` (at least `MAX_FILE_BYTES + 1` long), the file is read into it and `bytes` is a
 * view of it, valid until `scratch` is used again. A loader reading one file after another passes
 * the same scratch buffer every time: a fresh 1 MiB buffer per file makes V8 run a full garbage
 * collection every few files, which costs more than the reading.
 */
export async function readKnowledgeBytes(file: KnowledgeFile, scratch?: Buffer): Promise<BytesResult> {
	const reject = (message: string): BytesResult => ({ ok: false, problem: { file: file.path, message } });
	let handle;
	try {
		// O_NOFOLLOW: the listing resolved every symlink, so a symlink here means the file was swapped since.
		// O_NONBLOCK: opening a FIFO swapped in since then must not wait for a writer; the stat below
		// refuses it. Reads of a regular file ignore the flag.
		handle = await open(
			file.realPath,
			constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0),
		);
	} catch (error) {
		return reject(`cannot read: ${describeError(error)}`);
	}
	try {
		const info = await handle.stat();
		if (!info.isFile()) return reject('is not a regular file');
		if (info.size > MAX_FILE_BYTES) {
			return reject(
				`is too large (${formatMiB(info.size)}; the limit is ${formatMiB(MAX_FILE_BYTES)}) — split it into smaller files`,
			);
		}
		// Read at most one byte past the limit, in case the file grew since stat(). Unzeroed: only the
		// bytes actually read are ever looked at.
		const buffer =
			scratch && scratch.length > MAX_FILE_BYTES
				? scratch.subarray(0, MAX_FILE_BYTES + 1)
				: Buffer.allocUnsafe(MAX_FILE_BYTES + 1);
		let length = 0;
		for (;;) {
			const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
			if (bytesRead === 0) break;
			length += bytesRead;
			if (length === buffer.length) break;
		}
		if (length > MAX_FILE_BYTES) {
			return reject(`is too large (the limit is ${formatMiB(MAX_FILE_BYTES)}) — split it into smaller files`);
		}
		return { ok: true, bytes: buffer.subarray(0, length) };
	} catch (error) {
		return reject(`cannot read: ${describeError(error)}`);
	} finally {
		await handle.close().catch(() => undefined);
	}
}

/**
 * Decodes a knowledge file's bytes as UTF-8 text with `\n` line ends. Rejects (as a problem, never
 * a throw) bytes with NUL bytes and bytes that are not valid UTF-8. Depends on nothing but `bytes`.
 */
export function decodeKnowledgeText(file: Pick<KnowledgeFile, 'path'>, bytes: Uint8Array): ReadResult {
	const reject = (message: string): ReadResult => ({ ok: false, problem: { file: file.path, message } });
	if (bytes.includes(0)) {
		return reject('looks like a binary file (it contains NUL bytes) — knowledge files must be UTF-8 text');
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return reject('is not valid UTF-8 text — save it with UTF-8 encoding');
	}
	return { ok: true, text: text.replace(/\r\n?/g, '\n') };
}
