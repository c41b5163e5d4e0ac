/** Identifiers derived from headings, questions and file names. */

/** What a document id may look like: lowercase letters, digits and `-`. */
export const DOCUMENT_ID_PATTERN = /^[a-z0-9-]+$/;

/**
 * A stable, URL-friendly id for a heading or question: lowercase, accents removed, apostrophes
 * dropped, every other run of non-letters/digits turned into one `-`. Letters of any script are
 * kept, so non-English headings still get distinct ids. May be empty (e.g. for `?!`).
 */
export function slugify(text: string): string {
	return asciiSlug(text) ?? slugifyFully(text);
}

/** The reference behaviour of {@link slugify}; `asciiSlug` must give exactly what this gives. */
export function slugifyFully(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/['’‘`]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-+|-+$/g, '');
}

const APOSTROPHE = 0x27;
const BACKTICK = 0x60;

/**
 * {@link slugifyFully} in one pass, for ASCII text (undefined for any other): there NFKD and the
 * mark removal change nothing, lower-casing is A-Z only, and letters and digits are [a-z0-9]. Slugs
 * are taken of every FAQ question when a document is stored (stored-faq.ts), where the regular
 * expressions took a tenth of a second per 100,000 questions.
 */
function asciiSlug(text: string): string | undefined {
	let slug = '';
	/** A run of other characters since the last letter or digit: one '-' if another follows. */
	let separated = false;
	for (let i = 0; i < text.length; i++) {
		let code = text.charCodeAt(i);
		if (code >= 0x80) return undefined;
		// Apostrophes are dropped before runs of other characters become '-': "can't" is "cant".
		if (code === APOSTROPHE || code === BACKTICK) continue;
		if (code >= 0x41 && code <= 0x5a) code += 0x20;
		if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
			if (separated && slug !== '') slug += '-';
			separated = false;
			slug += String.fromCharCode(code);
		} else {
			separated = true;
		}
	}
	return slug;
}
