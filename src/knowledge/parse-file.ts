/**
 * Parses one knowledge file from its bytes, with the loader for its kind. The same code runs in
 * the loading thread (small loads) and in the parse workers (large loads; see parse-pool.ts), so
 * both give the same result. Depends on nothing but the file's path, kind and bytes.
 */
import type { ParsedFile } from './cache.js';
import { parseFaqList } from './faq-list.js';
import { decodeKnowledgeText, type KnowledgeFile } from './files.js';
import { parseMarkdownDocument } from './markdown.js';
import { parseSynonymsFile } from './synonyms-file.js';

/** What parsing needs to know about a file besides its bytes. */
export type ParseTarget = Pick<KnowledgeFile, 'path' | 'kind'>;

export interface ParseOutcome {
	result: ParsedFile;
	/**
	 * Whether `result` is what the file's bytes parse to, to be kept in the cache by their digest.
	 * False when the bytes are not text (that problem is cheap to find again), and for the time
	 * limit and a crashed worker (those depend on more than the bytes).
	 */
	cacheable: boolean;
}

/** Parses a file's decoded text. */
export function parseKnowledgeText(file: ParseTarget, text: string): ParsedFile {
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

/** Decodes a file's bytes as UTF-8 text and parses it; bytes that are not text are a problem. */
export function parseKnowledgeBytes(file: ParseTarget, bytes: Uint8Array): ParseOutcome {
	const decoded = decodeKnowledgeText(file, bytes);
	if (!decoded.ok) return { result: { problems: [decoded.problem] }, cacheable: false };
	return { result: parseKnowledgeText(file, decoded.text), cacheable: true };
}
