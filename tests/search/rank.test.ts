import { describe, expect, it } from 'vitest';
import type { SearchEntry } from '../../src/search/search-index.js';
import { indexEntries } from '../../testkit/search-index.js';
import { rank } from '../../src/search/rank.js';
import { rankingsInFreshProcess } from '../support/fresh-process.js';

const entries: SearchEntry[] = [
	{
		scope: 'shop',
		fields: [
			{ kind: 'question', text: 'How do I return an item?' },
			{ kind: 'body', text: 'Send it back within 30 days with the receipt.' },
		],
	},
	{
		scope: 'shop',
		fields: [
			{ kind: 'question', text: 'Do you ship abroad?' },
			{ kind: 'body', text: 'We ship to the EU and the UK; an item sent abroad cannot be returned free.' },
		],
	},
	{
		scope: 'shop',
		fields: [
			{ kind: 'heading', text: 'Opening hours' },
			{ kind: 'body', text: 'The shop opens at nine.' },
		],
	},
	{
		scope: 'club',
		fields: [{ kind: 'question', text: 'How do I return a borrowed racket?' }],
	},
];
const index = indexEntries(entries);

describe('rank', () => {
	it('prefers an entry whose question matches over one whose body mentions the words', () => {
		const [first, second] = rank(index, 'return an item', { scopes: ['shop'] });
		expect(first?.entry).toBe(0);
		expect(second?.entry).toBe(1);
		expect(first!.score).toBeGreaterThan(second!.score);
	});

	it('scores a full match near 1 and a question with unknown words much lower', () => {
		const [full] = rank(index, 'how do I return an item');
		const [partial] = rank(index, 'how do I return an item to the moon colony');
		expect(full!.score).toBeGreaterThan(0.9);
		expect(partial!.score).toBeLessThan(0.5);
		expect(partial!.unknownShare).toBeGreaterThan(0.3);
	});

	it('limits ranking to the given scopes', () => {
		const hits = rank(index, 'return a racket', { scopes: ['shop'] });
		expect(hits.every((hit) => entries[hit.entry]?.scope === 'shop')).toBe(true);
		expect(rank(index, 'return a racket')[0]?.entry).toBe(3);
	});

	it('matches a heading when the question names the topic', () => {
		expect(rank(index, 'opening hours?')[0]?.entry).toBe(2);
	});

	it('matches questions made only of stop words against questions, word for word', () => {
		expect(rank(index, 'do you?')[0]?.entry).toBe(1);
	});

	it('returns nothing for a question with nothing in common with the knowledge', () => {
		expect(rank(index, 'quantum chromodynamics')).toEqual([]);
	});

	it('returns the same ranking in a new process over the same entries, ties and scores included', async () => {
		const queries = ['item', 'return', 'do you?', 'how do I return', 'ship item'];
		const here = queries.map((query) => rank(index, query));
		// Not vacuous: each query ranks several entries, so their order is part of what is compared.
		for (const hits of here) expect(hits.length).toBeGreaterThanOrEqual(2);
		expect(await rankingsInFreshProcess(entries, queries)).toEqual(JSON.parse(JSON.stringify(here)));
	}, 60_000);
});
