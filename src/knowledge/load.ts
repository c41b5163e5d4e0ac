/**
 * Loads the knowledge folder: lists and reads the files, parses each with its loader, and checks
 * what only the whole folder can show (duplicate document ids). Never throws for bad input — a
 * broken file becomes problems and is left out, the rest still loads.
 */
import { parseFaqList } from './faq-list.js';
import { digestOf, type KnowledgeCache, type ParsedFile } from './cache.js';
import {
	decodeKnowledgeText,
	listKnowledgeFiles,
	MAX_FILE_BYTES,
	readKnowledgeBytes,
	type KnowledgeFile,
} from './files.js';
import { parseMarkdownDocument } from './markdown.js';
import type { ParsedDocument } from './parsed.js';
import { parseSynonymsFile } from './synonyms-file.js';
import type { KnowledgeDocument, KnowledgeProblem, LoadResult } from './types.js';

type LoadedFile = ParsedDocument & { file: string };

/** Groups problems by file; each parser already orders its own file's problems. */
function byFile(a: KnowledgeProblem, b: KnowledgeProblem): number {
	return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** Adds a problem to a file's list, keeping that list in line order. */
function insertByLine(problems: KnowledgeProblem[], problem: KnowledgeProblem): void {
	const line = problem.line ?? 0;
	const index = problems.findIndex((other) => (other.line ?? 0) > line);
	problems.splice(index === -1 ? problems.length : index, 0, problem);
}

/**
 * Reports every file whose document id another file also uses (naming the other files), even
 * when either file has other problems; returns the documents that loaded and have a unique id.
 */
function withoutDuplicateIds(files: LoadedFile[]): KnowledgeDocument[] {
	const filesById = new Map<string, string[]>();
	for (const entry of files) {
		if (entry.id === undefined) continue;
		filesById.set(entry.id, [...(filesById.get(entry.id) ?? []), entry.file]);
	}
	const documents: KnowledgeDocument[] = [];
	for (const entry of files) {
		const clashes = entry.id === undefined ? [] : (filesById.get(entry.id) ?? []);
		if (clashes.length > 1) {
			const others = clashes.filter((file) => file !== entry.file);
			insertByLine(entry.problems, {
				file: entry.file,
				...(entry.idLine === undefined ? {} : { line: entry.idLine }),
				field: 'id',
				message: `duplicate document id '${entry.id}' — also used by ${others.join(', ')}; give each document its own id`,
			});
		} else if (entry.document && entry.problems.length === 0) {
			documents.push(entry.document);
		}
	}
	return documents;
}

function parse(file: KnowledgeFile, text: string): ParsedFile {
	switch (file.kind) {
		case 'markdown': {
			const parsed = parseMarkdownDocument(file.path, text);
			return { parsed, problems: parsed.problems };
		}
		case 'faq-list': {
			const parsed = parseFaqList(file.path, text);
			return { parsed, problems: parsed.problems };
		}
		case 'synonyms':
			return parseSynonymsFile(file.path, text);
	}
}

/**
 * Reads and parses one file. With a cache, a file whose bytes match the cached digest is neither
 * decoded nor parsed again: the cached result (the same objects) is what parsing would give.
 * `digest` is set when the file was read and decoded, i.e. when its result belongs in the cache.
 */
async function loadFile(
	file: KnowledgeFile,
	scratch: Buffer,
	cache: KnowledgeCache | undefined,
): Promise<{ result: ParsedFile; digest?: string }> {
	const read = await readKnowledgeBytes(file, scratch);
	if (!read.ok) return { result: { problems: [read.problem] } };
	if (!cache) {
		const decoded = decodeKnowledgeText(file, read.bytes);
		return { result: decoded.ok ? parse(file, decoded.text) : { problems: [decoded.problem] } };
	}
	const digest = digestOf(read.bytes);
	const cached = cache.get(file.path, digest);
	if (cached) return { result: cached, digest };
	const decoded = decodeKnowledgeText(file, read.bytes);
	if (!decoded.ok) return { result: { problems: [decoded.problem] } };
	return { result: parse(file, decoded.text), digest };
}

export interface LoadOptions {
	/** Reuses what unchanged files parsed to last time; see {@link KnowledgeCache}. */
	cache?: KnowledgeCache;
}

/**
 * Loads every knowledge file under `directory`. Files with problems are left out of
 * `knowledge`; `problems` lists everything found, by file and then line. With `options.cache`,
 * unchanged files are not parsed again and keep their document objects.
 */
export async function loadKnowledge(directory: string, options: LoadOptions = {}): Promise<LoadResult> {
	const { cache } = options;
	const listing = await listKnowledgeFiles(directory);
	const files: LoadedFile[] = [];
	const synonyms: string[][] = [];
	/** The files whose parse result the cache keeps: every file still here that could be read. */
	const cached = new Set<string>();

	// One read buffer for the whole load: the files are read one after another, and each file's
	// bytes are hashed and decoded (copied into a string) before the next is read.
	const scratch = Buffer.allocUnsafe(MAX_FILE_BYTES + 1);
	for (const file of listing.files) {
		const { result, digest } = await loadFile(file, scratch, cache);
		if (cache && digest !== undefined) {
			cache.set(file.path, digest, result);
			cached.add(file.path);
		}
		// A fresh problems list: the duplicate-id check adds to it, and the cached one must not change.
		files.push({ ...result.parsed, file: file.path, problems: [...result.problems] });
		if (result.synonyms) synonyms.push(...result.synonyms);
	}
	cache?.retainOnly(cached);

	const documents = withoutDuplicateIds(files);
	const problems = [...listing.problems, ...files.flatMap((file) => file.problems)].sort(byFile);
	return { knowledge: { documents, synonyms }, problems };
}
