/**
 * One shard process under `npm run start:sharded`. The ShardingManager sets SHARDS, SHARD_COUNT and
 * DISCORD_TOKEN; discord.js reads them, so this is the plain bot with its own KnowledgeService,
 * plus, with REDIS_URL, the cross-host reload and shared cooldowns (shard-coordination.ts).
 */
import { createLogger } from '../logger.js';
import { loadConfigOrExit, openKnowledgeOrExit } from '../startup.js';
import { installMetricsHook } from '../metrics/shards.js';
import { startBot } from './bot.js';
import { coordinateShard } from './shard-coordination.js';

const config = loadConfigOrExit();
const logger = createLogger({
	level: config.logLevel,
	format: config.logFormat,
	base: { shardProcess: process.env.SHARDS },
});
const { service, problems } = await openKnowledgeOrExit(config.knowledgeDir);
for (const problem of problems) logger.warn({ problem }, 'knowledge problem (file left out)');

const bot = await startBot(
	config,
	service,
	logger,
	{},
	{ coordinate: (client, metrics) => coordinateShard(client, config, service, logger, metrics) },
);
// The manager serves every shard's metrics (METRICS_PORT), read through this hook.
installMetricsHook(bot.client, bot);

let stopping = false;
const stop = (reason: string) => {
	if (stopping) return;
	stopping = true;
	logger.info({ reason }, 'shard stopping');
	void bot.stop().finally(() => process.exit(0));
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
// The manager went away: don't linger as an orphan.
process.once('disconnect', () => stop('manager disconnected'));
