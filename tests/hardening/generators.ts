/**
 * The hardening tests' generators of hostile text (fast-check): questions as people type them on
 * Discord, mixed with whitespace and zero-width characters, other scripts and emoji, every kind of
 * mention, regex and fuse.js operators and Markdown. Shared by the tests that feed such text to
 * the bot (discord-fuzz.test.ts) and to what keeps it (tests/storage).
 */
import fc from 'fast-check';
import { DIRECTOR_QUESTION, ROONEY_QUESTION } from '../support/questions.js';

/** Discord's limit for a (Nitro) user's message. */
export const USER_MESSAGE_MAX = 4000;

export const words = [
	'when is Ballerina released',
	DIRECTOR_QUESTION,
	ROONEY_QUESTION,
	'cast',
	'release date',
	'runtime',
	'John Wick',
	'Ana de Armas',
	'can i rent it on blu-ray',
	'thanks',
	'hi',
	'?',
	'how do I bake bread',
];
export const whitespace = [' ', '  ', '\t', '\n', '\r\n', '\u00A0', '\u2003', '\u3000', '\u2028'];
export const zeroWidth = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u202E', '\u034F'];
export const scripts = [
	'😀',
	'🔥🔥🔥',
	'👩‍👩‍👧‍👦',
	'🇯🇵',
	'👍🏽',
	'Балерина',
	'バレリーナ',
	'芭蕾舞女',
	'باليرينا',
	'בלרינה',
	'बैलेरीना',
	'Ｂａｌｌｅｒｉｎａ',
	'𝐁𝐚𝐥𝐥𝐞𝐫𝐢𝐧𝐚',
	'Ba\u0301lle\u0300rina',
	'ẞ',
	'Z̴̡̛a̷l̶g̸o̵',
];
export const regexMeta = [
	'.*',
	'(',
	')',
	'[',
	']',
	'{2,}',
	'\\',
	'\\d+',
	'$',
	'^',
	'+?',
	'(?<x>a)',
	'$&',
	'$1',
	'|',
	'*',
];
/** fuse.js extended search: 'include, !exclude, ^prefix, suffix$, =exact, a | b. */
export const fuseOperators = [
	"'",
	'!',
	'^',
	'=',
	'|',
	"'release",
	'!cast',
	'^who',
	'date$',
	'=director',
	'cast | crew',
	"!^'=$|",
];
export const markdown = [
	'**',
	'__',
	'`',
	'```',
	'~~',
	'||spoiler||',
	'> ',
	'# ',
	'-# ',
	'[link](https://example.com)',
	'<t:0:R>',
];
export const separators = ['', ' ', ' ', ' ', '\n', '\u200B'];

export interface Ids {
	bot: string;
	botRole: string;
	users: string[];
	roles: string[];
	channel: string;
}

export const mentions = (ids: Ids) =>
	fc.constantFrom(
		'@everyone',
		'@here',
		'@ everyone',
		'＠everyone',
		`<@${ids.users[0]}>`,
		`<@!${ids.users[1]}>`,
		`<@&${ids.roles[0]}>`,
		`<@&${ids.botRole}>`,
		`<@${ids.bot}>`,
		`<#${ids.channel}>`,
		'<@123456789012345678>',
		'<@&123456789012345678>',
		'<:pepe:123456789012345678>',
		'</ask:123456789012345678>',
		'<@>',
		'<@&>',
	);

export function fragment(ids: Ids): fc.Arbitrary<string> {
	return fc.oneof(
		{ weight: 4, arbitrary: fc.constantFrom(...words) },
		{ weight: 2, arbitrary: fc.constantFrom(...whitespace) },
		{ weight: 2, arbitrary: fc.constantFrom(...zeroWidth) },
		{ weight: 2, arbitrary: fc.constantFrom(...scripts) },
		{ weight: 3, arbitrary: mentions(ids) },
		{ weight: 2, arbitrary: fc.constantFrom(...regexMeta) },
		{ weight: 2, arbitrary: fc.constantFrom(...fuseOperators) },
		{ weight: 1, arbitrary: fc.constantFrom(...markdown) },
		{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
		{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
	);
}

/** Fragments joined with assorted separators (none, space, newline, zero-width space). */
export const phrase = (ids: Ids, maxLength: number) =>
	fc
		.array(fc.tuple(fragment(ids), fc.constantFrom(...separators)), { maxLength })
		.map((parts) => parts.map(([text, sep]) => text + sep).join(''));

/** A long text (3,000 characters or more) built from fragments, so it is cut at 4,000 below. */
export const longText = (ids: Ids) =>
	fc.tuple(phrase(ids, 6), fc.integer({ min: 3000, max: USER_MESSAGE_MAX })).map(([text, length]) => {
		const unit = text.trim() === '' ? 'when is the premiere ' : text;
		return unit.repeat(Math.ceil(length / unit.length) + 1);
	});

export const blank = fc.constantFrom('', ' ', '\n\t ', '\u00A0\u3000', '\uFEFF');
