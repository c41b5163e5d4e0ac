/**
 * Loads the knowledge folder: lists and reads the files, parses each with its loader, and checks
 * what only the whole folder can show (duplicate document ids). Never throws for bad input — a
 * broken file becomes problems and is left out, the rest still loads.
 */
import { availableParallelism } from 'node:os';
import { setImmediate } from 'node:timers/promises';
import { digestOf, type KnowledgeCache, type ParsedFile } from './cache.js';
import { listKnowledgeFiles, MAX_FILE_BYTES, readKnowledgeBytes, type KnowledgeFile } from './files.js';
import { storeOutcome } from './outcome-faq.js';
import type { ParseOutcome } from './parse-file.js';
import { DEFAULT_PARSE_TIME_LIMIT_MS, ParsePool } from './parse-pool.js';
import type { ParsedDocument } from './parsed.js';
import { loadParsers } from './parsers.js';
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
 * The line of a file's `id:` when it was read without positions: the file is read and parsed
 * again, with them. Only a duplicate id needs it, so the cost is paid by an error report.
 */
async function readIdLine(file: KnowledgeFile, scratch: Buffer): Promise<number | undefined> {
	const read = await readKnowledgeBytes(file, scratch);
	if (!read.ok) return undefined;
	return (await loadParsers()).declaredIdLine(file, read.bytes);
}

/**
 * Reports every file whose document id another file also uses (naming the other files), even
 * when either file has other problems; returns the documents that loaded and have a unique id.
 */
async function withoutDuplicateIds(
	files: LoadedFile[],
	idLine: (entry: LoadedFile) => Promise<number | undefined>,
): Promise<KnowledgeDocument[]> {
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
			const line = entry.idLineUnread ? await idLine(entry) : entry.idLine;
			insertByLine(entry.problems, {
				file: entry.file,
				...(line === undefined ? {} : { line }),
				field: 'id',
				message: `duplicate document id '${entry.id}' — also used by ${others.join(', ')}; give each document its own id`,
			});
		} else if (entry.document && entry.problems.length === 0) {
			documents.push(entry.document);
		}
	}
	return documents;
}

/** A file's outcome: its parse result, and the digest of its bytes when the result belongs in the cache. */
interface Loaded {
	result: ParsedFile;
	digest?: string;
}

/** A file that has to be parsed: its bytes were read (into a buffer of their own) and not found in the cache. */
interface ToParse {
	file: KnowledgeFile;
	bytes: Uint8Array;
	digest?: string;
}

/**
 * Reads one file. With a cache, a file whose bytes match the cached digest is neither decoded nor
 * parsed again: the cached result (the same objects) is what parsing would give. Otherwise the
 * file's bytes are copied out of `scratch`, to be parsed.
 */
async function readFile(
	file: KnowledgeFile,
	scratch: Buffer,
	cache: KnowledgeCache | undefined,
): Promise<{ loaded: Loaded } | { toParse: ToParse }> {
	const read = await readKnowledgeBytes(file, scratch);
	if (!read.ok) return { loaded: { result: { problems: [read.problem] } } };
	const digest = cache ? digestOf(read.bytes) : undefined;
	const cached = digest === undefined ? undefined : cache?.get(file.path, digest);
	if (cached) return { loaded: { result: cached, digest } };
	return { toParse: { file, bytes: new Uint8Array(read.bytes), ...(digest === undefined ? {} : { digest }) } };
}

/** `digest` stays only when the outcome is what the bytes parse to (see {@link ParseOutcome.cacheable}). */
function loaded(toParse: ToParse, outcome: ParseOutcome): Loaded {
	const { digest } = toParse;
	return outcome.cacheable && digest !== undefined ? { result: outcome.result, digest } : { result: outcome.result };
}

/** Parses a file in this thread. */
async function parsedHere(toParse: ToParse): Promise<Loaded> {
	const { parseKnowledgeBytes } = await loadParsers();
	return loaded(toParse, storeOutcome(parseKnowledgeBytes(toParse.file, toParse.bytes)));
}

/** Below this many bytes to parse (after cache hits), a load parses in its own thread; see {@link LoadOptions}. */
export const DEFAULT_WORKER_THRESHOLD = 64 * 1024;

/** What one Markdown line counts for towards the worker threshold, besides its bytes; see {@link thresholdBytes}. */
const MARKDOWN_LINE_BYTES = 64;

/**
 * FAQ lists (YAML, JSON) are read quickly (quick-yaml.ts; a 0.7 MiB list: ~20-30 ms warm, ~0.2 s
 * the first time in a process, against ~0.5-1 s with the positions parse), so their bytes count
 * a sixteenth towards the worker threshold: one list of up to the 1 MiB file limit, as a `/reload`
 * after editing it, parses in this thread instead of waiting for a worker to start (~0.2 s
 * compiled) and parse it cold. Other YAML (the synonyms file) still takes the positions parse,
 * about four times faster per byte than Markdown (a 247 KiB list: ~80 ms warm; 64 KiB of
 * Markdown: up to ~450 ms), so its bytes count a quarter.
 *
 * The Markdown parser's time goes by lines (blocks) more than by bytes: 64 KiB of one-character
 * paragraphs took seconds in this thread. So each Markdown line counts as {@link MARKDOWN_LINE_BYTES}
 * bytes more, which keeps a parse in this thread near 0.1 s whatever the shape of the text (the
 * 10 KiB, 200-line review counts 23 KiB and still parses here).
 */
