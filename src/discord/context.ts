import type { KnowledgeService } from '../answer/service.js';
import type { Config } from '../config.js';
import type { LearningLoop } from '../learning-loop/loop.js';
import type { Logger } from '../logger.js';
import type { BotMetrics } from '../metrics/bot-metrics.js';
import type { CooldownStore } from '../coordination/cooldown-store.js';
import type { ReloadSummary } from './cross-shard-reload.js';
import type { KnowledgeEdits } from './shard-coordination.js';

/** What every handler and command gets: configuration, the live knowledge, logging, shared state. */
export interface BotContext {
	config: Config;
	service: KnowledgeService;
	logger: Logger;
	metrics: BotMetrics;
	/** In memory, or shared by every shard of every host through Redis (REDIS_URL). */
	cooldowns: CooldownStore;
	/** Records every answer and keeps the 👍/👎 votes (never waited on by a reply). */
	learning: LearningLoop;
	/** Reloads the knowledge on every shard of this host (just this one when not sharded). */
	reloadEverywhere(): Promise<ReloadSummary>;
	/**
	 * With REDIS_URL under `npm run start:sharded`: reloads, and "add as alternate" edits, that
	 * reach every shard of every host. Undefined otherwise (one host: use reloadEverywhere).
	 */
	knowledgeEdits?: KnowledgeEdits;
}
