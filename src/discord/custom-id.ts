import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AnswerEngine, Suggestion } from '../answer/types.js';
import { CUSTOM_ID_MAX } from './limits.js';

/**
 * "Did you mean" buttons carry the suggestion in their custom id, so a click needs no state kept
 * by the bot (and works on any shard, after a restart, ...):
 *
 * - `dym|<documentId>|<question>` when that fits in 100 characters: the question is asked again;
 * - `dyh|<hash>` otherwise: 16 hex digits of SHA-256 over document id and question, looked up among
 *   the engine's topics when clicked (a topic that has since been removed simply isn't found).
 */

const DIRECT = 'dym';
const HASHED = 'dyh';

export type SuggestionRef =
	{ kind: 'direct'; documentId: string; question: string } | { kind: 'hashed'; hash: string };

function hashOf(documentId: string, question: string): string {
	return createHash('sha256').update(`${documentId}\u0000${question}`).digest('hex').slice(0, 16);
}

export function suggestionCustomId(suggestion: Pick<Suggestion, 'documentId' | 'question'>): string {
	const direct = `${DIRECT}|${suggestion.documentId}|${suggestion.question}`;
	if (direct.length <= CUSTOM_ID_MAX && !suggestion.documentId.includes('|')) return direct;
	return `${HASHED}|${hashOf(suggestion.documentId, suggestion.question)}`;
}

const customIdSchema = z.union([
	z
		.string()
		.max(CUSTOM_ID_MAX)
		.regex(/^dym\|[^|]+\|.+$/s)
		.transform((id): SuggestionRef => {
			const [, documentId = '', ...rest] = id.split('|');
			return { kind: 'direct', documentId, question: rest.join('|') };
		}),
	z
		.string()
		.regex(/^dyh\|[0-9a-f]{16}$/)
		.transform((id): SuggestionRef => ({ kind: 'hashed', hash: id.slice(4) })),
]);

/** Parses a button's custom id; undefined for ids this bot never made. */
export function parseSuggestionCustomId(customId: string): SuggestionRef | undefined {
	const result = customIdSchema.safeParse(customId);
	return result.success ? result.data : undefined;
}

/** Turns a parsed custom id back into something to ask; undefined when the topic is gone. */
export function resolveSuggestion(
	ref: SuggestionRef,
	engine: AnswerEngine,
): { documentId: string; question: string } | undefined {
	if (ref.kind === 'direct') {
		return engine.documents().some((d) => d.id === ref.documentId) ? ref : undefined;
	}
	const topics = engine.complete('', Number.MAX_SAFE_INTEGER);
	const topic = topics.find((t) => hashOf(t.documentId, t.question) === ref.hash);
	return topic && { documentId: topic.documentId, question: topic.question };
}
