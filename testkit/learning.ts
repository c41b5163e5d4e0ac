import type { KnowledgeService } from '../src/answer/service.js';
import { questionRecord, type QuestionRecord } from '../src/learning/records.js';
import type { FakeDiscord, ShownReply } from './fake-discord.js';

/**
 * The records the bot keeps for `questions` asked one after another, a millisecond apart from
 * `firstAskedAt`, outside any guild: each answered by the service's live engine, as the bot
 * would have answered it.
 */
export function askedRecords(
	service: KnowledgeService,
	questions: readonly string[],
	firstAskedAt: number,
): QuestionRecord[] {
	return questions.map((question, i) =>
		questionRecord(service.engine.ask(question), {
			guildId: undefined,
			knowledgeVersion: service.version,
			askedAt: firstAskedAt + i,
		}),
	);
}

/**
 * A moderator's "add as alternate" on Discord: `/unanswered` as `user` in `guild`, then, in the
 * menu of the cluster whose question matches `cluster` (on the first page), the topic `topic`.
 * Resolves to the reply to that choice.
 */
export async function addAsAlternateOnDiscord(
	discord: FakeDiscord,
	options: { user: string; guild: string; cluster: RegExp; topic: string; timeoutMs?: number },
): Promise<ShownReply> {
	const timeoutMs = options.timeoutMs ?? 15_000;
	const list = discord.sendCommand({ user: options.user, guild: options.guild, name: 'unanswered' });
	const page = await list.reply(timeoutMs);
	const menus = (page.components ?? []).flatMap((row) => row.components).filter((c) => c.type === 3);
	const titles = (page.embeds ?? []).map((embed) => embed.title ?? '');
	const index = titles.findIndex((title) => options.cluster.test(title));
	const menu = menus[index];
	const choices = menu?.options as { label: string; value: string }[] | undefined;
	const option = choices?.find((o) => o.label === options.topic);
	if (!menu || !option)
		throw new Error(
			`no cluster ${options.cluster} with the topic "${options.topic}" in: ${titles.join(' | ') || page.content}`,
		);
	return discord
		.chooseOption({
			user: options.user,
			messageId: await list.messageId(),
			customId: menu.custom_id ?? '',
			values: [option.value],
		})
		.reply(timeoutMs);
}
