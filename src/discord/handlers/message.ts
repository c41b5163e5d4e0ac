import { MessageType, type Message } from 'discord.js';
import type { Answer } from '../../answer/types.js';
import type { BotContext } from '../context.js';
import { isAnswerForumPost } from '../forum.js';
import { recordedAnswer } from '../recorded-answer.js';
import { replyToMessage } from '../reply.js';

export const COOLDOWN_REACTION = '⏳';
export const EMPTY_MENTION_REPLY =
	'Ask me a question after the mention — for example “when is it released?” — or try `/help`.';

/** Message questions longer than this are cut (Discord allows 4000 for Nitro users). */
export const QUESTION_MAX = 1000;

export type Trigger = 'dm' | 'mention' | 'channel';

/** Why the bot should answer this message, or undefined to stay silent. */
export function triggerOf(message: Message, context: BotContext): Trigger | undefined {
	const me = message.client.user;
	if (message.author.bot || message.author.id === me.id || message.webhookId !== null || message.system)
		return undefined;
	if (message.type !== MessageType.Default && message.type !== MessageType.Reply) return undefined;
	if (!message.inGuild()) return 'dm';
	// An answer forum's post is answered from THREAD_CREATE (handlers/forum-post.ts); in the post
	// after that, only mentions are.
	const inAnswerForum = isAnswerForumPost(message.channel, context.config);
	if (inAnswerForum && message.id === message.channelId) return undefined;
	if (message.mentions.users.has(me.id)) return 'mention';
	// Users often pick the bot's managed role from the @ menu instead of the bot itself.
	const botRole = message.guild.members.me?.roles.botRole;
	if (botRole && message.mentions.roles.has(botRole.id)) return 'mention';
	if (context.config.messageContentIntent && !inAnswerForum) {
		// A thread inside an answer channel is part of it.
		const channelIds = [message.channelId, message.channel.isThread() ? message.channel.parentId : null];
		if (channelIds.some((id) => id !== null && context.config.answerChannelIds.includes(id)))
			return 'channel';
	}
	return undefined;
}

/** Whether an unprompted answer is sure enough to post: a knowledge answer at `threshold` or more. */
export function confidentEnough(answer: Answer, threshold: number): boolean {
	return answer.kind === 'answer' && answer.score >= threshold;
}

/** A message's text without the mention(s) of the bot, whitespace collapsed. */
export function withoutBotMentions(message: Message): string {
	const me = message.client.user.id;
	const botRoleId = message.inGuild() ? message.guild.members.me?.roles.botRole?.id : undefined;
	let text = message.content.replaceAll(new RegExp(`<@!?${me}>`, 'g'), ' ');
	if (botRoleId) text = text.replaceAll(`<@&${botRoleId}>`, ' ');
	return text.replace(/\s+/g, ' ').trim();
}

/** The question a message asks: its text without the mention(s) of the bot, cut to QUESTION_MAX. */
export function questionOf(message: Message): string {
	return withoutBotMentions(message).slice(0, QUESTION_MAX);
}

/**
 * Answers mentions and DMs as a reply to the question (an answer, or an honest "I don't know"
 * with suggestions), and messages in the answer channels only when the answer is confident.
 */
export async function handleMessage(message: Message, context: BotContext): Promise<void> {
	const trigger = triggerOf(message, context);
	if (!trigger) return;
	const logger = context.logger.child({
		messageId: message.id,
		channelId: message.channelId,
		userId: message.author.id,
		trigger,
	});
	try {
		const question = questionOf(message);
		if (question === '') {
			// A bare message in an answer channel (an image, a sticker) isn't a question.
			if (trigger === 'channel') return;
			await replyToMessage(message, { content: EMPTY_MENTION_REPLY });
			return;
		}
		const answered = context.metrics.startAnswer();
		const answer = context.service.engine.ask(question);
		if (trigger === 'channel' && !confidentEnough(answer, context.config.autoAnswerThreshold)) {
			// Nobody asked the bot: chat, greetings and questions it is unsure of get no reply at
			// all, and cost the author no cooldown.
			logger.debug({ kind: answer.kind, score: answer.score }, 'answer channel: staying silent');
			return;
		}
		const cooldown = await context.cooldowns.take(message.author.id);
		if (!cooldown.ok) {
			// A reaction, not a message: the channel stays quiet. Once per window, not per message.
			if (cooldown.firstRefusal) await message.react(COOLDOWN_REACTION);
			logger.debug('cooldown: question refused');
			return;
		}
		logger.debug({ kind: answer.kind, score: answer.score, source: answer.source }, 'answering');
		await replyToMessage(message, recordedAnswer(answer, context, message.guildId));
		answered(answer.kind);
	} catch (error) {
		// No interaction to answer privately; a message would be channel noise. The log has it.
		logger.error({ err: error }, 'message handler failed');
	}
}
