/**
 * What `/stats` shows for a period: how many questions were asked, answered and abstained on,
 * the abstention rate, 👍/👎 per topic and the worst-rated topics.
 */
import type { AbstentionReason } from '../answer/types.js';
import type { Outcome, TopicRef } from './records.js';

export interface TopicRating {
	topic: TopicRef;
	up: number;
	down: number;
}

export interface PeriodStats {
	days: number;
	/** Every question, small talk included. */
	asked: number;
	answered: number;
	abstained: number;
	smalltalk: number;
	/** abstained / (answered + abstained): of the questions asking for knowledge, the share left unanswered (0 when none). */
	abstentionRate: number;
	/** The abstentions by why (of the records that say: earlier versions did not). */
	abstainedBy: Partial<Record<AbstentionReason, number>>;
	/** Every topic voted on, the most votes first. */
	topics: TopicRating[];
	/** Up to five topics with a 👎, the lowest share of 👍 first. */
	worst: TopicRating[];
}

export const WORST_TOPICS = 5;

/**
 * A topic's share of 👍, pulled towards one half while it has few votes (add-one smoothing), so
 * one 👎 does not rank below ten 👎 out of twelve.
 */
export function approval(rating: Pick<TopicRating, 'up' | 'down'>): number {
	return (rating.up + 1) / (rating.up + rating.down + 2);
}

const byTitle = (a: TopicRating, b: TopicRating) =>
	a.topic.title < b.topic.title
		? -1
		: a.topic.title > b.topic.title
			? 1
			: a.topic.documentId < b.topic.documentId
				? -1
				: 1;

export function periodStats(
	days: number,
	counts: Record<Outcome, number> & { abstainedBy?: Partial<Record<AbstentionReason, number>> },
	ratings: readonly TopicRating[],
): PeriodStats {
	const { answered, abstained, smalltalk } = counts;
	const knowledgeQuestions = answered + abstained;
	const topics = [...ratings].sort((a, b) => b.up + b.down - (a.up + a.down) || byTitle(a, b));
	const worst = ratings
		.filter((rating) => rating.down > 0)
		.sort((a, b) => approval(a) - approval(b) || b.down - a.down || byTitle(a, b))
		.slice(0, WORST_TOPICS);
	return {
		days,
		asked: answered + abstained + smalltalk,
		answered,
		abstained,
		smalltalk,
		abstentionRate: knowledgeQuestions === 0 ? 0 : abstained / knowledgeQuestions,
		abstainedBy: counts.abstainedBy ?? {},
		topics,
		worst,
	};
}
