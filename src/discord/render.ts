/**
 * How answers look on Discord. Bodies are built whole; sending them through ./reply.ts cuts them
 * to Discord's limits.
 */
import {
	ButtonStyle,
	ComponentType,
	type APIActionRowComponent,
	type APIButtonComponentWithCustomId,
	type APIEmbed,
} from 'discord.js';
import type { Answer } from '../answer/types.js';
import { suggestionCustomId } from './custom-id.js';
import { voteButtons } from './feedback.js';
import type { ReplyBody } from './reply.js';

export const ANSWER_COLOR = 0x5865f2;
/** "Did you mean" offers at most this many topics: a short choice, not a menu. */
export const MAX_SUGGESTION_BUTTONS = 3;

/** How far the answer can be trusted, for people: a percentage with a word. */
export function describeConfidence(score: number): string {
	const percent = Math.round(Math.min(1, Math.max(0, score)) * 100);
	const word = score >= 0.8 ? 'high' : score >= 0.6 ? 'good' : 'fair';
	return `${percent}% (${word})`;
}

/** The embed for a knowledge answer: the passage, where it came from and how sure the engine is. */
export function answerEmbed(answer: Answer): APIEmbed {
	const source = answer.source;
	return {
		color: ANSWER_COLOR,
		...(source ? { author: { name: source.document } } : {}),
		description: answer.text,
		fields: [
			...(source ? [{ name: 'Source', value: `${source.document} › ${source.title}` }] : []),
			{ name: 'Confidence', value: describeConfidence(answer.score), inline: true },
		],
	};
}

/** Up to three "did you mean" buttons in one row; each click asks that topic's question. */
export function suggestionButtons(answer: Answer): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
	const seen = new Set<string>();
	const buttons: APIButtonComponentWithCustomId[] = [];
	for (const suggestion of answer.suggestions.slice(0, MAX_SUGGESTION_BUTTONS)) {
		const customId = suggestionCustomId(suggestion);
		if (seen.has(customId)) continue;
		seen.add(customId);
		buttons.push({
			type: ComponentType.Button,
			style: ButtonStyle.Secondary,
			label: suggestion.title,
			custom_id: customId,
		});
	}
	return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

/**
 * Renders any answer: an embed for knowledge (with 👍 / 👎 when it was recorded as `recordId`),
 * plain text for small talk, an honest "don't know" with suggestions.
 */
export function renderAnswer(answer: Answer, recordId?: string): ReplyBody {
	switch (answer.kind) {
		case 'answer':
			return { embeds: [answerEmbed(answer)], ...(recordId ? { components: [voteButtons(recordId)] } : {}) };
		case 'smalltalk':
			return { content: answer.text };
		case 'abstain': {
			const components = suggestionButtons(answer);
			const lead = components.length > 0 ? `${answer.text}\nDid you mean one of these?` : answer.text;
			return { content: lead, components };
		}
	}
}
