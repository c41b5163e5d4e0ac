/**
 * What a knowledge folder on disk should be served as: the version KnowledgeService gives once it
 * has loaded these files (a digest over each file's path and the loader's own hash of its bytes),
 * computed without loading them, so tests can say which version each host must report.
 */
import { knowledgeVersion } from '../../src/answer/service.js';
import { digestOf } from '../../src/knowledge/cache.js';
import { listKnowledgeFiles, readKnowledgeBytes } from '../../src/knowledge/files.js';

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
