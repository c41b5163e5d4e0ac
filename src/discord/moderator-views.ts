/**
 * How the learning loop's reports look on Discord, for moderators: `/unanswered` a page of
 * clusters at a time, each with a menu to add its question as an alternate of one of its closest
 * topics (or dismiss it), and `/stats`. The reports themselves come from learning-loop/review.ts,
 * as the console's and the command line's do; everything users typed is shown with its Markdown
 * escaped, and (as every reply) with mentions locked.
 */
import {
	ButtonStyle,
	ComponentType,
	escapeMarkdown,
	type APIActionRowComponent,
	type APIButtonComponentWithCustomId,
	type APIEmbed,
	type APIStringSelectComponent,
} from 'discord.js';
import { z } from 'zod';
import type { QuestionCluster } from '../learning/clusters.js';
import type { PeriodStats, TopicRating } from '../learning/stats.js';
import { abstainedByText, REASON_HINTS, topicName } from '../learning-loop/render-text.js';
import { MAX_DAYS, type AlternateAdded, type UnansweredReport } from '../learning-loop/review.js';
import { ANSWER_COLOR } from './render.js';
import type { ReplyBody } from './reply.js';
import { EMBED_DESCRIPTION_MAX, EMBED_FIELD_VALUE_MAX } from './limits.js';
import { joinLinesWithin, LIST_ITEM_MAX, truncate } from './truncate.js';

/** Clusters per page: each takes an embed and a menu row, and one row is left for the page buttons. */
export const CLUSTERS_PER_PAGE = 3;
export const DISMISS = 'dismiss';

// Custom ids carry all a click needs (no state kept): `un|p|<days>|<page>` turns the page,
// `un|a|<days>|<cluster key>` is a cluster's menu, whose values are `t<topic index>` or `dismiss`.
const PAGE = 'un|p';
const ACT = 'un|a';

export const pageCustomId = (days: number, page: number) => `${PAGE}|${days}|${page}`;
export const clusterMenuCustomId = (days: number, key: string) => `${ACT}|${days}|${key}`;

const PAGE_ID = /^un\|p\|(\d{1,3})\|(\d{1,6})$/;
const MENU_ID = /^un\|a\|(\d{1,3})\|([A-Za-z0-9_-]{1,64})$/;
const validDays = (d: number) => d >= 1 && d <= MAX_DAYS;

const pageIdSchema = z
	.string()
	.regex(PAGE_ID)
	.transform((id) => {
		const [, d = '', page = ''] = PAGE_ID.exec(id) ?? [];
		return { days: Number(d), page: Number(page) };
	})
	.refine(({ days }) => validDays(days));
const menuIdSchema = z
	.string()
	.regex(MENU_ID)
	.transform((id) => {
		const [, d = '', key = ''] = MENU_ID.exec(id) ?? [];
		return { days: Number(d), key };
	})
	.refine(({ days }) => validDays(days));
const choiceSchema = z.union([
	z.literal(DISMISS).transform(() => ({ dismiss: true as const })),
	z
		.string()
		.regex(/^t\d{1,2}$/)
		.transform((value) => ({ dismiss: false as const, topic: Number(value.slice(1)) })),
]);

export const isUnansweredCustomId = (customId: string) => customId.startsWith('un|');

export function parsePageCustomId(customId: string): { days: number; page: number } | undefined {
	const parsed = pageIdSchema.safeParse(customId);
	return parsed.success ? parsed.data : undefined;
}

export type ClusterAction = { days: number; key: string } & (
	{ dismiss: true } | { dismiss: false; topic: number }
);

/** A cluster menu's custom id and the value chosen; undefined for anything this bot never made. */
export function parseClusterAction(customId: string, values: readonly string[]): ClusterAction | undefined {
	const menu = menuIdSchema.safeParse(customId);
	const choice = choiceSchema.safeParse(values[0]);
	return menu.success && choice.success && values.length === 1 ? { ...menu.data, ...choice.data } : undefined;
}

/** What someone typed, shown as text: no Markdown of theirs applies, and line breaks become spaces. */
export const shownQuestion = (text: string) => escapeMarkdown(text.replace(/\s+/g, ' ').trim());

const quoted = (text: string) => `“${shownQuestion(truncate(text, LIST_ITEM_MAX))}”`;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function clusterEmbed(cluster: QuestionCluster, index: number): APIEmbed {
	return {
		color: ANSWER_COLOR,
		title: `${index + 1}. ${cluster.count} × ${shownQuestion(cluster.question)}`,
		fields: [
			{
				name: 'Asked as',
				value: joinLinesWithin(
					cluster.examples.map((example) => `• ${quoted(example)}`),
					EMBED_FIELD_VALUE_MAX,
				),
			},
			{
				name: 'Closest topics',
				value:
					cluster.topics.length > 0
						? joinLinesWithin(
								cluster.topics.map((topic) => `• ${escapeMarkdown(topicName(topic))}`),
								EMBED_FIELD_VALUE_MAX,
							)
						: 'No topic came close.',
			},
			...(cluster.reason ? [{ name: 'Why unanswered', value: REASON_HINTS[cluster.reason] }] : []),
		],
	};
}

