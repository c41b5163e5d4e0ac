import { describe, expect, it } from 'vitest';
import { allowedEdits, SpellingCorrector } from '../../src/search/spelling.js';

const corrector = new SpellingCorrector(
	new Map([
		['release', 5],
		['released', 1],
		['soundtrack', 2],
		['cast', 4],
		['director', 3],
		['trailer', 1],
	]),
	['when', 'what', 'then', 'where'],
);

describe('SpellingCorrector', () => {
	it('corrects one typo in a medium word and two in a long one', () => {
		expect(corrector.correct('relese')?.word).toBe('release');
		expect(corrector.correct('sundtrak')?.word).toBe('soundtrack');
	});

	it('counts two swapped neighbouring letters as one typo', () => {
		// Two edits by plain edit distance, which a 5-letter word may not carry.
		expect(corrector.correct('casst')?.word).toBe('cast');
		expect(corrector.correct('crast')?.word).toBe('cast');
		expect(corrector.correct('trialer')).toMatchObject({ word: 'trailer', edits: 1 });
	});

	it('corrects short typos to common question words, the commonest first', () => {
		expect(corrector.correct('whn')?.word).toBe('when');
		expect(corrector.correct('whta')?.word).toBe('what');
		expect(corrector.correct('whre')?.word).toBe('where');
	});

	it('never rewrites a word people really use, however close to a known one', () => {
		expect(corrector.correct('cost')).toBeUndefined();
		expect(corrector.correct('vast')).toBeUndefined();
		expect(corrector.correct('directory')).toBeUndefined();
	});

	it('rates a correction a little below the exact word', () => {
		expect(corrector.correct('release')?.similarity).toBe(1);
		const corrected = corrector.correct('relese')!.similarity;
		expect(corrected).toBeLessThan(1);
		expect(corrected).toBeGreaterThan(0.9);
	});

	it('gives up on words too far from anything known, and on words of one or two letters', () => {
		expect(corrector.correct('xylophone')).toBeUndefined();
		expect(corrector.correct('ca')).toBeUndefined();
		expect(allowedEdits(2)).toBe(0);
		expect(allowedEdits(3)).toBe(1);
		expect(allowedEdits(6)).toBe(2);
	});
});
