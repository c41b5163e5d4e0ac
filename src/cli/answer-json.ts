import type { AbstentionReason, Answer, AnswerKind } from '../answer/types.js';

/** The JSON contract of `npm run ask -- --json` and `--jsonl`: one flat object per question. */
export interface AnswerJson {
	question: string;
	/** Tells small talk from abstention, which `answered: false` alone cannot. */
	kind: AnswerKind;
	answered: boolean;
	answer: string;
	source: { document: string; title: string } | null;
	score: number;
	suggestions: string[];
	/** Why the engine abstained (see AbstentionReason); null for an answer or small talk. */
	abstention: AbstentionReason | null;
}

export function toAnswerJson(answer: Answer): AnswerJson {
	return {
		question: answer.question,
		kind: answer.kind,
		answered: answer.answered,
		answer: answer.text,
		source: answer.source ? { document: answer.source.document, title: answer.source.title } : null,
		score: answer.score,
		suggestions: answer.suggestions.map((s) => s.title),
		abstention: answer.abstention ?? null,
	};
}

/** What `--jsonl` prints for a blank input line: an abstention, with nothing to suggest. */
export function blankLineJson(line: string): AnswerJson {
	return {
		question: line,
		kind: 'abstain',
		answered: false,
		answer: 'No question on this line.',
		source: null,
		score: 0,
		suggestions: [],
		abstention: 'vague',
	};
}
