import type { Answer } from './types.js';

/** Plain-text rendering of an answer for terminals (the console and `npm run ask`). */
export function renderAnswerText(answer: Answer): string {
	const lines = [answer.text];
	if (answer.source) {
		lines.push(
			`— Source: ${answer.source.document} › ${answer.source.title} (confidence ${answer.score.toFixed(2)})`,
		);
	}
	if (answer.suggestions.length > 0) {
		lines.push('Did you mean:');
		for (const s of answer.suggestions) lines.push(`  • ${s.title}`);
	}
	return lines.join('\n');
}

/** The JSON contract of `npm run ask -- --json` and `--jsonl`: one flat object per question. */
export interface AnswerJson {
	question: string;
	answered: boolean;
	answer: string;
	source: { document: string; title: string } | null;
	score: number;
	suggestions: string[];
}

export function toAnswerJson(answer: Answer): AnswerJson {
	return {
		question: answer.question,
		answered: answer.answered,
		answer: answer.text,
		source: answer.source ? { document: answer.source.document, title: answer.source.title } : null,
		score: answer.score,
		suggestions: answer.suggestions.map((s) => s.title),
	};
}
