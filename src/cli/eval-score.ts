import type { AbstentionReason, Answer, Suggestion } from '../answer/types.js';

/**
 * One question of an evaluation set, by the scoring rule of ../shared/eval/README.md (phrases
 * the reply must contain) or of ../shared/benchmarks/stackfaq (the entry that must be the source).
 */
export interface EvalCase {
	q: string;
	kind: 'in' | 'oos' | 'oos-hard';
	/** For `in`: alternatives, each a list of phrases that must all appear in the reply. */
	expect: string[][] | null;
	/** For `in`: the source title the answer must have. */
	expectTitle: string | null;
}

export type Outcome = 'right' | 'wrong' | 'missed';

export interface EvalRow {
	question: string;
	kind: EvalCase['kind'];
	outcome: Outcome;
	answer: Answer;
}

interface Rate {
	right: number;
	total: number;
	rate: number;
}

export interface EvalReport {
	rows: EvalRow[];
	inScope: Rate;
	oos: Rate;
	oosHard: Rate;
	/** In-scope questions answered with none of the expected phrases: the worst outcome. */
	wrong: number;
	/** In-scope questions the engine abstained on. */
	missed: number;
}

const comparable = (text: string) =>
	text
		.toLowerCase()
		.replace(/[\u2018\u2019]/g, "'")
		.replace(/[\u201C\u201D]/g, '"');

const collapsed = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean).join(' ');

/** The reply a user sees, as the scoring rule reads it: the answer text plus its source title. */
export function replyText(answer: Answer): string {
	return comparable(`${answer.text}\n${answer.source?.title ?? ''}`);
}

/** Whether an answer (given it answered) is the right one for an in-scope question. */
export function answersRightly(testCase: EvalCase, answer: Answer): boolean {
	if (testCase.expectTitle !== null) {
		return collapsed(answer.source?.title ?? '') === collapsed(testCase.expectTitle);
	}
	const reply = replyText(answer);
	return (testCase.expect ?? []).some((phrases) => phrases.every((p) => reply.includes(comparable(p))));
}

export function judge(testCase: EvalCase, answer: Answer): Outcome {
	if (testCase.kind !== 'in') return answer.answered ? 'wrong' : 'right';
	if (!answer.answered) return 'missed';
	return answersRightly(testCase, answer) ? 'right' : 'wrong';
}

const rate = (rows: EvalRow[]): Rate => {
	const right = rows.filter((r) => r.outcome === 'right').length;
	return { right, total: rows.length, rate: rows.length === 0 ? 0 : right / rows.length };
};

export function scoreAnswers(cases: readonly EvalCase[], ask: (question: string) => Answer): EvalReport {
	const rows = cases.map((c) => {
		const answer = ask(c.q);
		return { question: c.q, kind: c.kind, outcome: judge(c, answer), answer };
	});
	const inRows = rows.filter((r) => r.kind === 'in');
	return {
		rows,
		inScope: rate(inRows),
		oos: rate(rows.filter((r) => r.kind === 'oos')),
		oosHard: rate(rows.filter((r) => r.kind === 'oos-hard')),
		wrong: inRows.filter((r) => r.outcome === 'wrong').length,
		missed: inRows.filter((r) => r.outcome === 'missed').length,
	};
}

/** A candidate answer with its confidence, and whether answering with it would have been right. */
export interface Candidate {
	confidence: number;
	right: boolean;
}

/**
 * What the ranking alone gets right: the engine's first candidate for every question, whatever
 * its confidence (`ask` is an engine whose threshold is 0). Off-topic questions count as wrong
 * candidates: any answer to them is wrong. Small talk and known gaps give no candidate.
 */
export function rankingCandidates(
	cases: readonly EvalCase[],
	ask: (question: string) => Answer,
): { firstRight: Rate; candidates: Candidate[] } {
	const candidates: Candidate[] = [];
	let right = 0;
	let total = 0;
	for (const c of cases) {
		const answer = ask(c.q);
		const isRight = c.kind === 'in' && answer.answered && answersRightly(c, answer);
		if (c.kind === 'in') {
			total++;
			if (isRight) right++;
		}
		if (answer.answered) candidates.push({ confidence: answer.score, right: isRight });
	}
	return { firstRight: { right, total, rate: total === 0 ? 0 : right / total }, candidates };
}

/**
 * Why an in-scope question went unanswered: the engine's own reason, with "low confidence" split
 * by whether the first candidate (the ranking alone) would have been right. The two halves call
 * for different work: a right candidate under the threshold is the confidence's loss, a wrong one
 * the ranking's.
 */
export type MissCause =
	| 'right-below-threshold'
	| 'wrong-below-threshold'
	| Exclude<AbstentionReason, 'low-confidence'>
	| 'small-talk';

export const MISS_CAUSES: readonly MissCause[] = [
	'right-below-threshold',
	'wrong-below-threshold',
	'known-gap',
	'names-only',
	'no-candidate',
	'vague',
	'small-talk',
];

/**
 * Counts the in-scope misses of `report` by cause; `rankingAlone` is the answer of an engine with
 * threshold 0 to the same question. A miss whose candidate was both too unsure and refused by a
 * rule counts under the rule: answering it would take more than a better confidence.
 */
export function missCauses(
	cases: readonly EvalCase[],
	report: EvalReport,
	rankingAlone: (question: string) => Answer,
): Record<MissCause, number> {
	const counts = Object.fromEntries(MISS_CAUSES.map((cause) => [cause, 0])) as Record<MissCause, number>;
	report.rows.forEach((row, i) => {
		if (row.kind !== 'in' || row.outcome !== 'missed') return;
		if (row.answer.kind === 'smalltalk') {
			counts['small-talk']++;
			return;
		}
		const reason = row.answer.abstention ?? 'no-candidate';
		if (reason !== 'low-confidence') {
			counts[reason]++;
			return;
		}
		const first = rankingAlone(row.question);
		if (first.answered) {
			counts[answersRightly(cases[i]!, first) ? 'right-below-threshold' : 'wrong-below-threshold']++;
			return;
		}
		// Refused by a rule that the confidence, being lower still, was not asked about.
		const rule = first.abstention ?? 'no-candidate';
		counts[rule === 'low-confidence' ? 'wrong-below-threshold' : rule]++;
	});
	return counts;
}

/** In-scope misses whose "did you mean" buttons held the right topic: one click from the answer. */
export interface TopicsOffered {
	/** The right topic was among the buttons. */
	offered: number;
	/** It was the first button. */
	first: number;
}

/**
 * Counts the in-scope misses of `report` that offered the right topic: a suggestion whose answer,
 * as a click on its button gives it (`click`), is right by the set's rule (the Discord reply
 * shows every suggestion the engine makes as a button). Never a right answer: the user still has
 * to click, and the figure says how often that click would be there to make.
 */
export function topicsOffered(
	cases: readonly EvalCase[],
	report: EvalReport,
	click: (suggestion: Suggestion) => Answer,
): TopicsOffered {
	const counts: TopicsOffered = { offered: 0, first: 0 };
	report.rows.forEach((row, i) => {
		if (row.kind !== 'in' || row.outcome !== 'missed') return;
		const position = row.answer.suggestions.findIndex((suggestion) => {
			const answer = click(suggestion);
			return answer.answered && answersRightly(cases[i]!, answer);
		});
		if (position >= 0) counts.offered++;
		if (position === 0) counts.first++;
	});
	return counts;
}
