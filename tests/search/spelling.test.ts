import { describe, expect, it } from 'vitest';
import { SpellingCorrector } from '../../src/search/spelling.js';

const corrector = new SpellingCorrector(
	new Map([
		['release', 5],
		['released', 1],
		['soundtrack', 2],
		['cast', 4],
		['director', 3],
	]),
);

describe('SpellingCorrector', () => {
	it('corrects one typo in a medium word and two in a long one', () => {
		expect(corrector.correct('relase')?.word).toBe('release');
		expect(corrector.correct('sundtrak')?.word).toBe('soundtrack');
	});

	it('rates a correction below an exact word', () => {
		expect(corrector.correct('release')?.similarity).toBe(1);
		expect(corrector.correct('relase')?.similarity).toBeLessThan(1);
	});

	it('never rewrites short words, where one letter changes the meaning', () => {
		expect(corrector.correct('cost')).toBeUndefined();
	});

	it('gives up on words that are too far from anything known', () => {
		expect(corrector.correct('xylophone')).toBeUndefined();
	});
});
