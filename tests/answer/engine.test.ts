import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/answer/engine.js';
import { answersInFreshProcess } from '../support/fresh-process.js';
import { faqListDocument, filmDocument, knowledgeOf } from '../support/knowledge-fixtures.js';
import { DIRECTOR_QUESTION } from '../support/questions.js';

const engine = buildEngine(knowledgeOf(filmDocument()));

describe('answering from the knowledge', () => {
	it('answers an FAQ entry through one of its alternate phrasings, citing the FAQ question', () => {
		const answer = engine.ask('would this frighten my children');
		expect(answer.answered).toBe(true);
		expect(answer.text).toContain('tense rather than scary');
		expect(answer.source).toMatchObject({
			document: 'Harbor Lights',
			title: 'Is Harbor Lights scary?',
			kind: 'faq',
		});
	});

	it('answers with the paragraph that answers first, then the rest of a short section', () => {
		const answer = engine.ask('does the pacing drag in the second half?');
		expect(answer.source?.title).toBe('The Story');
		const [first, second] = answer.text.split('\n\n');
		expect(first).toContain('pacing slows');
		expect(second).toContain('lighthouse keeper discovers');
	});

	it('uses the author’s synonyms, as sure of them as of the word itself', () => {
		const answer = engine.ask('what do the pirates use the beacon for');
		expect(answer.answered).toBe(true);
		expect(answer.text).toContain('smugglers');
		// Closeness in meaning knows the synonym too: it costs nothing against the word itself.
		const viaSynonym = engine.ask('what are the pirates up to');
		const direct = engine.ask('what are the smugglers up to');
		expect(viaSynonym.candidates?.[0]?.title).toBe('The Story');
		expect(viaSynonym.score).toBe(direct.score);
	});

	it('tolerates typos', () => {
		// 'dirctor' stems to nothing the knowledge uses: only spelling correction can find it.
		expect(engine.ask('who is the dirctor').text).toContain('Mira Costa');
	});

	it('matches an irregular verb form with its base form ("sent" with "send")', () => {
		const files = buildEngine({
			synonyms: [],
			documents: [
				{
					...faqListDocument(),
					faq: ['send', 'delete', 'rename'].map((verb) => ({
						id: verb,
						question: `How do I ${verb} a file?`,
						answer: `Open the file menu and choose ${verb}.`,
						alternates: [],
					})),
				},
			],
		});
		// "file" is in every entry: only "sent" can tell them apart.
		const answer = files.ask('how is a file sent?');
		expect(answer.answered).toBe(true);
		expect(answer.source?.title).toBe('How do I send a file?');
	});

	it('gives a confidence between 0 and 1', () => {
		const { score } = engine.ask('Is Harbor Lights scary?');
		expect(score).toBeGreaterThan(0.5);
		expect(score).toBeLessThanOrEqual(1);
	});

	it('is deterministic: a new process over the same knowledge gives the same answers, abstentions and suggestions', async () => {
		// An FAQ answer, a fact, a paragraph, and an abstention with suggestions; this process has
		// already answered other questions, the new one answers these first.
		const questions = [
			'would this frighten my children',
			'who plays captain elias',
			'does the pacing drag in the second half?',
			'how loud are the foghorns in imax',
		];
		const here = questions.map((question) => engine.ask(question));
		expect(here.map((answer) => answer.kind)).toEqual(['answer', 'answer', 'answer', 'abstain']);
		expect(here[3]?.suggestions.map((suggestion) => suggestion.title)).toEqual([
			'Sound Design',
			'Is Harbor Lights scary?',
		]);
		const fresh = await answersInFreshProcess(knowledgeOf(filmDocument()), questions);
		expect(fresh).toEqual(JSON.parse(JSON.stringify(here)));
	}, 60_000);
});

describe('structured facts', () => {
	it('answers the release date with the long date and the ISO date', () => {
		const answer = engine.ask('when does it premiere');
		expect(answer.text).toContain('March 15, 2024');
		expect(answer.text).toContain('2024-03-15');
		expect(answer.source).toMatchObject({ title: 'Release date', kind: 'fact' });
	});

	it('answers director, cast with roles, runtime and music', () => {
		expect(engine.ask('who directed harbor lights').text).toContain('Mira Costa');
		const cast = engine.ask('who are the actors').text;
		expect(cast).toContain('Theo Park as Captain Elias');
		expect(cast).toContain('Lena Marsh');
		expect(engine.ask('what is the running time').text).toContain('104 minutes');
		expect(engine.ask('who composed the score').text).toContain('Ola Brandt');
	});

	it('answers who plays a character and what a person is known for', () => {
		expect(engine.ask('who plays captain elias').text).toContain('Theo Park');
		expect(engine.ask('what is mira costa known for').text).toContain('Salt Roads');
	});
});