function clusterMenu(
	cluster: QuestionCluster,
	index: number,
	days: number,
): APIActionRowComponent<APIStringSelectComponent> {
	return {
		type: ComponentType.ActionRow,
		components: [
			{
				type: ComponentType.StringSelect,
				custom_id: clusterMenuCustomId(days, cluster.key),
				placeholder: `${index + 1}. Add as alternate of …`,
				options: [
					...cluster.topics.map((topic, t) => ({
						label: topic.title,
						value: `t${t}`,
						description: `${topic.documentId} · ${topic.kind === 'faq' ? 'FAQ entry' : topic.kind}`,
					})),
					{ label: 'Dismiss', value: DISMISS, description: 'Not for the knowledge: take it off the list' },
				],
			},
		],
	};
}

function pageButtons(
	days: number,
	page: number,
	pages: number,
): APIActionRowComponent<APIButtonComponentWithCustomId> {
	const button = (label: string, to: number, disabled: boolean): APIButtonComponentWithCustomId => ({
		type: ComponentType.Button,
		style: ButtonStyle.Secondary,
		label,
		custom_id: pageCustomId(days, to),
		disabled,
	});
	// The two ids differ on every page of two or more, as Discord requires.
	return {
		type: ComponentType.ActionRow,
		components: [
			button('◀ Previous', page === 0 ? 0 : page - 1, page === 0),
			button('Next ▶', page === pages - 1 ? page : page + 1, page === pages - 1),
		],
	};
}

/** One page of `/unanswered` (a page past the end shows the last one). */
export function unansweredPage(report: UnansweredReport, page: number): ReplyBody {
	const head = `Unanswered questions, last ${plural(report.days, 'day')}: ${report.questions} in ${plural(report.clusters.length, 'cluster')}`;
	if (report.clusters.length === 0)
		return { content: `${head}. Nothing to review.`, embeds: [], components: [] };
	const pages = Math.ceil(report.clusters.length / CLUSTERS_PER_PAGE);
	const shown = Math.min(Math.max(0, page), pages - 1);
	const first = shown * CLUSTERS_PER_PAGE;
	const clusters = report.clusters.slice(first, first + CLUSTERS_PER_PAGE);
	return {
		content: `${head}, largest first — page ${shown + 1} of ${pages}. Choose in a cluster’s menu to add its most frequent question as an alternate of that topic, or to dismiss it.`,
		embeds: clusters.map((cluster, i) => clusterEmbed(cluster, first + i)),
		components: [
			...clusters.map((cluster, i) => clusterMenu(cluster, first + i, report.days)),
			...(pages > 1 ? [pageButtons(report.days, shown, pages)] : []),
		],
	};
}

/** A diff in a code block, without a fence of its own that could end the block early. */
function diffBlock(diff: string): string {
	const safe = diff.replaceAll('```', '`\u200b``');
	const room = EMBED_DESCRIPTION_MAX - '```diff\n\n```'.length;
	return `\`\`\`diff\n${safe.length <= room ? safe : `${safe.slice(0, room - 2)}\n…`}\n\`\`\``;
}

/** The reply to an alternate added: what, where, the cluster resolved, the reload (as text) and the diff. */
export function alternateAddedBody(added: AlternateAdded<string>): ReplyBody {
	const lines = [
		`✅ ${added.summary}`,
		`${plural(added.resolved, 'question')} of the cluster marked resolved.`,
		...(added.warning ? [`⚠️ ${added.warning}`] : []),
		added.reload,
	];
	return { content: lines.join('\n'), embeds: [{ title: added.file, description: diffBlock(added.diff) }] };
}

function ratingLine(rating: TopicRating): string {
	return `${escapeMarkdown(topicName(rating.topic))}: 👍 ${rating.up} 👎 ${rating.down}`;
}

function periodEmbed(stats: PeriodStats): APIEmbed {
	const because = abstainedByText(stats);
	return {
		color: ANSWER_COLOR,
		title: `Last ${stats.days} days`,
		description: [
			`**${stats.asked}** asked · **${stats.answered}** answered · **${stats.abstained}** abstained · **${stats.smalltalk}** small talk`,
			`Abstention rate: **${(stats.abstentionRate * 100).toFixed(1)}%**`,
			...(because === '' ? [] : [`Abstained because: ${because}`]),
		].join('\n'),
		fields: [
			{
				name: '👍/👎 per topic',
				value:
					stats.topics.length > 0
						? joinLinesWithin(stats.topics.map(ratingLine), EMBED_FIELD_VALUE_MAX)
						: 'No votes.',
			},
			...(stats.worst.length > 0
				? [
						{
							name: 'Worst rated',
							value: joinLinesWithin(
								stats.worst.map((rating, i) => `${i + 1}. ${ratingLine(rating)}`),
								EMBED_FIELD_VALUE_MAX,
							),
						},
					]
				: []),
		],
	};
}

/** `/stats`: one embed per period (7 and 30 days). */
export function statsBody(periods: readonly PeriodStats[]): ReplyBody {
	return { embeds: periods.map(periodEmbed) };
}
