import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/answer/engine.js';
import { filmDocument, knowledgeOf } from '../support/knowledge-fixtures.js';
import { DIRECTOR_QUESTION } from '../support/questions.js';

/**
 * What makes answers hold on questions nobody tuned for: typos cost a little, words the answer
 * does not cover cost a lot, facts are found however they are asked, and a short section is
 * answered whole.
 */
const engine = buildEngine(knowledgeOf(filmDocument()));

describe('typos', () => {
	it('costs a typo a little confidence, not the answer', () => {
		// Neither "dirctor" nor "whn" stems to a word the knowledge uses: only spelling finds them.
		const typo = engine.ask('the dirctor of this film?');
		const spelt = engine.ask('the director of this film?');
		expect(typo.source?.title).toBe('Director');
		expect(typo.answered).toBe(true);
		expect(spelt.score - typo.score).toBeLessThan(0.1);
		expect(engine.ask('whn is it released').source?.title).toBe('Release date');
	});

	it('reads a typo of a common word as that word', () => {
		const answer = engine.ask('whta is the runnig time');
		expect(answer.source?.title).toBe('Runtime');
	});
});

describe('words the answer does not cover', () => {
	it('does not answer about another work that a person is known for', () => {
		// The director's fact mentions Salt Roads, her earlier film, but it only says who made this one.
		const other = engine.ask('who directed Salt Roads');
		expect(other.answered).toBe(false);
		expect(other.score).toBeLessThan(engine.ask(DIRECTOR_QUESTION).score - 0.2);
	});

	it('counts a word the answer lacks as nearly covered when the answer says something close in meaning', () => {
		// The Story speaks of smugglers: criminals are what it is about, recipes are not.
		const close = engine.ask('does the lighthouse keeper find criminals');
		const far = engine.ask('does the lighthouse keeper find recipes');
		expect(close.source?.title).toBe('The Story');
		expect(close.answered).toBe(true);
		expect(far.answered).toBe(false);
		expect(close.score - far.score).toBeGreaterThan(0.05);
	});

	it('lowers the confidence for each content word the answer lacks', () => {
		const plain = engine.ask('is the pacing slow');
		const more = engine.ask('is the pacing slow like the novel or the stage play');
		expect(plain.source?.title).toBe('The Story');
		expect(more.score).toBeLessThan(plain.score);
	});
});

describe('film facts asked in many ways', () => {
	it.each([
		['in which year was it released', 'Release date', '2024'],
		['has it been released already', 'Release date', 'March 15, 2024'],
		['what is its runtime in minutes', 'Runtime', '104 minutes'],
		['which director is it by', 'Director', 'Mira Costa'],
		['what music did the composer write', 'Music', 'Ola Brandt'],
		['is lena marsh in it', 'Lena Marsh', 'Lena Marsh is in the cast'],
	])('%s -> %s', (question, title, text) => {
		const answer = engine.ask(question);
		expect(answer.source?.title).toBe(title);
		expect(answer.text).toContain(text);
	});

	it('says plainly that a film fact the knowledge cannot hold is not covered', () => {
		const answer = engine.ask('did it win any awards');
		expect(answer.answered).toBe(false);
		expect(answer.text).toContain("doesn't cover awards and nominations");
	});

	it('answers from the text when the text does speak of a fact that is usually a gap', () => {
		const withSequelTalk = buildEngine(
			knowledgeOf(
				filmDocument({
					sections: [
						{
							id: 'future',
							heading: 'What Comes Next',
							alternates: [],
							paragraphs: ['The ending leaves the door open for a sequel set at sea.'],
						},
					],
				}),
			),
		);
		const answer = withSequelTalk.ask('will there be a sequel');
		expect(answer.source?.title).toBe('What Comes Next');
		expect(engine.ask('will there be a sequel').text).toContain("doesn't cover sequel plans");
	});
});

describe('section answers', () => {
	it('answers a short section whole, the paragraph that matched first', () => {
		const answer = engine.ask('what do the smugglers use the beacon for');
		expect(answer.source?.title).toBe('The Story');
		expect(answer.text.split('\n\n')).toEqual([
			'A lighthouse keeper discovers smugglers using his beacon to signal their boats.',
			'The second half turns into a storm-bound siege at the lighthouse, and the pacing slows badly.',
		]);
	});
});

describe('questions that ask nothing', () => {
	it('abstains on a lone stop word or question word instead of matching some passage', () => {
		for (const question of ['a', 'the', 'is it', 'why', 'how']) {
			const answer = engine.ask(question);
			expect(answer.answered, question).toBe(false);
			expect(answer.kind).toBe('abstain');
			expect(answer.abstention, question).toBe('vague');
		}
	});

	it('still answers a question made of stop words that asks something', () => {
		expect(engine.ask("who's in it").source?.title).toBe('Cast');
	});
});

describe('closeness in meaning', () => {
	// A plain FAQ list without alternates: what most server owners bring.
	const faq = (id: string, question: string, answer: string) => ({ id, question, answer, alternates: [] });
	const guildHelp = knowledgeOf({
		id: 'guild-help',
		title: 'Guild Help',
		aliases: [],
		kind: 'general',
		file: 'guild-help.yaml',
		sections: [],
		synonyms: [],
		faq: [
			faq(
				'schedule',
				'How do I schedule a message?',
				'Use /schedule with a date and time; the bot posts it then.',
			),
			faq('announce', 'How do I send a message to every member?', 'Only admins can post in #announcements.'),
			faq('delete', 'How do I delete a message?', 'Hover over it, open the menu and pick Delete.'),
		],
	});
	const byMeaning = buildEngine(guildHelp, { threshold: 0 });
	const byWordsOnly = buildEngine(guildHelp, { threshold: 0, semantic: false });

	// "message" is in every entry; the other words of these questions are in none.
	it.each([
		['erase a message', 'How do I delete a message?'],
		['can i get rid of a message', 'How do I delete a message?'],
		['message everybody', 'How do I send a message to every member?'],
		['message the whole community', 'How do I send a message to every member?'],
	])('picks the entry closest in meaning when the shared words do not decide: %s', (question, title) => {
		expect(byMeaning.ask(question).source?.title).toBe(title);
		expect(byWordsOnly.ask(question).source?.title).not.toBe(title);
	});

	it('answers a question of stop words alone from its shared words', () => {
		// No word of "who's in it" has a meaning to compare: that must not read as far in meaning.
		expect(engine.ask("who's in it").score).toBeGreaterThan(0.9);
	});
});
