import {
	ApplicationCommandType,
	ApplicationIntegrationType,
	InteractionContextType,
	PermissionFlagsBits,
	type MessageContextMenuCommandInteraction,
	type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../context.js';
import { questionOf } from '../handlers/message.js';
import type { MessageCommand } from '../message-command.js';
import { memberMayUse } from '../permissions.js';
import { recordedAnswer } from '../recorded-answer.js';
import { deferResponse, replyToMessage, respond, respondPrivately } from '../reply.js';

export const NAME = 'Answer from FAQ';

export const data = {
	type: ApplicationCommandType.Message,
	name: NAME,
	// Shown to everyone: helpers are a role list of this bot's configuration, which Discord's
	// default permissions cannot express; the run-time check below decides.
	contexts: [InteractionContextType.Guild],
	integration_types: [ApplicationIntegrationType.GuildInstall],
} satisfies RESTPostAPIContextMenuApplicationCommandsJSONBody;

export const NOT_ALLOWED =
	'Only helpers can answer for the bot: members with Manage Messages, or a role the server set up as helpers.';
export const NO_TEXT = 'That message has no text I can read as a question.';

/**
 * A helper points the bot at someone's question: the best answer goes publicly to that message as
 * a reply that pings its author (they asked) and no one else; the helper alone is told what
 * happened, or that the knowledge has no answer.
 */
export async function execute(
	interaction: MessageContextMenuCommandInteraction,
	context: BotContext,
): Promise<void> {
	const { config, service, metrics } = context;
	if (!memberMayUse(interaction, PermissionFlagsBits.ManageMessages, config.helperRoleIds)) {
		await respondPrivately(interaction, NOT_ALLOWED);
		return;
	}
	const target = interaction.targetMessage;
	const question = questionOf(target);
	if (question === '') {
		await respondPrivately(interaction, NO_TEXT);
		return;
	}
	const answered = metrics.startAnswer();
	const answer = service.engine.ask(question);
	answered(answer.kind);
	if (answer.kind !== 'answer') {
		const topics = answer.suggestions.map((s) => `“${s.title}”`).join(', ');
		await respondPrivately(
			interaction,
			`The FAQ has no answer to that message${topics ? ` (closest topics: ${topics})` : ''}, so I posted nothing.`,
		);
		return;
	}
	// Posting takes a request of its own: acknowledge first, privately.
	await deferResponse(interaction, { ephemeral: true });
	await replyToMessage(target, recordedAnswer(answer, context, interaction.guildId), { repliedUser: true });
	await respond(interaction, { content: `Answered ${target.author.username}’s message (${target.url}).` });
}

export const answerFromFaq: MessageCommand = { data, execute };
