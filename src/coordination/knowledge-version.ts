/**
 * A knowledge folder's version: one SHA-256 over every knowledge file's path and content, so two
 * hosts with byte-identical folders report the same version and any difference (a file edited,
 * added, removed or renamed on one host only) gives another. File hashes are the loader's own
 * (`digestOf`), so an edit's "hash before" is the same number the loader and the editor see.
 */
import { knowledgeVersion } from '../answer/service.js';
import { digestOf } from '../knowledge/cache.js';
import { listKnowledgeFiles, readKnowledgeBytes } from '../knowledge/files.js';

/** The version of what is in `directory` now (every file the loader would read; unreadable ones by name). */
export async function knowledgeFolderVersion(directory: string): Promise<string> {
	const listing = await listKnowledgeFiles(directory);
	const digests = new Map<string, string>();
	for (const file of listing.files) {
		const read = await readKnowledgeBytes(file);
		digests.set(file.path, read.ok ? digestOf(read.bytes) : 'unreadable');
	}
	return knowledgeVersion(digests);
}

/** A file's hash as an edit's `beforeHash` carries it. */
export { digestOf as contentHash };
