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
