import type { Answer } from '../answer/types.js';
import type { BotContext } from './context.js';
import { renderAnswer } from './render.js';
import type { ReplyBody } from './reply.js';

/**
 * The reply to a question someone asked the bot, after queueing its record for the learning loop
 * (a queue push: the reply never waits for the database). A knowledge answer gets 👍 / 👎 for
 * that record. `guildId` null or undefined means a direct message.
 */
export function recordedAnswer(
	answer: Answer,
	{ learning, service }: Pick<BotContext, 'learning' | 'service'>,
	guildId: string | null | undefined,
): ReplyBody {
	const recordId = learning.recordAnswer(answer, {
		guildId: guildId ?? undefined,
		knowledgeVersion: service.version,
	});
	return renderAnswer(answer, recordId);
}
