/**
 * Cutting text to a limit the way a reader would want: at the end of a sentence when one is
 * reasonably close, otherwise at a word boundary with an ellipsis, never in the middle of a word.
 */

export const ELLIPSIS = '…';

/** One item of a list (an FAQ question, a knowledge problem) is cut to this, so it cannot crowd out the rest. */
export const LIST_ITEM_MAX = 300;
/** A name quoted inside a line (a document title, a changed section) is cut to this. */
export const QUOTED_NAME_MAX = 200;

/** A sentence end: terminal punctuation, optional closing quotes/brackets, then whitespace. */
const SENTENCE_END = /[.!?…]["'”’)\]]*(?=\s)/g;

/** How far back (as a share of the limit) a sentence boundary may be before a word cut is preferred. */
const SENTENCE_REACH = 0.5;

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

/**
 * `text` if it fits in `max` characters (UTF-16 units, as Discord's limits are checked), else the
 * longest prefix that ends a sentence, or failing that, ends a word, followed by an ellipsis.
 * A single word longer than `max` is the only thing ever cut inside a word.
 */
export function truncate(text: string, max: number): string {
	if (max < 1) return '';
	if (text.length <= max) return text;
	const budget = max - ELLIPSIS.length;
	const window = text.slice(0, Math.max(0, budget) + 1);

	let sentenceCut = -1;
	for (const match of window.matchAll(SENTENCE_END)) {
		const end = match.index + match[0].length;
		if (end <= max) sentenceCut = end;
	}
	if (sentenceCut >= max * SENTENCE_REACH) return text.slice(0, sentenceCut).trimEnd();

	// The last whitespace at or before the budget: the word before it is complete.
	let wordCut = -1;
	for (let i = Math.min(budget, text.length - 1); i > 0; i--) {
		if (/\s/.test(text[i]!)) {
			wordCut = i;
			break;
		}
	}
	if (sentenceCut > 0 && sentenceCut >= wordCut) return text.slice(0, sentenceCut).trimEnd();
	if (wordCut > 0) {
		const head = text.slice(0, wordCut).trimEnd();
		if (head !== '') return `${head}${ELLIPSIS}`;
	}
	// One giant word: cut it, but not between the halves of a surrogate pair.
	let cut = Math.max(0, budget);
	if (cut > 0 && isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
	return `${text.slice(0, cut)}${ELLIPSIS}`;
}

const andMore = (left: number) => `…and ${left} more`;

/**
 * Joins lines under a limit; when they don't all fit, ends with a line saying how many were left
 * out (`more(n)`, "…and n more" by default), so a long list is visibly incomplete rather than
 * silently cut.
 */
export function joinLinesWithin(lines: string[], max: number, more = andMore): string {
	const kept: string[] = [];
	let length = 0;
	for (const [i, line] of lines.entries()) {
		const left = lines.length - i;
		const addition = (kept.length > 0 ? 1 : 0) + line.length;
		const tail = left > 1 ? 1 + more(left - 1).length : 0;
		if (length + addition + tail > max) {
			const notice = more(left);
			const result = [...kept, notice].join('\n');
			return result.length <= max ? result : truncate(kept.join('\n'), max);
		}
		kept.push(line);
		length += addition;
	}
	return kept.join('\n');
}
