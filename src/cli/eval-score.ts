import type { Answer } from '../answer/types.js';

/** One question of an evaluation set, in the format of ../shared/eval/README.md. */
export interface EvalCase {
	q: string;
	kind: 'in' | 'oos' | 'oos-hard';
	/** For `in`: alternatives, each a list of phrases that must all appear in the reply. */
	expect: string[][] | null;
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

/** The reply a user sees, as the scoring rule reads it: the answer text plus its source title. */
export function replyText(answer: Answer): string {
	return comparable(`${answer.text}\n${answer.source?.title ?? ''}`);
}

export function judge(testCase: EvalCase, answer: Answer): Outcome {
	if (testCase.kind !== 'in') return answer.answered ? 'wrong' : 'right';
	if (!answer.answered) return 'missed';
	const reply = replyText(answer);
	const matches = (testCase.expect ?? []).some((phrases) =>
		phrases.every((p) => reply.includes(comparable(p))),
	);
	return matches ? 'right' : 'wrong';
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
