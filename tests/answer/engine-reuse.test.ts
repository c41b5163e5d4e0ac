import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/answer/engine.js';
import type { KnowledgeBase, KnowledgeDocument } from '../../src/knowledge/types.js';
import { faqListDocument, filmDocument } from '../support/knowledge-fixtures.js';

function faqDocument(
	id: string,
	title: string,
	entries: [question: string, answer: string][],
): KnowledgeDocument {
	return {
		id,
		title,
		aliases: [],
		kind: 'general',
		file: `${id}.yaml`,
		sections: [],
		faq: entries.map(([question, answer], i) => ({ id: `q${i}`, question, answer, alternates: [] })),
		synonyms: [],
	};
}

const game = faqDocument('game', 'Game FAQ', [
	['How do I reset my password?', 'Use the reset link on the launcher login screen.'],
	['Why does the launcher crash on start?', 'Delete the launcher cache folder and start it again.'],
]);
const shop = faqDocument('shop', 'Shop FAQ', [
	['Can I return a game I bought?', 'Refunds are possible within 14 days if you played less than two hours.'],
	['Do you ship abroad?', 'We ship boxed editions to the EU and the UK.'],
]);

const film = filmDocument();
const rules = faqListDocument();
const before: KnowledgeBase = { documents: [film, rules, game], synonyms: [['film', 'movie']] };
const editedRules: KnowledgeDocument = {
	...rules,
	faq: [
		...rules.faq.map((entry, i) =>
			i === 0 ? { ...entry, answer: 'Self-promotion is allowed in #showcase, twice a week.' } : entry,
		),
		{ id: 'bots', question: 'Can I add my own bot?', answer: 'Ask a moderator first.', alternates: [] },
	],
};
// The film document is the very same object (unchanged file); rules was edited; game was
// deleted; shop is new.
const after: KnowledgeBase = { documents: [film, editedRules, shop], synonyms: [['film', 'movie']] };

const questions = [
	'Is Harbor Lights scary?',
	'which director made the movie',
	'when was it released',
	'can i post links to my own channel',
	'can i add my own bot',
	'how do i reset my password',
	'the launcher crashes',
	'can i get a refund',
	'do you ship to the uk',
	'what is the weather tomorrow',
	'what is it about',
];

describe('rebuilding an engine from the one it replaces', () => {
	const previous = buildEngine(before);
	const reused = buildEngine(after, {}, previous);
	const fresh = buildEngine(after);

	it('answers every question exactly as an engine built from scratch', () => {
		for (const question of questions) expect(reused.ask(question), question).toEqual(fresh.ask(question));
	});

	it('serves the edited and new documents and forgets the deleted one', () => {
		expect(reused.ask('can i post links to my own channel').text).toContain('twice a week');
		expect(reused.ask('can i add my own bot').answered).toBe(true);
		expect(reused.ask('do you ship to the uk').text).toContain('EU and the UK');
		expect(reused.ask('how do i reset my password').answered).toBe(false);
		expect(reused.documents().map((d) => d.id)).toEqual(['harbor-lights', 'server-rules', 'shop']);
	});

	it('leaves the engine it replaced answering from the old knowledge', () => {
		expect(previous.ask('how do i reset my password').text).toContain('reset link');
		// The old answer itself, not just "not the new one" (which an abstention would pass).
		const old = previous.ask('can i post links to my own channel');
		expect(old.answered).toBe(true);
		expect(old.text).toContain('once a week');
		expect(old.text).not.toContain('twice a week');
	});

	it('answers as an engine built from scratch after a reload where nothing changed', () => {
		const unchanged = buildEngine(after, {}, reused);
		for (const question of questions) expect(unchanged.ask(question), question).toEqual(fresh.ask(question));
	});

	it('rebuilds unchanged documents when the knowledge-wide synonyms change', () => {
		const withSynonym: KnowledgeBase = {
			...after,
			synonyms: [
				['film', 'movie'],
				['refund', 'money back'],
			],
		};
		const rebuilt = buildEngine(withSynonym, {}, reused);
		const scratch = buildEngine(withSynonym);
		expect(rebuilt.ask('can i get my money back').text).toContain('Refunds are possible');
		for (const question of [...questions, 'can i get my money back'])
			expect(rebuilt.ask(question), question).toEqual(scratch.ask(question));
	});
});
