/**
 * Forum channels in ANSWER_CHANNEL_IDS: each new post is a question (its title and first message),
 * answered once when the answer is confident, with a "Did this solve it?" pair of buttons that
 * only the post's author may use. The buttons carry what a click needs (the choice, and whose post
 * it is; the post is the channel clicked in) in their custom ids, so no state is kept between the
 * answer and the click.
 */
import {
	ButtonStyle,
	ChannelType,
	ComponentType,
	type APIActionRowComponent,
	type APIButtonComponentWithCustomId,
	type Channel,
	type GuildForumTag,
} from 'discord.js';
import { z } from 'zod';
import type { Config } from '../config.js';

/** Whether `channel` is a post (a thread) of a forum the bot answers in. */
export function isAnswerForumPost(channel: Channel, config: Pick<Config, 'answerChannelIds'>): boolean {
	return (
		channel.isThread() &&
		channel.parentId !== null &&
		config.answerChannelIds.includes(channel.parentId) &&
		channel.parent?.type === ChannelType.GuildForum
	);
}

/** A post's question: its title, then its first message (empty without the Message Content intent). */
export function forumQuestion(title: string, body: string): string {
	return [title, body]
		.map((part) => part.trim())
		.filter((part) => part !== '')
		.join('\n');
}

export type SolvedChoice = 'yes' | 'no';

const PREFIX = 'solved';

export function solvedCustomId(choice: SolvedChoice, authorId: string): string {
	return `${PREFIX}|${choice}|${authorId}`;
}

const solvedIdSchema = z
	.string()
	.regex(/^solved\|(yes|no)\|\d{17,20}$/)
	.transform((id) => {
		const [, choice, authorId] = id.split('|') as [string, SolvedChoice, string];
		return { choice, authorId };
	});

/** The choice and the post author a "Did this solve it?" button carries; undefined for other ids. */
export function parseSolvedCustomId(
	customId: string,
): { choice: SolvedChoice; authorId: string } | undefined {
	const result = solvedIdSchema.safeParse(customId);
	return result.success ? result.data : undefined;
}

export const SOLVED_QUESTION = 'Did this solve it?';

/** The Yes/No row under a forum answer, for the post's author. */
export function solvedButtons(authorId: string): APIActionRowComponent<APIButtonComponentWithCustomId> {
	const button = (choice: SolvedChoice, label: string, style: ButtonStyle.Success | ButtonStyle.Secondary) =>
		({
			type: ComponentType.Button,
			style,
			label,
			custom_id: solvedCustomId(choice, authorId),
		}) satisfies APIButtonComponentWithCustomId;
	return {
		type: ComponentType.ActionRow,
		components: [
			button('yes', 'Yes, solved', ButtonStyle.Success),
			button('no', 'No', ButtonStyle.Secondary),
		],
	};
}

/** The forum's tag for a solved post: the first named like "solved", "answered" or "resolved". */
export function solvedTag(tags: readonly GuildForumTag[]): GuildForumTag | undefined {
	return tags.find((tag) => /\b(solved|answered|resolved)\b/i.test(tag.name));
}