describe('abstaining', () => {
	it('abstains on an unrelated question and offers at most three topics', () => {
		const answer = engine.ask('how do I bake sourdough bread');
		expect(answer.answered).toBe(false);
		expect(answer.kind).toBe('abstain');
		expect(answer.suggestions.length).toBeGreaterThan(0);
		expect(answer.suggestions.length).toBeLessThanOrEqual(3);
		expect(answer.abstention).toBe('no-candidate');
	});

	it('says the knowledge does not cover a film fact it does not state', () => {
		const answer = engine.ask('what was the budget of harbor lights');
		expect(answer.answered).toBe(false);
		expect(answer.text).toMatch(/doesn't cover its budget/);
		expect(answer.abstention).toBe('known-gap');
	});

	it("says the knowledge does not cover a cast member's role when the front matter names none", () => {
		// Lena Marsh is in the cast without a role: "she is in the cast" would leave the question open.
		const roleless = engine.ask('whose role is lena marsh in');
		expect(roleless.answered).toBe(false);
		expect(roleless.text).toMatch(/doesn't cover Lena Marsh’s role/);
		expect(engine.ask('is lena marsh in it').text).toContain('Lena Marsh is in the cast');
		expect(engine.ask('whose role is theo park in').text).toContain('Theo Park plays Captain Elias');
	});

	it('does not stretch a passage to fit a question with words the knowledge never uses', () => {
		expect(engine.ask('is harbor lights available on blu-ray').answered).toBe(false);
	});

	it('does not answer about a person when the question asks something the knowledge never says about them', () => {
		const answer = engine.ask('how tall is theo park');
		expect(answer.answered).toBe(false);
		// The entry about him matched his name alone: it is about the right person, not his height.
		expect(answer.abstention).toBe('names-only');
		expect(answer.suggestions[0]?.title).toBe('Theo Park as Captain Elias');
		const known = engine.ask('who is theo park');
		expect(known.answered).toBe(true);
		expect(known.abstention).toBeUndefined();
	});

	it('does not answer where or when about a person with who they are', () => {
		// Only the name matches: the entry says whom Theo Park plays, not where he is from.
		expect(engine.ask('where is theo park from').answered).toBe(false);
		expect(engine.ask('when was theo park born').answered).toBe(false);
		expect(engine.ask('where is theo park from').abstention).toBe('names-only');
		expect(engine.ask('theo park?').answered).toBe(true);
	});

	it('suggests the closest topics first', () => {
		const answer = engine.ask('smugglers beacon storm sourdough xylophone quantum');
		expect(answer.answered).toBe(false);
		// A topic shares words with it, but too few of its words for a likely answer.
		expect(answer.abstention).toBe('low-confidence');
		expect(answer.suggestions[0]?.title).toBe('The Story');
	});

	it('answers a suggestion’s question with that topic', () => {
		const [suggestion] = engine.ask('how do I bake sourdough bread').suggestions;
		expect(suggestion).toBeDefined();
		expect(engine.ask(suggestion!.question).source?.title).toBe(suggestion!.title);
	});

	it('returns an abstention, not an error, for empty and symbol-only input', () => {
		for (const question of ['', '   ', '?!?', '@everyone', '\u200B']) {
			expect(engine.ask(question).answered).toBe(false);
		}
	});
});

describe('small talk', () => {
	it('replies to greetings and thanks without a knowledge passage', () => {
		for (const message of ['hello!', 'thanks so much', 'good morning bot']) {
			const answer = engine.ask(message);
			expect(answer.kind).toBe('smalltalk');
			expect(answer.answered).toBe(false);
			expect(answer.source).toBeUndefined();
		}
	});

	it('still answers a question that starts with a greeting', () => {
		expect(engine.ask(`hi! ${DIRECTOR_QUESTION}`).text).toContain('Mira Costa');
	});
});

describe('several documents', () => {
	const both = buildEngine(knowledgeOf(filmDocument(), faqListDocument()));

	it('answers from the document that has the answer', () => {
		const answer = both.ask('can I advertise my stream here');
		expect(answer.source?.document).toBe('Server Rules');
	});

	it('scopes a question that names a document to that document', () => {
		// Unscoped, the film answers it; named, the rules do not, and only their topics are offered.
		expect(both.ask('is it scary?').source?.documentId).toBe('harbor-lights');
		const scoped = both.ask('rules: is it scary?');
		expect(scoped.kind).toBe('abstain');
		expect(scoped.suggestions.map((suggestion) => suggestion.documentId)).toEqual([
			'server-rules',
			'server-rules',
		]);
		expect(both.ask('rules: is advertising allowed?').source).toMatchObject({
			documentId: 'server-rules',
			title: 'Can I post links to my own channel?',
		});
	});

	it('restricts to one document when asked to', () => {
		expect(both.ask('Is Harbor Lights scary?').source?.documentId).toBe('harbor-lights');
		const restricted = both.ask('Is Harbor Lights scary?', { documentId: 'server-rules' });
		expect(restricted.kind).toBe('abstain');
		expect(restricted.suggestions.map((suggestion) => suggestion.documentId)).toEqual([
			'server-rules',
			'server-rules',
		]);
		expect(both.ask('Is advertising allowed?', { documentId: 'server-rules' }).source?.documentId).toBe(
			'server-rules',
		);
		expect(both.ask('Is advertising allowed?', { documentId: 'harbor-lights' }).kind).toBe('abstain');
	});
});

describe('autocomplete', () => {
	it('suggests FAQ questions and section headings matching what is typed', () => {
		const titles = engine.complete('sound', 25).map((s) => s.title);
		expect(titles).toContain('Sound Design');
	});

	it('never returns more than the limit', () => {
		expect(engine.complete('', 2)).toHaveLength(2);
	});
});
