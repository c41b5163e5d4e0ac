import type { ButtonInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { parseSuggestionCustomId, resolveSuggestion } from '../custom-id.js';
import { turnPage } from '../commands/unanswered.js';
import { isVoteCustomId, handleVote } from '../feedback.js';
import { isUnansweredCustomId } from '../moderator-views.js';
import { recordedAnswer } from '../recorded-answer.js';
import { respond, respondPrivately } from '../reply.js';
import { replyWithError } from './errors.js';

/**
 * A 👍/👎 click (see ../feedback.ts), or a "did you mean" click: the topic is answered to the clicker only (ephemeral), so exploring
 * suggestions adds nothing to the channel. Clicks are exempt from the cooldown: they follow a
 * question the cooldown already counted.
 */
export async function handleButton(interaction: ButtonInteraction, context: BotContext): Promise<void> {
	const logger = context.logger.child({ interactionId: interaction.id, userId: interaction.user.id });
	try {
		if (isVoteCustomId(interaction.customId)) {
			await handleVote(interaction, context);
			return;
		}
		if (isUnansweredCustomId(interaction.customId)) {
			await turnPage(interaction, { ...context, logger });
			return;
		}
		const ref = parseSuggestionCustomId(interaction.customId);
		const engine = context.service.engine;
		const target = ref && resolveSuggestion(ref, engine);
		if (!target) {
			await respondPrivately(
				interaction,
				ref
					? 'That topic is no longer in the knowledge base — try asking again.'
					: 'This button no longer works — try asking again.',
			);
			return;
		}
		const answered = context.metrics.startAnswer();
		const answer = engine.ask(target.question, { documentId: target.documentId });
		await respond(interaction, recordedAnswer(answer, context, interaction.guildId), { ephemeral: true });
		answered(answer.kind);
	} catch (error) {
		await replyWithError(interaction, error, logger);
	}
}
