/**
 * Questions are stored as typed, byte for byte — but neither database takes every JavaScript
 * string: PostgreSQL's text refuses NUL, and a lone surrogate has no UTF-8 form, so SQLite would
 * store U+FFFD in its place. Those (and the escape character itself) are escaped; any other text
 * is stored unchanged, so the column stays readable.
 */

// NUL is what PostgreSQL refuses.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\\\u0000]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPED = /\\(\\|0|u[0-9a-f]{4})/g;

export function encodeText(text: string): string {
	return text.replace(NEEDS_ESCAPE, (char) =>
		char === '\\'
			? '\\\\'
			: char === '\u0000'
				? '\\0'
				: `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}

export function decodeText(stored: string): string {
	return stored.replace(ESCAPED, (_, code: string) =>
		code === '\\' ? '\\' : code === '0' ? '\u0000' : String.fromCharCode(Number.parseInt(code.slice(1), 16)),
	);
}
