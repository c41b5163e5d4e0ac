import type { KnowledgeService } from '../answer/service.js';
import type { Config } from '../config.js';
import type { LearningLoop } from '../learning-loop/loop.js';
import type { Logger } from '../logger.js';
import type { BotMetrics } from '../metrics/bot-metrics.js';
import type { Cooldowns } from './cooldown.js';
import type { ReloadSummary } from './cross-shard-reload.js';

/** What every handler and command gets: configuration, the live knowledge, logging, shared state. */
export interface BotContext {
	config: Config;
	service: KnowledgeService;
	logger: Logger;
	metrics: BotMetrics;
	cooldowns: Cooldowns;
	/** Records every answer and keeps the 👍/👎 votes (never waited on by a reply). */
	learning: LearningLoop;
	/** Reloads the knowledge on every shard (just this one when not sharded). */
	reloadEverywhere(): Promise<ReloadSummary>;
}
