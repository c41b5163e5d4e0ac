import type { AnyThreadChannel } from 'discord.js';
import type { BotContext } from '../context.js';
import { forumQuestion, isAnswerForumPost, SOLVED_QUESTION, solvedButtons } from '../forum.js';
import { recordedAnswer } from '../recorded-answer.js';
import { sendInChannel } from '../reply.js';
import { confidentEnough, QUESTION_MAX, withoutBotMentions } from './message.js';

/**
 * A new post in an answer forum: its title and first message are one question, answered once in
 * the post when the answer is confident, and not at all otherwise (nobody addressed the bot).
 * Later messages in the post go through handleMessage, which answers them only when they mention
 * the bot. No cooldown: a post is a deliberate question, and Discord's slowmode governs posting.
 */
export async function handleForumPost(
	thread: AnyThreadChannel,
	newlyCreated: boolean,
	context: BotContext,
): Promise<void> {
	if (!newlyCreated || !isAnswerForumPost(thread, context.config)) return;
	const logger = context.logger.child({
		threadId: thread.id,
		forumId: thread.parentId,
		userId: thread.ownerId,
	});
	try {
		// discord.js caches the starter when THREAD_CREATE carries it; otherwise it is fetched (its id is the post's).
		const starter =
			thread.messages.cache.get(thread.id) ?? (await thread.fetchStarterMessage().catch(() => null));
		const body = starter ? withoutBotMentions(starter) : '';
		const question = forumQuestion(thread.name, body).slice(0, QUESTION_MAX);
		const answered = context.metrics.startAnswer();
		const answer = context.service.engine.ask(question);
		if (!confidentEnough(answer, context.config.autoAnswerThreshold)) {
			logger.debug({ kind: answer.kind, score: answer.score }, 'forum post: staying silent');
			return;
		}
		const reply = recordedAnswer(answer, context, thread.guildId);
		await sendInChannel(thread, {
			...reply,
			embeds: (reply.embeds ?? []).map((embed) => ({ ...embed, footer: { text: SOLVED_QUESTION } })),
			components: [...(reply.components ?? []), solvedButtons(thread.ownerId)],
		});
		answered(answer.kind);
		logger.debug({ score: answer.score, source: answer.source }, 'forum post answered');
	} catch (error) {
		logger.error({ err: error }, 'forum post handler failed');
	}
}
