/**
 * Remembers what each knowledge file parsed to, by a digest of the file's bytes, so a reload only
 * parses the files that changed. Pass one cache to every `loadKnowledge(directory, { cache })` of
 * the same folder; without a cache the loader parses everything, as before.
 *
 * Identity is the contract: for a file whose bytes (and path) did not change, the loader returns
 * the very same `KnowledgeDocument` object (`===`) as the previous load with this cache. Later
 * layers may key their own work on that object (e.g. reuse a search index built for it), so
 * identity means "this document did not change". For that to hold, nothing may mutate a document,
 * or anything reachable from it, after parsing: treat documents as immutable. The same goes for the
 * cached synonym groups and problems, which the loader only copies into fresh lists.
 *
 * Correctness rests on the digest alone. A parse result depends only on the file's path relative to
 * the knowledge folder (its default id, its kind, the file named in problems) and its bytes; the
 * path is the key and the bytes are the digest, so a hit is exactly what parsing again would give.
 * So only parse results are kept: not the problem of a file that took too long to parse in a worker
 * (that depends on the machine, its load and the time limit too; the next load tries again), nor
 * one for bytes that are not text (cheap to find again). A result parsed in a worker is the copy
 * that reached the loader; it is stored once and handed out as is, like any other.
 */
import { createHash } from 'node:crypto';
import type { ParsedDocument } from './parsed.js';
import type { KnowledgeProblem } from './types.js';

/** What parsing one knowledge file gave: a document (or why not), or synonym groups, and its own problems. */
export interface ParsedFile {
	parsed?: ParsedDocument;
	synonyms?: string[][];
	problems: KnowledgeProblem[];
}

/** SHA-256 of a file's bytes, as hex. */
export function digestOf(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

interface Entry {
	digest: string;
	result: ParsedFile;
}

/** Parse results by file path (relative to the knowledge folder, as the loader reports it). */
export class KnowledgeCache {
	#entries = new Map<string, Entry>();

	/** How many files the cache holds a parse result for. */
	get size(): number {
		return this.#entries.size;
	}

	/** The parse result remembered for `file`, if its bytes had this digest then. */
	get(file: string, digest: string): ParsedFile | undefined {
		const entry = this.#entries.get(file);
		return entry?.digest === digest ? entry.result : undefined;
	}

	/** Remembers what `file` parsed to when its bytes had this digest. */
	set(file: string, digest: string, result: ParsedFile): void {
		this.#entries.set(file, { digest, result });
	}

	/** The digest of each file the cache holds a parse result for, by path: the files of the last load. */
	digests(): Map<string, string> {
		return new Map([...this.#entries].map(([file, entry]) => [file, entry.digest]));
	}

	/** Forgets every file not in `files`: those gone from the folder, or that could not be read. */
	retainOnly(files: ReadonlySet<string>): void {
		for (const file of this.#entries.keys()) {
			if (!files.has(file)) this.#entries.delete(file);
		}
	}
}
