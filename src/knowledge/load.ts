/**
 * Loads the knowledge folder: lists and reads the files, parses each with its loader, and checks
 * what only the whole folder can show (duplicate document ids). Never throws for bad input — a
 * broken file becomes problems and is left out, the rest still loads.
 */
import { parseFaqList } from './faq-list.js';
import { listKnowledgeFiles, readKnowledgeFile, type KnowledgeFile } from './files.js';
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

async function loadFile(
	file: KnowledgeFile,
): Promise<{ parsed?: ParsedDocument; synonyms?: string[][]; problems: KnowledgeProblem[] }> {
	const read = await readKnowledgeFile(file);
	if (!read.ok) return { problems: [read.problem] };
	switch (file.kind) {
		case 'markdown': {
			const parsed = parseMarkdownDocument(file.path, read.text);
			return { parsed, problems: parsed.problems };
		}
		case 'faq-list': {
			const parsed = parseFaqList(file.path, read.text);
			return { parsed, problems: parsed.problems };
		}
		case 'synonyms':
			return parseSynonymsFile(file.path, read.text);
	}
}

/**
 * Loads every knowledge file under `directory`. Files with problems are left out of
 * `knowledge`; `problems` lists everything found, by file and then line.
 */
export async function loadKnowledge(directory: string): Promise<LoadResult> {
	const listing = await listKnowledgeFiles(directory);
	const files: LoadedFile[] = [];
	const synonyms: string[][] = [];

	for (const file of listing.files) {
		const loaded = await loadFile(file);
		files.push({ ...loaded.parsed, file: file.path, problems: [...loaded.problems] });
		if (loaded.synonyms) synonyms.push(...loaded.synonyms);
	}

	const documents = withoutDuplicateIds(files);
	const problems = [...listing.problems, ...files.flatMap((file) => file.problems)].sort(byFile);
	return { knowledge: { documents, synonyms }, problems };
}
