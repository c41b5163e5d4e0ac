import {
	ButtonStyle,
	ComponentType,
	type APIActionRowComponent,
	type APIButtonComponentWithCustomId,
	type APIEmbed,
} from 'discord.js';
import type { Answer } from '../answer/types.js';
import { suggestionCustomId } from './custom-id.js';
import {
	BUTTON_LABEL_MAX,
	BUTTONS_PER_ROW_MAX,
	EMBED_AUTHOR_NAME_MAX,
	EMBED_DESCRIPTION_MAX,
	EMBED_FIELD_VALUE_MAX,
	EMBED_TOTAL_MAX,
	MESSAGE_CONTENT_MAX,
} from './limits.js';
import { truncate } from './truncate.js';

export const ANSWER_COLOR = 0x5865f2;
/** "Did you mean" offers at most this many topics: a short choice, not a menu. */
export const MAX_SUGGESTION_BUTTONS = 3;

/** A message body as plain API data; discord.js sends it as is. */
export interface ReplyBody {
	content?: string;
	embeds?: APIEmbed[];
	components?: APIActionRowComponent<APIButtonComponentWithCustomId>[];
}

/** How far the answer can be trusted, for people: a percentage with a word. */
export function describeConfidence(score: number): string {
	const percent = Math.round(Math.min(1, Math.max(0, score)) * 100);
	const word = score >= 0.8 ? 'high' : score >= 0.6 ? 'good' : 'fair';
	return `${percent}% (${word})`;
}

/** Counts what Discord counts toward the 6000-character total of a message's embeds. */
export function embedLength(embed: APIEmbed): number {
	return (
		(embed.title?.length ?? 0) +
		(embed.description?.length ?? 0) +
		(embed.footer?.text.length ?? 0) +
		(embed.author?.name.length ?? 0) +
		(embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
	);
}

/** The embed for a knowledge answer: the passage, where it came from and how sure the engine is. */
export function answerEmbed(answer: Answer): APIEmbed {
	const source = answer.source;
	const fields = [
		...(source
			? [{ name: 'Source', value: truncate(`${source.document} › ${source.title}`, EMBED_FIELD_VALUE_MAX) }]
			: []),
		{ name: 'Confidence', value: describeConfidence(answer.score), inline: true },
	];
	const embed: APIEmbed = {
		color: ANSWER_COLOR,
		...(source ? { author: { name: truncate(source.document, EMBED_AUTHOR_NAME_MAX) } } : {}),
		fields,
	};
	const room = EMBED_TOTAL_MAX - embedLength(embed);
	embed.description = truncate(answer.text, Math.min(EMBED_DESCRIPTION_MAX, room));
	return embed;
}

/** Up to three "did you mean" buttons in one row; each click asks that topic's question. */
export function suggestionButtons(answer: Answer): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
	const seen = new Set<string>();
	const buttons: APIButtonComponentWithCustomId[] = [];
	for (const suggestion of answer.suggestions.slice(
		0,
		Math.min(MAX_SUGGESTION_BUTTONS, BUTTONS_PER_ROW_MAX),
	)) {
		const customId = suggestionCustomId(suggestion);
		if (seen.has(customId)) continue;
		seen.add(customId);
		buttons.push({
			type: ComponentType.Button,
			style: ButtonStyle.Secondary,
			label: truncate(suggestion.title, BUTTON_LABEL_MAX),
			custom_id: customId,
		});
	}
	return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

/** Renders any answer: an embed for knowledge, plain text for small talk, an honest "don't know" with suggestions. */
export function renderAnswer(answer: Answer): ReplyBody {
	switch (answer.kind) {
		case 'answer':
			return { embeds: [answerEmbed(answer)] };
		case 'smalltalk':
			return { content: truncate(answer.text, MESSAGE_CONTENT_MAX) };
		case 'abstain': {
			const components = suggestionButtons(answer);
			const lead = components.length > 0 ? `${answer.text}\nDid you mean one of these?` : answer.text;
			return { content: truncate(lead, MESSAGE_CONTENT_MAX), components };
		}
	}
}
