/** Rows read back from the learning store are parsed, whichever version of the bot wrote them. */
import { describe, expect, it } from 'vitest';
import { parseRows, questionRow } from '../../src/storage/rows.js';

const row = (abstention: string | null) => ({
	id: 'rec0000000000001',
	asked_at: '1749211200000',
	guild_id: '123456789012345678',
	question: 'what is the budget',
	normalized: 'budget',
	outcome: 'abstained',
	confidence: 0,
	candidates: '[]',
	answer_document: null,
	answer_title: null,
	answer_kind: null,
	abstention,
	knowledge_version: 'abc123def456',
	resolution: null,
});

describe('a stored question', () => {
	it('keeps the reason the engine abstained', () => {
		expect(parseRows(questionRow, [row('known-gap')], 'questions')[0]?.abstention).toBe('known-gap');
	});

	it('reads without a reason when an earlier version wrote none, or a later one wrote a reason this one does not know', () => {
		// A rolling upgrade has both kinds of host writing to one database: neither may fail the read.
		for (const written of [null, 'some-future-reason']) {
			const [parsed] = parseRows(questionRow, [row(written)], 'questions');
			expect(parsed).toMatchObject({ question: 'what is the budget', outcome: 'abstained' });
			expect(parsed).not.toHaveProperty('abstention');
		}
	});
});
