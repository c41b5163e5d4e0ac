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

type Topic = { documentId: string; question: string };

/**
 * Each engine's topics by the hash of their custom id, built on the first hashed click the engine
 * resolves. Hashing every topic on every click cost ~290 ms of the thread that answers Discord at
 * 100k topics. An engine never changes (a reload builds a new one), so its map never goes stale;
 * keyed weakly, a replaced engine's map goes with it.
 */
const topicsByHash = new WeakMap<AnswerEngine, ReadonlyMap<string, Topic>>();

function hashedTopics(engine: AnswerEngine): ReadonlyMap<string, Topic> {
	let topics = topicsByHash.get(engine);
	if (!topics) {
		const map = new Map<string, Topic>();
		for (const { documentId, question } of engine.complete('', Number.MAX_SAFE_INTEGER)) {
			const hash = hashOf(documentId, question);
			// The first topic wins, as a scan in topic order would find it.
			if (!map.has(hash)) map.set(hash, { documentId, question });
		}
		topics = map;
		topicsByHash.set(engine, topics);
	}
	return topics;
}

/** Turns a parsed custom id back into something to ask; undefined when the topic is gone. */
export function resolveSuggestion(ref: SuggestionRef, engine: AnswerEngine): Topic | undefined {
	if (ref.kind === 'direct') {
		const { documentId, question } = ref;
		return engine.documents().some((d) => d.id === documentId) ? { documentId, question } : undefined;
	}
	return hashedTopics(engine).get(ref.hash);
}
