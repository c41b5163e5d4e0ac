import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, words } from '../../src/search/text.js';
import { referenceFold, referenceWords } from '../../testkit/fold-reference.js';

/*
 * `foldText` and `words` take a fast route for ASCII text; these tests hold them to the folding as
 * it was before that route existed (testkit/fold-reference.ts), on every input.
 */
function expectSameAsReference(text: string): void {
	expect(foldText(text)).toBe(referenceFold(text));
	expect(words(text)).toEqual(referenceWords(text));
}

// prettier-ignore
const APOSTROPHES = ["'", '`', '´', '\u2018', '\u2019', '\u201B', '\u2032'];
// prettier-ignore
const CONTRACTIONS = [
	"n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "N'T", "'S", "'RE", "'Ve", "'LL", "'D", "'M", 'n\u2019t',
	'\u2019s', '`s', '´s', 's', 't', 'n', 're', 've', 'll', 'd', 'm', 'dn', 'ren', 'can', 'don', 'it', 'I',
];
// prettier-ignore
const ASCII_BITS = [
	' ', ' ', '  ', '\t', '\n', '\r', '_', '__', '-', '.', ',', '?', '!', ':', ';', '"', '(', ')', '/', '\\',
	'@', '#', '&', '*', '+', '=', '|', '~', '^', '$', '%', '[', ']', '{', '}', '<', '>', '\u0000', '\u007f',
	'0', '1', '7', '42', '2024', 'a', 'b', 'z', 'A', 'Z', 'x', 'e', 'hello', 'World', 'ABC', 'q1',
];
// prettier-ignore
const MARKUP = [
	'<@123>', '<@!42>', '<@&7>', '<#9>', '<:wave:123456>', '<a:x_y:5>', '<@>', '<@abc>', '<:bad:>', '<@1',
	'<<@2>>', '<#12>s', "<@3>'s", '<:a:1>n',
];
// Typographic marks the fast route knows, then characters it hands to the full folding.
const KNOWN_MARKS = ['\u00A0', '\u2013', '\u2014', '\u201C', '\u201D', '\u2026'];
// prettier-ignore
const UNICODE = [
	'é', 'É', 'e\u0301', 'ï', 'ß', 'İ', 'Σ', 'ς', 'ﬁ', '①', '²', '½', 'Ⅻ', 'ａ', 'Ａ', '١', '日本', 'кот', 'ǅ',
	'😀', '👍🏽', '😭', '\u2764\uFE0F', '\uFE0F', '\u0301', '\u200B', '\u200C', '\u200D', '\uFEFF', '\u00AD',
	'\u2028', '\u2060', '\u3000', '\uD83D', '\uDE00', '\u00B4', '\u02BC', '\uFF07', '\u2033', '\u201A',
];

/** Strings of the fast route's own alphabet (ASCII and the marks it knows), rich in apostrophes. */
const fastAlphabet = fc.string({
	unit: fc.oneof(
		{ weight: 4, arbitrary: fc.constantFrom(...CONTRACTIONS) },
		{ weight: 3, arbitrary: fc.constantFrom(...APOSTROPHES.filter((a) => a !== '´')) },
		{ weight: 5, arbitrary: fc.constantFrom(...ASCII_BITS) },
		{ weight: 1, arbitrary: fc.constantFrom(...MARKUP) },
		{ weight: 1, arbitrary: fc.constantFrom(...KNOWN_MARKS) },
		{ weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 3 }) },
	),
	maxLength: 24,
});

/** The same, with characters the fast route must leave to the full folding mixed in. */
const anyText = fc.oneof(
	fc.string({
		unit: fc.oneof(
			{ weight: 4, arbitrary: fc.constantFrom(...CONTRACTIONS) },
			{ weight: 3, arbitrary: fc.constantFrom(...APOSTROPHES) },
			{ weight: 4, arbitrary: fc.constantFrom(...ASCII_BITS) },
			{ weight: 1, arbitrary: fc.constantFrom(...MARKUP) },
			{ weight: 2, arbitrary: fc.constantFrom(...KNOWN_MARKS, ...UNICODE) },
		),
		maxLength: 24,
	}),
	fc.string({ unit: 'grapheme', maxLength: 16 }),
	fc.string({ unit: 'binary', maxLength: 16 }),
);

