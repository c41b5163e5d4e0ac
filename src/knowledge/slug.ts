/** Identifiers derived from headings, questions and file names. */

/** What a document id may look like: lowercase letters, digits and `-`. */
export const DOCUMENT_ID_PATTERN = /^[a-z0-9-]+$/;

/**
 * A stable, URL-friendly id for a heading or question: lowercase, accents removed, apostrophes
 * dropped, every other run of non-letters/digits turned into one `-`. Letters of any script are
 * kept, so non-English headings still get distinct ids. May be empty (e.g. for `?!`).
 */
export function slugify(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/['’‘`]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-+|-+$/g, '');
}