function thresholdBytes(toParse: ToParse): number {
	const { bytes } = toParse;
	if (toParse.file.kind === 'faq-list') return bytes.length / 16;
	if (toParse.file.kind !== 'markdown') return bytes.length / 4;
	let lines = 0;
	for (let index = bytes.indexOf(0x0a); index !== -1; index = bytes.indexOf(0x0a, index + 1)) lines++;
	return bytes.length + lines * MARKDOWN_LINE_BYTES;
}

export interface LoadOptions {
	/** Reuses what unchanged files parsed to last time; see {@link KnowledgeCache}. */
	cache?: KnowledgeCache;
	/**
	 * Parse in worker threads once the files to parse (cache hits need none) add up to this many
	 * bytes (FAQ-list bytes count a sixteenth, see {@link thresholdBytes}); default {@link DEFAULT_WORKER_THRESHOLD}. Smaller loads parse in the calling thread,
	 * which is quicker than starting a worker. 0 = always in workers; Infinity = never, each file
	 * parsed as soon as it is read.
	 */
	workerThreshold?: number;
	/**
	 * How long one file may take to parse in a worker (default {@link DEFAULT_PARSE_TIME_LIMIT_MS});
	 * a file that takes longer is left out with a problem. Files parsed in the calling thread have no limit.
	 */
	parseTimeLimitMs?: number;
	/** At most this many parse workers; default `min(2, os.availableParallelism())`. */
	parseWorkers?: number;
}

/**
 * Loads every knowledge file under `directory`. Files with problems are left out of
 * `knowledge`; `problems` lists everything found, by file and then line. With `options.cache`,
 * unchanged files are not parsed again and keep their document objects.
 */
export async function loadKnowledge(directory: string, options: LoadOptions = {}): Promise<LoadResult> {
	const { cache } = options;
	const threshold = options.workerThreshold ?? DEFAULT_WORKER_THRESHOLD;
	const workers = Math.max(1, options.parseWorkers ?? Math.min(2, availableParallelism()));
	const listing = await listKnowledgeFiles(directory);

	/** Each listed file's outcome, in listing order (pending while a worker parses it). */
	const outcomes: Promise<Loaded>[] = [];
	/** The files to parse, held until the load knows whether they reach the worker threshold. */
	const held: { index: number; toParse: ToParse }[] = [];
	let heldBytes = 0;
	let pool: ParsePool | undefined;
	/** What a parser threw in a worker: the load fails with it once the pool is closed, as it would in this thread. */
	const thrown: unknown[] = [];
	const inPool = (parsePool: ParsePool, toParse: ToParse): Promise<Loaded> =>
		parsePool.parse(toParse.file, toParse.bytes).then(
			(outcome) => loaded(toParse, outcome),
			(error: unknown) => {
				thrown.push(error);
				return { result: { problems: [] } };
			},
		);

	let results: Loaded[];
	// One read buffer for the whole load: the files are read one after another, and the bytes of
	// each file to parse are copied out of it (to be held, or moved to a worker).
	const scratch = Buffer.allocUnsafe(MAX_FILE_BYTES + 1);
	try {
		for (const [index, file] of listing.files.entries()) {
			// Keep only a little ahead of the workers: the bytes waiting for one are held in memory.
			if (pool) await pool.whenQueuedBelow(2 * workers);
			const read = await readFile(file, scratch, cache);
			if ('loaded' in read) {
				outcomes[index] = Promise.resolve(read.loaded);
			} else if (pool) {
				outcomes[index] = inPool(pool, read.toParse);
			} else if (threshold === Number.POSITIVE_INFINITY) {
				outcomes[index] = Promise.resolve(await parsedHere(read.toParse));
			} else {
				held.push({ index, toParse: read.toParse });
				heldBytes += thresholdBytes(read.toParse);
				if (heldBytes >= threshold) {
					pool = new ParsePool({
						workers,
						timeLimitMs: options.parseTimeLimitMs ?? DEFAULT_PARSE_TIME_LIMIT_MS,
					});
					for (const { index, toParse } of held.splice(0)) outcomes[index] = inPool(pool, toParse);
				}
			}
		}
		// Too little to parse for a worker to pay off: parse here, one file per event-loop turn.
		for (const [position, { index, toParse }] of held.entries()) {
			if (position > 0) await setImmediate();
			outcomes[index] = Promise.resolve(await parsedHere(toParse));
		}
		results = await Promise.all(outcomes);
	} finally {
		await pool?.close();
	}
	if (thrown.length > 0) throw thrown[0];

	const files: LoadedFile[] = [];
	const synonyms: string[][] = [];
	/** The files whose parse result the cache keeps: every file still here that could be read and parsed. */
	const cached = new Set<string>();
	listing.files.forEach((file, index) => {
		const { result, digest } = results[index]!;
		if (cache && digest !== undefined) {
			cache.set(file.path, digest, result);
			cached.add(file.path);
		}
		// A fresh problems list: the duplicate-id check adds to it, and the cached one must not change.
		files.push({ ...result.parsed, file: file.path, problems: [...result.problems] });
		if (result.synonyms) synonyms.push(...result.synonyms);
	});
	cache?.retainOnly(cached);

	const listed = new Map(listing.files.map((file) => [file.path, file]));
	const documents = await withoutDuplicateIds(files, (entry) => readIdLine(listed.get(entry.file)!, scratch));
	const problems = [...listing.problems, ...files.flatMap((file) => file.problems)].sort(byFile);
	return { knowledge: { documents, synonyms }, problems };
}
