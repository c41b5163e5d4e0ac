/**
 * Groups the questions the bot could not answer into clusters of questions worded alike, by the
 * engine's own normalisation (see Answer.normalized: content words, spelling corrected, stemmed,
 * plus the documents named): questions with the same form are one group, and a group joins the
 * cluster of a larger one when they share at least half of their terms (Jaccard similarity).
 * Each cluster is compared with its largest group only, so a cluster cannot drift from one topic
 * to another through a chain of questions that each share a word with the next.
 */
import { createHash } from 'node:crypto';
import { ABSTENTION_REASONS, type AbstentionReason, type Candidate } from '../answer/types.js';
import type { StoredQuestion, TopicRef } from './records.js';

export type UnansweredQuestion = Pick<
	StoredQuestion,
	'id' | 'question' | 'normalized' | 'askedAt' | 'candidates' | 'abstention'
>;

export interface ClosestTopic extends TopicRef {
	/** How many of the cluster's questions had it among their top three (ranked by their scores' sum, then by this). */
	questions: number;
}

export interface QuestionCluster {
	/** Stable while the cluster's largest group of questions is the same: names it in a button. */
	key: string;
	/** How many questions it holds. */
	count: number;
	/** The most frequent question, as typed (what "add as alternate" writes). */
	question: string;
	/** Up to three different questions, as typed, the most frequent first. */
	examples: string[];
	/** The FAQ entries and sections the engine found closest over all its questions, closest first (at most three). */
	topics: ClosestTopic[];
	/**
	 * Why the engine abstained on most of its questions (the earliest in ABSTENTION_REASONS on a
	 * tie); undefined when none of them says (records of earlier versions).
	 */
	reason?: AbstentionReason;
	/** The ids of its questions (to resolve or dismiss them). */
	questionIds: string[];
	lastAskedAt: number;
}

/** Share of terms two forms must have in common to be one cluster. */
export const SIMILARITY = 0.5;
const MAX_EXAMPLES = 3;
const MAX_TOPICS = 3;

interface Group {
	key: string;
	terms: Set<string>;
	questions: UnansweredQuestion[];
	lastAskedAt: number;
}

/** A question without content words ("what?") is grouped only with the very same text. */
function groupKey(question: UnansweredQuestion): string {
	return question.normalized !== ''
		? question.normalized
		: `\u0000${question.question.replace(/\s+/g, ' ').trim().toLowerCase()}`;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	let shared = 0;
	for (const term of a) if (b.has(term)) shared++;
	return shared / (a.size + b.size - shared);
}

/** Most first, then the most recently asked, then by key: the same input always gives the same order. */
function bySize<T extends { key: string; lastAskedAt: number }>(size: (item: T) => number) {
	return (a: T, b: T) =>
		size(b) - size(a) || b.lastAskedAt - a.lastAskedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function shortHash(text: string): string {
	return createHash('sha256').update(text).digest('base64url').slice(0, 10);
}

/** The typed questions, the most frequent first (whitespace aside), each once. */
function examplesOf(questions: readonly UnansweredQuestion[]): string[] {
	const seen = new Map<string, { text: string; count: number; lastAskedAt: number }>();
	for (const q of questions) {
		const text = q.question.replace(/\s+/g, ' ').trim();
		const entry = seen.get(text);
		if (entry) {
			entry.count++;
			entry.lastAskedAt = Math.max(entry.lastAskedAt, q.askedAt);
		} else {
			seen.set(text, { text, count: 1, lastAskedAt: q.askedAt });
		}
	}
	return [...seen.values()]
		.sort((a, b) => b.count - a.count || b.lastAskedAt - a.lastAskedAt || (a.text < b.text ? -1 : 1))
		.map((entry) => entry.text);
}

/** FAQ entries and sections (the topics an alternate can be added to) its questions came closest to. */
function topicsOf(questions: readonly UnansweredQuestion[]): ClosestTopic[] {
	const topics = new Map<string, ClosestTopic & { score: number }>();
	for (const q of questions) {
		for (const candidate of q.candidates) {
			if (candidate.kind === 'fact') continue;
			const key = `${candidate.documentId}\u0000${candidate.kind}\u0000${candidate.title}`;
			const topic = topics.get(key) ?? { ...topicOf(candidate), questions: 0, score: 0 };
			topic.questions++;
			topic.score += candidate.score;
			topics.set(key, topic);
		}
	}
	return [...topics.values()]
		.sort((a, b) => b.score - a.score || b.questions - a.questions || (a.title < b.title ? -1 : 1))
		.slice(0, MAX_TOPICS)
		.map(({ documentId, title, kind, questions: count }) => ({ documentId, title, kind, questions: count }));
}

function reasonOf(questions: readonly UnansweredQuestion[]): AbstentionReason | undefined {
	const counts = new Map<AbstentionReason, number>();
	for (const q of questions) if (q.abstention) counts.set(q.abstention, (counts.get(q.abstention) ?? 0) + 1);
	let most: AbstentionReason | undefined;
	for (const reason of ABSTENTION_REASONS) {
		if ((counts.get(reason) ?? 0) > (most ? counts.get(most)! : 0)) most = reason;
	}
	return most;
}

function topicOf(candidate: Candidate): TopicRef {
	return { documentId: candidate.documentId, title: candidate.title, kind: candidate.kind };
}

/** The clusters of `questions`, largest first. */
export function clusterQuestions(questions: readonly UnansweredQuestion[]): QuestionCluster[] {
	const groups = new Map<string, Group>();
	for (const question of questions) {
		const key = groupKey(question);
		let group = groups.get(key);
		if (!group) {
			const terms = new Set(question.normalized === '' ? [key] : question.normalized.split(' '));
			groups.set(key, (group = { key, terms, questions: [], lastAskedAt: question.askedAt }));
		}
		group.questions.push(question);
		group.lastAskedAt = Math.max(group.lastAskedAt, question.askedAt);
	}

	const clusters: { leader: Group; groups: Group[] }[] = [];
	/** Term -> the clusters whose largest group has it. */
	const byTerm = new Map<string, number[]>();
	for (const group of [...groups.values()].sort(bySize((g: Group) => g.questions.length))) {
		let best: { index: number; similarity: number } | undefined;
		const looked = new Set<number>();
		for (const term of group.terms) {
			for (const index of byTerm.get(term) ?? []) {
				if (looked.has(index)) continue;
				looked.add(index);
				const similarity = jaccard(group.terms, clusters[index]!.leader.terms);
				if (similarity >= SIMILARITY && (!best || similarity > best.similarity)) best = { index, similarity };
			}
		}
		if (best) {
			clusters[best.index]!.groups.push(group);
			continue;
		}
		const index = clusters.push({ leader: group, groups: [group] }) - 1;
		for (const term of group.terms) {
			const list = byTerm.get(term);
			if (list) list.push(index);
			else byTerm.set(term, [index]);
		}
	}

	return clusters
		.map(({ leader, groups: members }): QuestionCluster => {
			const all = members.flatMap((g) => g.questions);
			const examples = examplesOf(all);
			const reason = reasonOf(all);
			return {
				key: shortHash(leader.key),
				count: all.length,
				question: examples[0] ?? '',
				examples: examples.slice(0, MAX_EXAMPLES),
				topics: topicsOf(all),
				...(reason ? { reason } : {}),
				questionIds: all.map((q) => q.id),
				lastAskedAt: Math.max(...members.map((g) => g.lastAskedAt)),
			};
		})
		.sort(bySize((c: QuestionCluster) => c.count));
}
