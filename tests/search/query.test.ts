import { describe, expect, it } from 'vitest';
import { analyseQuestion, indexedWords } from '../../src/search/query.js';
import { indexEntries } from '../../testkit/search-index.js';

const index = indexEntries([
	{
		scope: 'faq',
		fields: [
			{ kind: 'question', text: 'How do I upload a video?' },
			{ kind: 'body', text: 'Open the studio and drag the file in. Dependencies are installed for you.' },
		],
	},
	{ scope: 'faq', fields: [{ kind: 'question', text: 'What is the release date?' }] },
]);

const word = (question: string, typed: string) =>
	analyseQuestion(index, question).words.find((w) => w.typed === typed);

describe('analyseQuestion', () => {
	it('corrects a typo of a question word to that word, leaving a question of stop words only', () => {
		const analysed = analyseQuestion(index, 'waht is it');
		expect(analysed.words[0]).toMatchObject({ typed: 'waht', word: 'what', questionWord: true });
		expect(analysed.stopWordsOnly).toBe(true);
	});

	it('corrects a typo of a knowledge word and marks it as less sure', () => {
		const typo = word('how do i uplod a video', 'uplod')!;
		expect(typo.word).toBe('upload');
		expect(typo.similarity).toBeLessThan(1);
		expect(word('how do i upload a video', 'upload')!.similarity).toBe(1);
	});

	it('reads a known word inside an English prefix or suffix, as weaker evidence than the word', () => {
		expect(word('can i reupload it', 'reupload')).toMatchObject({ word: 'upload', similarity: 0.6 });
		expect(word('interdependencies', 'interdependencies')?.stem).toBe(
			word('dependencies', 'dependencies')?.stem,
		);
	});

	it('leaves an unknown word alone when no English affix explains it', () => {
		// "xylo" is no prefix, and "xylophone" a real word: nothing about "phones" or "video".
		expect(word('xylophone video', 'xylophone')).toMatchObject({ word: 'xylophone', similarity: 1 });
	});

	it('gives the content index the words that are not stop words, in order', () => {
		const analysed = analyseQuestion(index, 'when is the relese date');
		expect(indexedWords(index, analysed).map((w) => w.word)).toEqual(['when', 'release', 'date']);
	});
});
