import { DOCUMENT_ID_PATTERN } from './slug.js';
import type { KnowledgeDocument, KnowledgeProblem } from './types.js';
import { locate, type YamlSource } from './yaml.js';

/** What a document parser returns: the document only when the file has no problems. */
export interface ParsedDocument {
	document?: KnowledgeDocument;
	/** The document's id when it can be told, even if the file has other problems (for duplicate checks). */
	id?: string;
	/** The line of an explicit `id:`, so a duplicate-id problem can point at it. */
	idLine?: number;
	/**
	 * Set when the file declares `id:` but was read without positions (quick-yaml.ts): the loader
	 * finds the line again only if it is needed, for a duplicate id.
	 */
	idLineUnread?: true;
	problems: KnowledgeProblem[];
}

/** The file name without its folder and extension: the default document id. */
export function defaultId(file: string): string {
	const name = file.slice(file.lastIndexOf('/') + 1);
	const dot = name.lastIndexOf('.');
	return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * The id a file declares (or defaults to), read from the raw YAML value before validation, so a
 * clash between two ids is reported even while one file has other problems. Without `source`
 * (a quick read) the line of an explicit id is left for later.
 */
export function declaredId(
	file: string,
	value: unknown,
	source?: YamlSource,
): Pick<ParsedDocument, 'id' | 'idLine' | 'idLineUnread'> {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
	const id: unknown = (value as Record<string, unknown>).id;
	if (id === undefined) {
		const fallback = defaultId(file);
		return DOCUMENT_ID_PATTERN.test(fallback) ? { id: fallback } : {};
	}
	if (typeof id !== 'string' || !DOCUMENT_ID_PATTERN.test(id)) return {};
	if (!source) return { id, idLineUnread: true };
	const { line } = locate(source, ['id']);
	return { id, ...(line === undefined ? {} : { idLine: line }) };
}
