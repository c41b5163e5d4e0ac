import { describe, expect, it } from 'vitest';
import { eng as packageEnglish } from 'stopword';
import { eng as englishOnly } from 'stopword/src/stopwords_eng.js';
import { foldText, stem, terms, words } from '../../src/search/text.js';

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

	it('stems an irregular verb form as its base form, which the stemmer alone cannot', () => {
		expect(terms('sent')).toEqual(terms('send'));
		expect(terms('who wrote it')).toEqual(terms('who writes it'));
		expect(terms('I bought a ticket')).toEqual(terms('buying tickets'));
	});

	it('leaves nouns and stop words as they are, so topics a FAQ keeps apart stay apart', () => {
		expect(terms('data')).not.toEqual(terms('datum'));
		expect(terms('media')).not.toEqual(terms('medium'));
		// In the stop-word index "was" and "is" tell intents apart; they are never folded to "be".
		expect(stem('was')).not.toBe(stem('be'));
	});

	it('keeps short stop words that carry meaning in questions', () => {
		expect(terms('is it out')).toEqual(['out']);
	});

	it("uses the stopword package's English list, imported on its own", () => {
		// text.ts imports stopwords_eng.js alone (the package's main entry loads 62 languages): it
		// must be the very list the main entry gives.
		expect(englishOnly.length).toBeGreaterThan(100);
		expect(englishOnly).toEqual(packageEnglish);
	});
});
