import type { KnowledgeService } from '../src/answer/service.js';
import { questionRecord, type QuestionRecord } from '../src/learning/records.js';

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
