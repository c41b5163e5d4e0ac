/**
 * Clustering the unanswered questions by the engine's own normalisation, and the stats: what a
 * moderator sees in `/unanswered` and `/stats`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeService } from '../../src/answer/service.js';
import { clusterQuestions } from '../../src/learning/clusters.js';
import {
	REASON_HINTS,
	REASON_LABELS,
	renderStatsText,
	renderUnansweredText,
} from '../../src/learning-loop/render-text.js';
import type { QuestionRecord } from '../../src/learning/records.js';
import { approval, periodStats } from '../../src/learning/stats.js';
import { askedRecords } from '../../testkit/learning.js';

let service: KnowledgeService;
beforeAll(async () => {
	service = (await KnowledgeService.open('tests/fixtures/knowledge/good')).service;
});

let clock = 1_000;
function asked(question: string): QuestionRecord {
	return askedRecords(service, [question], clock++)[0]!;
}

describe('clusterQuestions', () => {
	it('groups questions worded alike (spelling folded), largest first, with counts, three examples and closest topics', () => {
		const questions = [
			'can I stream the heist on netflix',
			'can i stream the hiest on netflx?',
			'is the heist streaming on netflix',
			'netflix heist stream',
			'can I stream the heist on netflix',
			'how do I bake bread',
			'baking bread',
			'bread baking tips',
			'what is the capital of peru',
		].map(asked);
		const clusters = clusterQuestions(questions);
		expect(clusters.map((c) => c.count)).toEqual([5, 3, 1]);
		const [netflix, bread, peru] = clusters;
		expect(netflix!.question).toBe('can I stream the heist on netflix');
		expect(netflix!.examples).toHaveLength(3);
		expect(netflix!.examples[0]).toBe('can I stream the heist on netflix');
		expect(new Set(netflix!.questionIds)).toEqual(new Set(questions.slice(0, 5).map((q) => q.id)));
		expect(netflix!.topics[0]).toMatchObject({
			documentId: 'night-heist',
			title: 'Introduction',
			kind: 'section',
		});
		expect(netflix!.topics.length).toBeLessThanOrEqual(3);
		expect(bread!.examples.sort()).toEqual(['baking bread', 'bread baking tips', 'how do I bake bread']);
		expect(peru!.examples).toEqual(['what is the capital of peru']);
		expect(clusters.every((c) => c.topics.every((t) => t.kind !== 'fact'))).toBe(true);
	});

	it('says why most of a cluster went unanswered, and what would answer it', () => {
		const clusters = clusterQuestions(
			[
				'is the heist scary',
				'is the heist scary?',
				'how do I bake bread',
				'baking bread',
				'can I stream the heist on netflix',
				'can i stream the heist on netflix',
			].map(asked),
		);
		const reasonOf = (example: string) => clusters.find((c) => c.examples.includes(example))?.reason;
		// A section came close; nothing in the knowledge is about bread; streaming is a known gap.
		expect(reasonOf('is the heist scary')).toBe('low-confidence');
		expect(reasonOf('baking bread')).toBe('no-candidate');
		expect(reasonOf('can I stream the heist on netflix')).toBe('known-gap');
		const text = renderUnansweredText({ days: 30, questions: 6, clusters });
		for (const reason of ['low-confidence', 'no-candidate', 'known-gap'] as const)
			expect(text).toContain(`why: ${REASON_HINTS[reason]}`);
	});

	it('takes the most frequent reason, and none from records that do not say', () => {
		const [one] = clusterQuestions(['baking bread', 'baking bread', 'baking bread'].map(asked));
		expect(one!.reason).toBe('no-candidate');
		const older = ['baking bread', 'baking bread'].map((q) => {
			const { abstention, ...record } = asked(q);
			expect(abstention).toBe('no-candidate');
			return record;
		});
		expect(clusterQuestions(older)[0]!.reason).toBeUndefined();
		const mixed = [...older, { ...asked('baking bread'), abstention: 'vague' as const }];
		expect(clusterQuestions(mixed)[0]!.reason).toBe('vague');
	});

	it('gives the same keys and order for the same questions, whatever order they come in', () => {
		const questions = ['netflix heist stream', 'baking bread', 'how do I bake bread', 'heist on netflix'].map(
			asked,
		);
		const forward = clusterQuestions(questions);
		const backward = clusterQuestions([...questions].reverse());
		expect(backward.map((c) => [c.key, c.count])).toEqual(forward.map((c) => [c.key, c.count]));
		expect(new Set(forward.map((c) => c.key)).size).toBe(forward.length);
	});

	it('keeps questions without content words apart unless they are the very same text', () => {
		const clusters = clusterQuestions(['what?', 'what?', 'why?'].map(asked));
		expect(clusters.map((c) => [c.question, c.count])).toEqual([
			['what?', 2],
			['why?', 1],
		]);
	});

	it('does not chain: a question sharing one word with the largest group’s does not join it', () => {
		const clusters = clusterQuestions(
			['stream heist netflix', 'stream heist netflix', 'stream music online'].map(asked),
		);
		expect(clusters.map((c) => c.count)).toEqual([2, 1]);
	});
});

describe('periodStats', () => {
	const topic = (title: string) => ({ documentId: 'rules', title, kind: 'faq' as const });

	it('counts, the abstention rate among knowledge questions, votes by topic and the five worst rated', () => {
		const ratings = [
			{ topic: topic('A'), up: 10, down: 0 },
			{ topic: topic('B'), up: 1, down: 9 },
			{ topic: topic('C'), up: 0, down: 1 },
			{ topic: topic('D'), up: 5, down: 5 },
			{ topic: topic('E'), up: 2, down: 3 },
			{ topic: topic('F'), up: 8, down: 2 },
			{ topic: topic('G'), up: 3, down: 1 },
		];
		const stats = periodStats(7, { answered: 30, abstained: 10, smalltalk: 5 }, ratings);
		expect(stats).toMatchObject({
			days: 7,
			asked: 45,
			answered: 30,
			abstained: 10,
			smalltalk: 5,
			abstentionRate: 0.25,
		});
		expect(stats.topics.map((r) => r.topic.title)).toEqual(['A', 'B', 'D', 'F', 'E', 'G', 'C']);
		expect(stats.worst.map((r) => r.topic.title)).toEqual(['B', 'C', 'E', 'D', 'G']);
		expect(approval({ up: 0, down: 1 })).toBeGreaterThan(approval({ up: 1, down: 9 }));
	});

	it('counts the abstentions by why, the most first, in the text report too', () => {
		const stats = periodStats(
			30,
			{ answered: 5, abstained: 6, smalltalk: 0, abstainedBy: { 'no-candidate': 1, 'low-confidence': 4 } },
			[],
		);
		expect(stats.abstainedBy).toEqual({ 'no-candidate': 1, 'low-confidence': 4 });
		// One abstention came from a version that did not record why: it is in no reason's count.
		expect(renderStatsText([stats])).toContain(
			`abstained because: 4 ${REASON_LABELS['low-confidence']} · 1 ${REASON_LABELS['no-candidate']}`,
		);
		expect(renderStatsText([periodStats(7, { answered: 1, abstained: 0, smalltalk: 0 }, [])])).not.toContain(
			'abstained because',
		);
	});

	it('has a zero abstention rate and no worst topics when nothing was asked', () => {
		expect(periodStats(30, { answered: 0, abstained: 0, smalltalk: 0 }, [])).toMatchObject({
			asked: 0,
			abstentionRate: 0,
			worst: [],
		});
	});
});
