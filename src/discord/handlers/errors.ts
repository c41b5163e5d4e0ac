import type { RepliableInteraction } from 'discord.js';
import type { Logger } from '../../logger.js';
import { UserInputError } from '../options.js';
import { respondPrivately } from '../reply.js';

export const SOMETHING_WENT_WRONG = 'Something went wrong. Please try again in a moment.';

/**
 * Answers a failed interaction privately: the user's own input problem as is, anything else as
 * "Something went wrong" (details go to the log only). Never throws.
 */
export async function replyWithError(
	interaction: RepliableInteraction,
	error: unknown,
	logger: Logger,
): Promise<void> {
	const userError = error instanceof UserInputError;
	if (!userError) logger.error({ err: error }, 'interaction handler failed');
	try {
		await respondPrivately(interaction, userError ? error.message : SOMETHING_WENT_WRONG);
	} catch (replyError) {
		logger.warn({ err: replyError }, 'could not tell the user about the failure');
	}
}
