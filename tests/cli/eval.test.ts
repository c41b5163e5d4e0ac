import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/types.js';
import { reliabilityBins } from '../../src/cli/eval-report.js';
import {
	judge,
	missCauses,
	rankingCandidates,
	scoreAnswers,
	topicsOffered,
	type EvalCase,
} from '../../src/cli/eval-score.js';
import { partOf, readEvalSet } from '../../src/cli/eval-sets.js';

const run = promisify(execFile);
const tsx = 'node_modules/.bin/tsx';

const answer = (title: string | undefined, text = '', score = 0.9): Answer => ({
	question: 'q',
	kind: title ? 'answer' : 'abstain',
	answered: title !== undefined,
	text,
	score,
	suggestions: [],
	...(title ? { source: { documentId: 'd', document: 'D', title, kind: 'faq' as const } } : {}),
});

const byTitle = (q: string, title: string | null): EvalCase => ({
	q,
	kind: title ? 'in' : 'oos',
	expect: null,
	expectTitle: title,
});

describe('scoring', () => {
	it('judges a FAQ-list question by the source title, whitespace and case aside', () => {
		const c = byTitle('how do I x', 'How do I  X?');
		expect(judge(c, answer('how do i x?'))).toBe('right');
		expect(judge(c, answer('Something else'))).toBe('wrong');
		expect(judge(c, answer(undefined))).toBe('missed');
		expect(judge(byTitle('weather?', null), answer('Anything'))).toBe('wrong');
	});

	it('judges a review question by the phrases the reply must contain', () => {
		const c: EvalCase = { q: 'when', kind: 'in', expect: [['June 6, 2025']], expectTitle: null };
		expect(judge(c, answer('Release date', 'It opens on June 6, 2025.'))).toBe('right');
		expect(judge(c, answer('Release date', 'It opens in June.'))).toBe('wrong');
	});

	it('counts the ranking alone: every first candidate, right or not, off-topic ones as wrong', () => {
		const cases = [byTitle('a', 'A'), byTitle('b', 'B'), byTitle('off', null)];
		const replies: Record<string, Answer> = {
			a: answer('A', '', 0.9),
			b: answer('A', '', 0.4),
			off: answer('A', '', 0.2),
		};
		const { firstRight, candidates } = rankingCandidates(cases, (q) => replies[q]!);
		expect(firstRight).toEqual({ right: 1, total: 2, rate: 0.5 });
		expect(candidates).toEqual([
			{ confidence: 0.9, right: true },
			{ confidence: 0.4, right: false },
			{ confidence: 0.2, right: false },
		]);
		const bins = reliabilityBins(candidates);
		expect(bins[9]).toMatchObject({ count: 1, right: 1 });
		expect(bins[4]).toMatchObject({ count: 1, right: 0 });
	});
});

describe('where the misses go', () => {
	const abstention = (reason: NonNullable<Answer['abstention']>): Answer => ({
		...answer(undefined),
		abstention: reason,
	});

	it('splits "too unsure" by whether the first candidate was right, and keeps the engine\'s other reasons', () => {
		const cases = ['sure', 'unsure-right', 'unsure-wrong', 'gap', 'names', 'hello', 'off'].map((q) =>
			byTitle(q, q === 'off' ? null : 'A'),
		);
		const served: Record<string, Answer> = {
			sure: answer('A'),
			'unsure-right': abstention('low-confidence'),
			'unsure-wrong': abstention('low-confidence'),
			gap: abstention('known-gap'),
			// Too unsure at the threshold, and refused by a rule even at threshold 0.
			names: abstention('low-confidence'),
			hello: { ...answer(undefined), kind: 'smalltalk' },
			off: abstention('no-candidate'),
		};
		const rankingAlone: Record<string, Answer> = {
			'unsure-right': answer('A', '', 0.5),
			'unsure-wrong': answer('B', '', 0.5),
			names: abstention('names-only'),
		};
		const report = scoreAnswers(cases, (q) => served[q]!);
		expect(missCauses(cases, report, (q) => rankingAlone[q]!)).toEqual({
			'right-below-threshold': 1,
			'wrong-below-threshold': 1,
			'known-gap': 1,
			'names-only': 1,
			'no-candidate': 0,
			vague: 0,
			'small-talk': 1,
		});
	});
});

