/**
 * Text folding as it was before `foldText` got its fast route for ASCII text, kept verbatim as
 * the reference that the fast route must match on every input (tests/search/text-fast.test.ts)
 * and as the baseline of bench/text-speed.ts. Do not "fix" it: it is the old behaviour on purpose.
 */
const INVISIBLE = /[\u00AD\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g;
const DISCORD_MARKUP = /<(?:@[!&]?|#|a?:\w+:)\d+>/g;
const COMBINING_MARKS = /\p{M}+/gu;

export function referenceFold(text: string): string {
	return text
		.replace(DISCORD_MARKUP, ' ')
		.replace(INVISIBLE, '')
		.normalize('NFKD')
		.replace(COMBINING_MARKS, '')
		.toLowerCase()
		.replace(/[\u2018\u2019\u201B\u2032`´]/g, "'")
		.replace(/['’]s\b/g, '') // possessive: "Keanu's" -> "keanu"
		.replace(/n't\b/g, ' not')
		.replace(/'(re|ve|ll|d|m)\b/g, ' ')
		.replace(/'/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

export function referenceWords(text: string): string[] {
	const folded = referenceFold(text);
	return folded === '' ? [] : folded.split(' ');
}
