/**
 * What the learning loop keeps about a question and a vote. Built from the engine's answer, so it
 * holds what the engine saw (its normalised form, its top three topics, the knowledge version)
 * and nothing about who asked: no user id or name, only the guild (or "DM").
 */
import { randomBytes } from 'node:crypto';
import type { AbstentionReason, Answer, Candidate, SourceKind } from '../answer/types.js';

export type Outcome = 'answered' | 'abstained' | 'smalltalk';
export const OUTCOMES: readonly Outcome[] = ['answered', 'abstained', 'smalltalk'];

/** Where a question was asked from, for records of direct messages. */
export const DIRECT_MESSAGE = 'DM';

/** A topic of the knowledge: an FAQ entry, a section or a fact of one document. */
export interface TopicRef {
	documentId: string;
	title: string;
	kind: SourceKind;
}

export interface QuestionRecord {
	/** Made when the question is answered, so a 👍/👎 button can name it before it is written. */
	id: string;
	/** Milliseconds since the epoch. */
	askedAt: number;
	/** The guild's id, or {@link DIRECT_MESSAGE}. */
	guildId: string;
	/** As typed. */
	question: string;
	/** The engine's normalised form of it (see Answer.normalized). */
	normalized: string;
	outcome: Outcome;
	/** The engine's confidence in its answer, 0..1 (0 when it abstained without a candidate). */
	confidence: number;
	/** The engine's top three topics with their ranking scores, best first. */
	candidates: Candidate[];
	/** The topic answered from, when answered. */
	answer?: TopicRef;
	/** Why the engine abstained, when it did (absent from records of versions that did not say). */
	abstention?: AbstentionReason;
	knowledgeVersion: string;
}

export type Resolution = 'alternate' | 'dismissed';

/** A record as read back: whether a moderator has dealt with it. */
export interface StoredQuestion extends QuestionRecord {
	resolution?: Resolution;
}

export type VoteValue = 'up' | 'down';

export interface VoteRecord {
	questionId: string;
	/** A keyed hash of the voter's user id: one vote per user and answer, and no user id kept. */
	voter: string;
	vote: VoteValue;
	/** Milliseconds since the epoch. */
	votedAt: number;
}

/** Record ids: 96 random bits, URL-safe, short enough for a Discord custom id. */
export function newRecordId(): string {
	return randomBytes(12).toString('base64url');
}

export const RECORD_ID_PATTERN = /^[A-Za-z0-9_-]{16}$/;

const OUTCOME_OF: Record<Answer['kind'], Outcome> = {
	answer: 'answered',
	abstain: 'abstained',
	smalltalk: 'smalltalk',
};

export interface RecordContext {
	/** The guild's id, or undefined for a direct message. */
	guildId: string | undefined;
	knowledgeVersion: string;
	askedAt: number;
	id?: string;
}

/** The record of one answered (or abstained, or small-talk) question. */
export function questionRecord(answer: Answer, context: RecordContext): QuestionRecord {
	return {
		id: context.id ?? newRecordId(),
		askedAt: context.askedAt,
		guildId: context.guildId ?? DIRECT_MESSAGE,
		question: answer.question,
		normalized: answer.normalized ?? '',
		outcome: OUTCOME_OF[answer.kind],
		confidence: answer.score,
		candidates: answer.candidates ?? [],
		...(answer.source
			? {
					answer: {
						documentId: answer.source.documentId,
						title: answer.source.title,
						kind: answer.source.kind,
					},
				}
			: {}),
		...(answer.abstention ? { abstention: answer.abstention } : {}),
		knowledgeVersion: context.knowledgeVersion,
	};
}
