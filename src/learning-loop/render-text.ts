/** Plain-text renderings of the moderators' reports, for terminals (the console and the CLI). */
import type { AbstentionReason } from '../answer/types.js';
import type { QuestionCluster } from '../learning/clusters.js';
import type { PeriodStats, TopicRating } from '../learning/stats.js';
import type { UnansweredReport } from './review.js';

const quote = (text: string) => JSON.stringify(text);

export function topicName(topic: { documentId: string; title: string; kind: string }): string {
	return `${topic.documentId} › ${topic.title} (${topic.kind === 'faq' ? 'FAQ' : topic.kind})`;
}

/** What would answer a cluster's questions, by why the engine did not (every moderator view says it so). */
export const REASON_HINTS: Record<AbstentionReason, string> = {
	'low-confidence': 'a topic came close, not close enough: add the question as an alternate of the right one',
	'no-candidate': 'no topic came close: answering it takes a new FAQ entry or section',
	'known-gap':
		'matched a fact the knowledge is known not to hold (a budget, a post-credits scene, …): add that fact if you have it, or, if it asked something else, add it as an alternate of the right topic',
	'names-only': 'asks something about a person that the knowledge does not say',
	vague: 'asks nothing specific enough to match',
};

/** Each reason in a few words, for the counts of `/stats`. */
export const REASON_LABELS: Record<AbstentionReason, string> = {
	'low-confidence': 'a topic came close, not close enough',
	'no-candidate': 'no topic came close',
	'known-gap': 'a fact known to be missing',
	'names-only': 'more about a person than the knowledge says',
	vague: 'too vague',
};

/** "25 no topic came close · 15 a topic came close, …", the most first; '' when no record says why. */
export function abstainedByText(stats: Pick<PeriodStats, 'abstainedBy'>): string {
	return (Object.entries(stats.abstainedBy) as [AbstentionReason, number][])
		.filter(([, count]) => count > 0)
		.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
		.map(([reason, count]) => `${count} ${REASON_LABELS[reason]}`)
		.join(' · ');
}

function clusterText(cluster: QuestionCluster, index: number): string[] {
	return [
		`${index + 1}. ${cluster.count} × ${quote(cluster.question)}  [${cluster.key}]`,
		`   asked as: ${cluster.examples.map(quote).join(' · ')}`,
		`   closest: ${cluster.topics.length > 0 ? cluster.topics.map(topicName).join(' · ') : '(no topic came close)'}`,
		...(cluster.reason ? [`   why: ${REASON_HINTS[cluster.reason]}`] : []),
	];
}

export function renderUnansweredText(report: UnansweredReport): string {
	const head = `Unanswered questions, last ${report.days} day${report.days === 1 ? '' : 's'}: ${report.questions} in ${report.clusters.length} cluster${report.clusters.length === 1 ? '' : 's'}`;
	if (report.clusters.length === 0) return `${head}.\nNothing to review.`;
	return [head, '', ...report.clusters.flatMap((cluster, index) => [...clusterText(cluster, index), ''])]
		.join('\n')
		.trimEnd();
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function ratingText(rating: TopicRating): string {
	return `${topicName(rating.topic)}: 👍 ${rating.up} 👎 ${rating.down}`;
}

function periodText(stats: PeriodStats): string[] {
	const because = abstainedByText(stats);
	return [
		`Last ${stats.days} days: ${stats.asked} asked, ${stats.answered} answered, ${stats.abstained} abstained, ${stats.smalltalk} small talk; abstention rate ${percent(stats.abstentionRate)}`,
		...(because === '' ? [] : [`  abstained because: ${because}`]),
		...(stats.topics.length === 0
			? ['  no votes']
			: ['  votes by topic:', ...stats.topics.map((rating) => `    ${ratingText(rating)}`)]),
		...(stats.worst.length === 0
			? []
			: ['  worst rated:', ...stats.worst.map((rating, index) => `    ${index + 1}. ${ratingText(rating)}`)]),
	];
}

export function renderStatsText(periods: readonly PeriodStats[]): string {
	return periods.flatMap((stats, index) => [...(index > 0 ? [''] : []), ...periodText(stats)]).join('\n');
}
