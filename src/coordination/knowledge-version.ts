/**
 * A knowledge folder's version: one SHA-256 over every knowledge file's path and content, so two
 * hosts with byte-identical folders report the same version and any difference (a file edited,
 * added, removed or renamed on one host only) gives another. File hashes are the loader's own
 * (`digestOf`), so an edit's "hash before" is the same number the loader and the editor see.
 */
import { createHash } from 'node:crypto';
import { digestOf } from '../knowledge/cache.js';
import { listKnowledgeFiles, readKnowledgeBytes } from '../knowledge/files.js';

export interface FileDigest {
	/** Relative to the knowledge folder, `/`-separated. */
	path: string;
	/** SHA-256 of the file's bytes, hex. */
	digest: string;
}

/** The version of a set of files, whatever order they come in. */
export function knowledgeVersion(files: Iterable<FileDigest>): string {
	const lines = [...files].map((file) => `${file.path}\0${file.digest}\n`).sort();
	const hash = createHash('sha256');
	for (const line of lines) hash.update(line);
	return hash.digest('hex');
}

/** The version of what is in `directory` now (every file the loader would read; unreadable ones by name). */
export async function knowledgeFolderVersion(directory: string): Promise<string> {
	const listing = await listKnowledgeFiles(directory);
	const files: FileDigest[] = [];
	for (const file of listing.files) {
		const read = await readKnowledgeBytes(file);
		files.push({ path: file.path, digest: read.ok ? digestOf(read.bytes) : 'unreadable' });
	}
	return knowledgeVersion(files);
}

/** A file's hash as an edit's `beforeHash` carries it. */
export { digestOf as contentHash };
