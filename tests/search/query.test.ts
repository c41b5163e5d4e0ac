import { describe, expect, it } from 'vitest';
import { analyseQuestion, indexedWords } from '../../src/search/query.js';
import { indexEntries } from '../../testkit/search-index.js';

const index = indexEntries([
	{
		scope: 'faq',
		fields: [
			{ kind: 'question', text: 'How do I install a plugin?' },
			{ kind: 'body', text: 'Open the settings and pick the file. Connections are checked for you.' },
		],
	},
	{ scope: 'faq', fields: [{ kind: 'question', text: 'Release date and changelog' }] },
]);

const word = (question: string, typed: string) =>
	analyseQuestion(index, question).words.find((w) => w.typed === typed);

describe('analyseQuestion', () => {
	it('corrects a typo of a question word to that word, leaving a question of stop words only', () => {
		const analysed = analyseQuestion(index, 'whta is that');
		expect(analysed.words[0]).toMatchObject({ typed: 'whta', word: 'what', questionWord: true });
		expect(analysed.stopWordsOnly).toBe(true);
	});

	it('corrects a typo of a knowledge word and marks it as less sure', () => {
		const typo = word('how do i isntall a plugin', 'isntall')!;
		expect(typo.word).toBe('install');
		expect(typo.similarity).toBeLessThan(1);
		expect(word('how do i install a plugin', 'install')!.similarity).toBe(1);
	});

	it('reads a known word inside an English prefix or suffix, as weaker evidence than the word', () => {
		expect(word('can i reinstall it', 'reinstall')).toMatchObject({ word: 'install', similarity: 0.6 });
		expect(word('interconnections', 'interconnections')?.stem).toBe(word('connections', 'connections')?.stem);
	});

	it('leaves an unknown word alone when no English affix explains it', () => {
		// "xylo" is no prefix, and "xylophone" a real word: nothing about "phones" or "plugin".
		expect(word('xylophone plugin', 'xylophone')).toMatchObject({ word: 'xylophone', similarity: 1 });
	});

	it('gives the content index the words that are not stop words, in order', () => {
		const analysed = analyseQuestion(index, 'when is the relese date');
		expect(indexedWords(index, analysed).map((w) => w.word)).toEqual(['when', 'release', 'date']);
	});
});