describe('foldText and words (fast route) against the reference folding', () => {
	it('agree on text of the fast alphabet', () => {
		fc.assert(fc.property(fastAlphabet, expectSameAsReference), { numRuns: 10_000 });
	});

	it('agree on any text', () => {
		fc.assert(fc.property(anyText, expectSameAsReference), { numRuns: 5_000 });
	});

	it('agree on whole chat-like sentences', () => {
		const word = fc.oneof(
			fc.constantFrom('what', 'How', 'I', 'reset', 'my', 'password', 'Keanu', 'it', 'the', 'e-mail', 'v2'),
			fc.constantFrom(...CONTRACTIONS.map((c) => `do${c}`), ...MARKUP, ...KNOWN_MARKS, 'naïve', '😭'),
		);
		const sentence = fc
			.tuple(
				fc.array(word, { maxLength: 12 }),
				fc.array(fc.constantFrom(' ', ', ', '? ', '_', "'"), { minLength: 12, maxLength: 12 }),
			)
			.map(([ws, gaps]) => ws.map((w, i) => w + gaps[i]!).join(''));
		fc.assert(fc.property(sentence, expectSameAsReference), { numRuns: 5_000 });
	});

	it('agree on every UTF-16 code unit, between letters and next to apostrophes', { timeout: 120_000 }, () => {
		// Each template tells apart a character dropped, a word break, a letter and an apostrophe.
		const templates = ['a#b', 'don#t', 'it#s', "it's#", "#'s"];
		const failures: string[] = [];
		for (let code = 0; code <= 0xffff; code++) {
			const char = String.fromCharCode(code);
			for (const template of templates) {
				const text = template.replace('#', char);
				const expected = referenceFold(text);
				if (foldText(text) !== expected || words(text).join(' ') !== expected)
					failures.push(`U+${code.toString(16).padStart(4, '0')} in ${JSON.stringify(template)}`);
			}
		}
		expect(failures.slice(0, 20)).toEqual([]);
	});

	// prettier-ignore
	const examples: [string, string][] = [
		["Keanu's", 'keanu'],
		["Keanu`s", 'keanu'],
		['Keanu\u2019s', 'keanu'],
		// ´ is no apostrophe in practice: NFKD turns it into a space and a combining accent.
		['Keanu\u00B4s', 'keanu s'],
		["DON'T", 'do not'],
		['don\u2019t\u2026', 'do not'],
		["it's ok", 'it ok'],
		// "_" is a word character for \b, so no possessive here, but it is no letter for the words.
		["it's_ok", 'its ok'],
		["isn't_it", 'isnt it'],
		["it's2", 'its2'],
		["5's", '5'],
		["I'M", 'i'],
		["he'd've", 'he'],
		// Steps feed each other: a removed possessive makes an n't, an n't makes a boundary for 'd.
		["can's't", 'ca not'],
		["won't's", 'wo not'],
		["they'ren't", 'they not'],
		["x'dn't", 'x not'],
		["'s's", ''],
		["rock'n'roll", 'rocknroll'],
		["1'000", '1000'],
		['HELLO_World', 'hello world'],
		['<@123> hi', 'hi'],
		['a<@123>b', 'a b'],
		['<@abc>', 'abc'],
		['<:a_b:1>', ''],
		["<@!42>'s", ''],
		['n<@1>\'t', 'n t'],
		['a<b', 'a b'],
		['x\u00A0y', 'x y'],
		['naïve café', 'naive cafe'],
		['re\u200Blease', 'release'],
		['', ''],
		['  ', ''],
	];

	it.each(examples)('folds %j to %j', (text, folded) => {
		expect(referenceFold(text)).toBe(folded);
		expectSameAsReference(text);
	});
});
