import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlowestInputs } from '../../testkit/fuzz-slowest.js';
import { KnowledgeService } from '../../src/answer/service.js';
import type { AnswerEngine } from '../../src/answer/types.js';
import { DIRECTOR_QUESTION } from '../support/questions.js';

/** CI runs a short version; `FUZZ_RUNS=20000 npm test` runs the long one. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 600);
/** With FUZZ_SLOWEST_OUT=<file>, the slowest questions are saved there for `npm run bench`. */
const slowest = new SlowestInputs('tests/answer/fuzz.test.ts', {
	measured: 'engine.ask on knowledge/ (median of 5 asks once the run is over)',
	runs: 2 * RUNS,
});

const hostileFragments = fc.constantFrom(
	'@everyone',
	'@here',
	'<@123456789012345678>',
	'<@&123456789012345678>',
	'<#123456789012345678>',
	'<:pepe:123456789012345678>',
	"'release",
	'!cast',
	'^who',
	'=director',
	'| ballerina',
	'.*',
	'(?:x)+',
	'[a-z]{2,}',
	'\\d+$',
	'\u200B',
	'\u200D',
	'\uFEFF',
	'\u202E',
	'😀🔥',
	'👩‍👩‍👧',
	'Баллерина',
	'バレリーナ',
	'باليرينا',
	'Ｂａｌｌｅｒｉｎａ',
	'release date',
	DIRECTOR_QUESTION,
	'',
	'   ',
	'\n\t',
);

const question = fc.oneof(
	fc.string({ maxLength: 200 }),
	fc.string({ unit: 'grapheme', maxLength: 100 }),
	fc.array(hostileFragments, { maxLength: 12 }).map((parts) => parts.join(' ')),
	fc.array(fc.oneof(hostileFragments, fc.string({ maxLength: 20 })), { maxLength: 8 }).map((p) => p.join('')),
	fc.nat({ max: 4000 }).map((n) => 'when is the premiere '.repeat(200).slice(0, n)),
	fc.constant('x'.repeat(4000)),
);

describe('the engine on any input', () => {
	let engine: AnswerEngine;
	beforeAll(async () => {
		engine = (await KnowledgeService.open('knowledge')).service.engine;
	});
	afterAll(() => slowest.save((q) => engine.ask(q)));

	it('never throws and always answers, abstains or makes small talk within its contract', () => {
		fc.assert(
			fc.property(question, (q) => {
				const answer = slowest.time(q, () => engine.ask(q));
				expect(['answer', 'abstain', 'smalltalk']).toContain(answer.kind);
				expect(answer.answered).toBe(answer.kind === 'answer');
				expect(answer.text.length).toBeGreaterThan(0);
				expect(answer.score).toBeGreaterThanOrEqual(0);
				expect(answer.score).toBeLessThanOrEqual(1);
				expect(answer.suggestions.length).toBeLessThanOrEqual(3);
				if (answer.answered) expect(answer.source).toBeDefined();
				// Every abstention says why; nothing else does.
				expect(answer.abstention !== undefined).toBe(answer.kind === 'abstain');
			}),
			{ numRuns: RUNS },
		);
	});

	it('never echoes what was typed, so a mention in a question cannot come back in a reply', () => {
		fc.assert(
			fc.property(fc.array(hostileFragments, { minLength: 1, maxLength: 6 }), (parts) => {
				const q = parts.join(' ');
				const answer = slowest.time(q, () => engine.ask(q));
				const reply = [answer.text, ...answer.suggestions.map((s) => s.title)].join('\n');
				expect(reply).not.toMatch(/@everyone|@here|<@&?\d+>/);
			}),
			{ numRuns: RUNS },
		);
	});

	it('answers autocomplete for any partial input within the limit', () => {
		fc.assert(
			fc.property(question, fc.integer({ min: 1, max: 25 }), (q, limit) => {
				expect(engine.complete(q, limit).length).toBeLessThanOrEqual(limit);
			}),
			{ numRuns: Math.ceil(RUNS / 3) },
		);
	});
});
