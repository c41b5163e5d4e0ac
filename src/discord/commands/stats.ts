import {
	ApplicationIntegrationType,
	InteractionContextType,
	PermissionFlagsBits,
	type ChatInputCommandInteraction,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { statsReport } from '../../learning-loop/review.js';
import type { Command } from '../command.js';
import type { BotContext } from '../context.js';
import { statsBody } from '../moderator-views.js';
import { deferResponse, respond, respondPrivately } from '../reply.js';
import { isModerator } from './reload.js';
import { guildOf, MODERATORS_ONLY, unreadable } from './unanswered.js';

export const data = {
	name: 'stats',
	description: 'Moderators: questions, answers, abstentions and 👍/👎 for the last 7 and 30 days',
	default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
	dm_permission: false,
	contexts: [InteractionContextType.Guild],
	integration_types: [ApplicationIntegrationType.GuildInstall],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
	if (!isModerator(interaction, context.config.moderatorRoleIds)) {
		await respondPrivately(interaction, MODERATORS_ONLY);
		return;
	}
	await deferResponse(interaction, { ephemeral: true });
	try {
		await context.learning.flush();
		await respond(
			interaction,
			statsBody(await statsReport(context.learning.store, { guildId: guildOf(interaction) })),
		);
	} catch (error) {
		context.logger.warn({ err: error }, 'learning store: /stats could not read');
		await respond(interaction, { content: unreadable(error) });
	}
}

export const stats: Command = { data, cooldown: false, execute };
