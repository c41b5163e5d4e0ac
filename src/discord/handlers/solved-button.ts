import { ChannelType, PermissionFlagsBits, type ButtonInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { parseSolvedCustomId, solvedTag } from '../forum.js';
import { respondPrivately } from '../reply.js';
import { replyWithError } from './errors.js';

/** Discord's limit on tags applied to one post. */
const APPLIED_TAGS_MAX = 5;

/**
 * Applies the forum's "solved" tag to the post the button is in. False, and nothing asked of
 * Discord, when the forum has no such tag, the post has five already, or the bot may not manage
 * threads there (applying a tag to someone else's post needs Manage Threads).
 */
async function applySolvedTag(interaction: ButtonInteraction): Promise<boolean> {
	const thread = interaction.channel;
	if (!thread?.isThread() || thread.parent?.type !== ChannelType.GuildForum) return false;
	const tag = solvedTag(thread.parent.availableTags);
	if (!tag) return false;
	if (thread.appliedTags.includes(tag.id)) return true;
	if (!interaction.appPermissions.has(PermissionFlagsBits.ManageThreads)) return false;
	if (thread.appliedTags.length >= APPLIED_TAGS_MAX) return false;
	await thread.setAppliedTags(
		[...thread.appliedTags, tag.id],
		'The post’s author marked the answer as solving it',
	);
	return true;
}

/** "Did this solve it?" under a forum answer: only the post's author may answer; replies are private. */
export async function handleSolvedButton(interaction: ButtonInteraction, context: BotContext): Promise<void> {
	const logger = context.logger.child({ interactionId: interaction.id, userId: interaction.user.id });
	const ref = parseSolvedCustomId(interaction.customId);
	try {
		if (!ref || interaction.user.id !== ref.authorId) {
			await respondPrivately(interaction, 'Only the author of this post can say whether it is solved.');
			return;
		}
		if (ref.choice === 'no') {
			await respondPrivately(interaction, 'Thanks for saying — the post stays open for someone to help.');
			return;
		}
		const tagged = await applySolvedTag(interaction);
		logger.debug({ tagged }, 'forum post marked solved');
		await respondPrivately(
			interaction,
			tagged ? 'Glad it helped — the post is marked as solved.' : 'Glad it helped — thanks for saying.',
		);
	} catch (error) {
		await replyWithError(interaction, error, logger);
	}
}
