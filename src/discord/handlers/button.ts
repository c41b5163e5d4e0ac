import type { ButtonInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { parseSuggestionCustomId, resolveSuggestion } from '../custom-id.js';
import { renderAnswer } from '../render.js';
import { respond, respondPrivately } from '../reply.js';
import { replyWithError } from './errors.js';

/**
 * A "did you mean" click: the topic is answered to the clicker only (ephemeral), so exploring
 * suggestions adds nothing to the channel. Clicks are exempt from the cooldown: they follow a
 * question the cooldown already counted.
 */
export async function handleButton(interaction: ButtonInteraction, context: BotContext): Promise<void> {
	const logger = context.logger.child({ interactionId: interaction.id, userId: interaction.user.id });
	try {
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
		await respond(interaction, renderAnswer(answer), { ephemeral: true });
		answered(answer.kind);
	} catch (error) {
		await replyWithError(interaction, error, logger);
	}
}
