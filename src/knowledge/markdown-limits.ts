/**
 * Limits checked on a Markdown body before it is parsed. The Markdown parser's time grows faster
 * than the text in a few shapes, and it runs on the thread that answers Discord for small loads,
 * so a body that could take it long is refused up front, with the line where it goes over.
 */

/** A line of the body (1-based) and why the body is refused there. */
export interface LimitProblem {
	line: number;
	message: string;
}

/**
 * The parser's time grows with the square of the number of list items, block quotes and setext
 * underlines (100 KB of one-line list items takes minutes), so a body with more than this many is
 * refused. Real documents have dozens.
 */
export const MAX_BLOCK_MARKERS = 1000;

/**
 * The parser's time also grows with the square of how deep lists and quotes are nested, and the
 * tree it builds is as deep: 2,000 list markers on one line (`- - - … x`, 4 KB) overflowed the call
 * stack, a list nested 250 deep by indentation took most of a second. Real documents nest a few
 * levels.
 */
export const MAX_NESTING_DEPTH = 16;

/** One `>` or list marker (`-`, `*`, `+`, `1.`, `1)` followed by a space or the line end), and the spaces after it. */
const CONTAINER_MARKER = /(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))[ \t]*/y;
const SETEXT_UNDERLINE = /^(?:=+|-+)[ \t]*$/;

/** The columns a line's leading spaces and tabs take (a tab goes to the next multiple of 4). */
function indentColumns(line: string): { columns: number; length: number } {
	let columns = 0;
	let length = 0;
	for (; length < line.length; length++) {
		if (line[length] === ' ') columns++;
		else if (line[length] === '\t') columns += 4 - (columns % 4);
		else break;
	}
	return { columns, length };
}

/**
 * Every quote and list marker that opens the line (`> - 1. x` has three), and what follows them.
 * Counting only the first one let `- - - - …` through, however long. Stops one past the deepest
 * allowed nesting, which refuses the line anyway, so a long line costs no more than a short one.
 */
function containerMarkers(line: string, from: number): { markers: number; rest: string } {
	let markers = 0;
	CONTAINER_MARKER.lastIndex = from;
	let end = from;
	while (markers <= MAX_NESTING_DEPTH && CONTAINER_MARKER.test(line)) {
		markers++;
		end = CONTAINER_MARKER.lastIndex;
	}
	return { markers, rest: line.slice(end) };
}

/** The first line nesting deeper than {@link MAX_NESTING_DEPTH} or going over {@link MAX_BLOCK_MARKERS}, if any. */
function blockLimit(body: string): LimitProblem | undefined {
	let count = 0;
	const lines = body.split('\n');
	for (let index = 0; index < lines.length; index++) {
		const line = lines[index] ?? '';
		const indent = indentColumns(line);
		const { markers, rest } = containerMarkers(line, indent.length);
		// A nested list item is indented at least two columns per level it is inside (marker and
		// space), so this over-counts a line's depth, never under-counts it. Lines without a marker
		// open no container.
		if (markers > 0 && markers + Math.floor(indent.columns / 2) > MAX_NESTING_DEPTH) {
			return {
				line: index + 1,
				message: `list items and quotes nested more than ${MAX_NESTING_DEPTH} deep — flatten the nesting or split the list`,
			};
		}
		count += markers + (SETEXT_UNDERLINE.test(rest) ? 1 : 0);
		if (count > MAX_BLOCK_MARKERS) {
			return {
				line: index + 1,
				message: `too many list items, quotes and underlines (more than ${MAX_BLOCK_MARKERS}) — split this file into smaller ones`,
			};
		}
	}
	return undefined;
}

/**
 * The parser's inline pass (emphasis, links, code spans) is quadratic too: 16 KB of `a*` takes a
 * second, a 32 KB run of nested emphasis a minute. A paragraph with more inline markup characters
 * than this is refused; real paragraphs have a few dozen.
 */
export const MAX_INLINE_MARKERS = 300;
const INLINE_MARKER = /[*_[\]`<>!\\&]/g;

/**
 * Fenced code is not inline-parsed, so its markup counts for a third only. Not for nothing: this
 * scan cannot tell every fence the parser sees from one it does not (an opener inside an HTML
 * block or a list item, an info string with a backtick), and a 16 KB emphasis bomb behind such a
 * line held the thread for over 10 s. A third keeps any run the parser may inline-parse after all
 * under 3 × {@link MAX_INLINE_MARKERS} (~0.1 s), and lets real code blocks through.
 */
const FENCED_MARKER_SHARE = 3;

/** The first line of a paragraph (a run of lines without a blank one) with more than {@link MAX_INLINE_MARKERS}, if any. */
function inlineLimit(body: string): LimitProblem | undefined {
	const lines = body.split('\n');
	let fence: string | undefined;
	let paragraphStart = 0;
	let count = 0;
	for (let index = 0; index < lines.length; index++) {
		const line = lines[index] ?? '';
		const opener = /^[ \t]*(`{3,}|~{3,})/.exec(line)?.[1];
		if (line.trim() === '') {
			// A blank line ends every paragraph, whether or not the parser saw the fence this scan did.
			count = 0;
			paragraphStart = index + 1;
		} else {
			count += (line.match(INLINE_MARKER)?.length ?? 0) * (fence === undefined ? 1 : 1 / FENCED_MARKER_SHARE);
		}
		if (fence !== undefined) {
			if (opener?.startsWith(fence)) fence = undefined;
		} else if (opener !== undefined) {
			fence = opener;
		}
		if (count > MAX_INLINE_MARKERS) {
			return {
				line: paragraphStart + 1,
				message: `too much emphasis, link and code markup in one paragraph (more than ${MAX_INLINE_MARKERS} of * _ [ ] \` < > ! \\ &; in fenced code, ${MAX_INLINE_MARKERS * FENCED_MARKER_SHARE}) — split the paragraph or remove the markup`,
			};
		}
	}
	return undefined;
}

/** Why a body must not be parsed, at which of its lines; undefined when it is within every limit. */
export function markdownLimitProblem(body: string): LimitProblem | undefined {
	return blockLimit(body) ?? inlineLimit(body);
}