describe('misses whose buttons held the right topic', () => {
	const suggesting = (...titles: string[]): Answer => ({
		...answer(undefined),
		abstention: 'low-confidence',
		suggestions: titles.map((title) => ({ title, documentId: 'd', question: `about ${title}` })),
	});

	it('counts a miss whose buttons lead to the right answer, and whether it was the first button', () => {
		const cases = ['first', 'second', 'none', 'answered', 'off'].map((q) =>
			byTitle(q, q === 'off' ? null : 'A'),
		);
		const served: Record<string, Answer> = {
			first: suggesting('A', 'B'),
			second: suggesting('B', 'A', 'C'),
			none: suggesting('B', 'C'),
			// Answered (wrongly): not a miss, whatever it would have offered.
			answered: { ...answer('B'), suggestions: suggesting('A').suggestions },
			off: suggesting('A'),
		};
		const report = scoreAnswers(cases, (q) => served[q]!);
		// A click answers with the topic it names, as the button does.
		const click = (suggestion: { question: string }) => answer(suggestion.question.replace('about ', ''));
		expect(topicsOffered(cases, report, click)).toEqual({ offered: 2, first: 1 });
	});

	it('does not count a button whose click abstains', () => {
		const cases = [byTitle('q', 'A')];
		const report = scoreAnswers(cases, () => suggesting('A'));
		expect(topicsOffered(cases, report, () => answer(undefined))).toEqual({ offered: 0, first: 0 });
	});
});

describe('halves of a set', () => {
	const cases = Array.from({ length: 40 }, (_, i) => byTitle(`question ${i}`, `Entry ${i % 8}`));

	it('splits a set into two disjoint halves that together are the whole set', () => {
		const tune = partOf(cases, 'tune');
		const check = partOf(cases, 'check');
		expect(tune.length + check.length).toBe(cases.length);
		expect(tune.filter((c) => check.includes(c))).toEqual([]);
		expect(tune.length).toBeGreaterThan(0);
		expect(check.length).toBeGreaterThan(0);
	});

	it('keeps every rephrasing of one FAQ entry in the same half', () => {
		for (const part of ['tune', 'check'] as const) {
			const titles = new Set(partOf(cases, part).map((c) => c.expectTitle));
			const other = partOf(cases, part === 'tune' ? 'check' : 'tune');
			expect(other.some((c) => titles.has(c.expectTitle))).toBe(false);
		}
	});
});

describe('reading a set', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'eval-set-'));
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	it('names the file and line of a line that is not a question', async () => {
		const file = join(dir, 'bad.jsonl');
		await writeFile(file, '{"q": "fine", "kind": "oos"}\n{"q": "no answer given", "kind": "in"}\n');
		await expect(readEvalSet(file)).rejects.toThrow(`${file}:2: line: an 'in' question needs`);
	});

	it('npm run eval on a missing set says what is missing in one line, not a stack trace', async () => {
		const missing = join(dir, 'nope.jsonl');
		const result = await run(tsx, ['src/cli/eval.ts', '--set', missing]).catch(
			(error: { code: number; stderr: string }) => error,
		);
		expect('code' in result ? result.code : 0).toBe(1);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toContain(`${missing}: no such file`);
		expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
	});

	it('npm run eval scores a set of FAQ-title questions against a knowledge folder', async () => {
		const knowledge = join(dir, 'knowledge');
		await run('mkdir', ['-p', knowledge]);
		await writeFile(
			join(knowledge, 'faq.yaml'),
			'title: Help\nfaq:\n  - question: How do I reset my password?\n    answer: Use the reset link on the sign-in page.\n',
		);
		const set = join(dir, 'set.jsonl');
		await writeFile(
			set,
			[
				'{"q": "how do i reset my password", "kind": "in", "expect_title": "How do I reset my password?"}',
				'{"q": "what is the capital of peru", "kind": "oos", "expect_title": null}',
			].join('\n'),
		);
		const { stdout } = await run(tsx, ['src/cli/eval.ts', '--set', set, '--dir', knowledge]);
		expect(stdout).toMatch(/100\.0% \(1\/1\)\s+0 \(0\.0%\)\s+100\.0% \(1\/1\)/);
	});
});
