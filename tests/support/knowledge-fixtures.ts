import type { KnowledgeBase, KnowledgeDocument } from '../../src/knowledge/types.js';

/** A small film document written for the tests (not the real review), with every kind of target. */
export function filmDocument(overrides: Partial<KnowledgeDocument> = {}): KnowledgeDocument {
	return {
		id: 'harbor-lights',
		title: 'Harbor Lights',
		aliases: ['Harbor Lights movie'],
		kind: 'film',
		file: 'harbor-lights.md',
		facts: {
			releaseDate: '2024-03-15',
			directors: [{ name: 'Mira Costa', knownFor: ['Salt Roads'] }],
			cast: [
				{ name: 'Theo Park', role: 'Captain Elias', knownFor: ['Deep Water'] },
				{ name: 'Lena Marsh', knownFor: [] },
			],
			composers: ['Ola Brandt'],
			runtimeMinutes: 104,
		},
		sections: [
			{
				id: 'the-story',
				heading: 'The Story',
				alternates: ['What happens in it?'],
				paragraphs: [
					'A lighthouse keeper discovers smugglers using his beacon to signal their boats.',
					'The second half turns into a storm-bound siege at the lighthouse, and the pacing slows badly.',
				],
			},
			{
				id: 'sound-design',
				heading: 'Sound Design',
				alternates: [],
				paragraphs: ['Foghorns and creaking timber make the sound mix unusually immersive.'],
			},
		],
		faq: [
			{
				id: 'is-it-scary',
				question: 'Is Harbor Lights scary?',
				answer: 'It is tense rather than scary, with a few jump scares in the storm sequence.',
				alternates: ['Is it a horror film?', 'Will it frighten children?'],
			},
		],
		synonyms: [['smugglers', 'pirates']],
		...overrides,
	};
}

export function faqListDocument(): KnowledgeDocument {
	return {
		id: 'server-rules',
		title: 'Server Rules',
		aliases: ['rules'],
		kind: 'general',
		file: 'server-rules.yaml',
		sections: [],
		faq: [
			{
				id: 'self-promotion',
				question: 'Can I post links to my own channel?',
				answer: 'Self-promotion is only allowed in #showcase, once a week.',
				alternates: ['Is advertising allowed?', 'Where can I share my stream?'],
			},
			{
				id: 'roles',
				question: 'Where do I apply for the artist role?',
				answer: 'Post three pieces in #showcase and ask a moderator.',
				alternates: ['How do I become an artist?'],
			},
		],
		synonyms: [],
	};
}

export function knowledgeOf(...documents: KnowledgeDocument[]): KnowledgeBase {
	return { documents, synonyms: [['film', 'movie']] };
}
