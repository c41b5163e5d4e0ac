import { describe, expect, it } from 'vitest';
import { eng as packageEnglish } from 'stopword';
import { foldText, isStopWord, terms, words } from '../../src/search/text.js';

describe('foldText', () => {
	it('folds case, diacritics and curly quotes the same way as plain typing', () => {
		expect(foldText('Café “Noir” — Zoë’s Pick')).toBe(foldText('cafe "noir" - zoe pick'));
	});

	it('removes zero-width characters that would otherwise split or glue words', () => {
		expect(foldText('re\u200Blease da\uFEFFte')).toBe('release date');
	});

	it('drops Discord mention and emoji markup', () => {
		expect(foldText('<@123456789012345678> when <:wave:1234567890> is it <#42>?')).toBe('when is it');
	});

	it('turns punctuation, emoji and regex metacharacters into word breaks', () => {
		expect(words('cast?! (.*) [x]|^=😀')).toEqual(['cast', 'x']);
	});
});

describe('terms', () => {
	it('drops stop words and chat filler but keeps question words', () => {
		expect(terms('hey, can you please tell me when is the premiere')).toEqual(['when', 'premier']);
	});

	it('stems inflections to one term', () => {
		expect(terms('directed')).toEqual(terms('directing'));
		expect(terms('composers')).toEqual(terms('composer'));
	});

	it('keeps short stop words that carry meaning in questions', () => {
		expect(terms('is it out')).toEqual(['out']);
	});

	it("drops every word of the stopword package's English list that is not a question word or kept on purpose", () => {
		// text.ts imports the English list on its own (the package's main entry loads 62 languages):
		// it must be the very list the package's main entry gives.
		const kept = new Set([
			'who',
			'when',
			'where',
			'how',
			'what',
			'why',
			'which',
			'out',
			'over',
			'off',
			'first',
			'last',
			'new',
			'old',
		]);
		expect(packageEnglish.length).toBeGreaterThan(100);
		for (const word of packageEnglish) expect(isStopWord(word), word).toBe(!kept.has(word));
	});
});
