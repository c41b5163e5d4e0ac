import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SearchEntry } from '../../src/search/search-index.js';
import { indexEntries } from '../../testkit/search-index.js';
import { rank, type RankOptions } from '../../src/search/rank.js';

// A small vocabulary, so that texts share words often and scores tie and crowd the top hits:
// where pruning by "cannot beat the current top hits" would go wrong if it were unsound.
const VOCABULARY = [
	'reset',
	'password',
	'launcher',
	'crash',
	'steam',
	'refund',
	'account',
	'email',
	'update',
	'server',
	'lag',
	'ban',
	'trade',
	'item',
	'guild',
	'quest',
	'map',
	'sound',
	'controller',
	'mod',
];
const word = fc.constantFrom(...VOCABULARY);
const text = fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));
const entry = (scope: string) =>
	fc
		.record({ questions: fc.array(text, { minLength: 1, maxLength: 3 }), body: fc.option(text) })
		.map(({ questions, body }): SearchEntry => ({
			scope,
			fields: [
				...questions.map((q) => ({ kind: 'question' as const, text: q })),
				...(body === null ? [] : [{ kind: 'body' as const, text: body }]),
			],
		}));
const knowledge = fc
	.tuple(fc.array(entry('a'), { minLength: 1, maxLength: 25 }), fc.array(entry('b'), { maxLength: 25 }))
	.map(([a, b]) => [...a, ...b]);
const question = fc
	.array(fc.oneof(word, fc.constantFrom('how', 'what', 'my', 'xylophone', 'pasword')), {
		minLength: 1,
		maxLength: 5,
	})
	.map((words) => words.join(' '));
const settings = fc.constantFrom<RankOptions>(
	{},
	{ stopWordIndex: true, centroidWeight: 0.5, neighbours: 2 },
	{ neighbours: 3, entryBlend: 0.15 },
);

describe('ranking only what can still make the top hits', () => {
	it('returns the same best hits whatever the limit (a smaller limit prunes more)', () => {
		fc.assert(
			fc.property(
				knowledge,
				question,
				settings,
				fc.integer({ min: 1, max: 5 }),
				(entries, q, options, limit) => {
					const index = indexEntries(entries, undefined, { wordPairs: options.stopWordIndex });
					const all = rank(index, q, { ...options, limit: 1000 });
					expect(rank(index, q, { ...options, limit })).toEqual(all.slice(0, limit));
				},
			),
			{ numRuns: 300 },
		);
	});

	it('returns exactly the hits at or above minScore', () => {
		fc.assert(
			fc.property(knowledge, question, fc.double({ min: 0, max: 1, noNaN: true }), (entries, q, minScore) => {
				const index = indexEntries(entries);
				const all = rank(index, q, { limit: 1000 });
				expect(rank(index, q, { limit: 1000, minScore })).toEqual(all.filter((hit) => hit.score >= minScore));
			}),
			{ numRuns: 300 },
		);
	});
});
