/**
 * Parses one knowledge file from its bytes, with the loader for its kind. The same code runs in
 * the loading thread (small loads) and in the parse workers (large loads; see parse-pool.ts), so
 * both give the same result. Depends on nothing but the file's path, kind and bytes.
 */
import type { ParsedFile } from './cache.js';
import { parseFaqList, parseFaqListWithPositions } from './faq-list.js';
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

/**
 * Decodes a file's bytes as UTF-8 text and parses it; bytes that are not text are a problem. So is
 * a parser that throws: parsers report bad input as problems, so a throw is a bug or an input no
 * limit foresaw (a stack overflow), and it must cost that file, not the whole load — and with it
 * the bot's start or the old knowledge. Not cached: a stack overflow depends on the thread's stack
 * too, and the next load (perhaps with a fixed parser) should try again.
 */
export function parseKnowledgeBytes(file: ParseTarget, bytes: Uint8Array): ParseOutcome {
	const decoded = decodeKnowledgeText(file, bytes);
	if (!decoded.ok) return { result: { problems: [decoded.problem] }, cacheable: false };
	try {
		return { result: parseKnowledgeText(file, decoded.text), cacheable: true };
	} catch (error) {
		const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
		const message = `could not be parsed (${reason}) — simplify its formatting or split it into smaller files`;
		return { result: { problems: [{ file: file.path, message }] }, cacheable: false };
	}
}

/**
 * The line of the `id:` a FAQ list declares, for a file that was read quickly (without positions,
 * see quick-yaml.ts) and turns out to need it: its id is also another file's.
 */
export function declaredIdLine(file: ParseTarget, bytes: Uint8Array): number | undefined {
	const decoded = decodeKnowledgeText(file, bytes);
	if (!decoded.ok || file.kind !== 'faq-list') return undefined;
	return parseFaqListWithPositions(file.path, decoded.text).idLine;
}
