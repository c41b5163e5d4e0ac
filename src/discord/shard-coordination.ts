/**
 * A shard process's part of the cross-host coordination (with REDIS_URL): a Redis connection, a
 * ReloadRequester for its `/reload` (and the learning loop's "add as alternate") reaching every
 * shard of every host, and cooldowns kept in Redis. When Redis is down the requester reaches this
 * host's shards through the manager instead (the one-host broadcast, shard by shard) and the
 * cooldowns fall back to memory; both come back to Redis by themselves.
 */
import type { Client } from 'discord.js';
import type { KnowledgeService, ReloadReport } from '../answer/service.js';
import type { Config } from '../config.js';
import { RedisCooldowns, SharedCooldowns, type CooldownStore } from '../coordination/cooldown-store.js';
import { knowledgeEdit } from '../coordination/knowledge-edit.js';
import { busKeys, type KnowledgeEdit } from '../coordination/messages.js';
import { RedisConnection } from '../coordination/redis-connection.js';
import { ReloadRequester } from '../coordination/reload-requester.js';
import type { BusSummary } from '../coordination/reload-summary.js';
import { parseShardIds } from '../coordination/shard-slice.js';
import type { EditableTopic } from '../knowledge/alternate-editor.js';
import type { Logger } from '../logger.js';
import type { BotMetrics, ReloadRequestResult } from '../metrics/bot-metrics.js';
import { Cooldowns } from './cooldown.js';
import { lastReloadOf, reloadShardThrough, requestCounted } from './cross-shard-reload.js';
import { shardProcessActions } from './host-reload.js';

/** What a cross-host request came to, and what it did to this shard's own knowledge (its diff). */
export interface CrossHostOutcome {
	summary: BusSummary;
	/** This shard's reload during the request, when it took part. */
	own?: ReloadReport;
}

/**
 * The bot context's hook for reaching every host: `/reload` uses `reload`; the learning loop's
 * "add as alternate" builds an edit with {@link KnowledgeEdits.editFor} and sends it with
 * `addAlternate` instead of writing the file itself, so each host applies it to its own copy.
 */
export interface KnowledgeEdits {
	reload(): Promise<CrossHostOutcome>;
	addAlternate(edit: KnowledgeEdit): Promise<CrossHostOutcome>;
	/**
	 * The edit adding `question` to `topic` in `file` (relative to the knowledge folder), made
	 * against the bytes the live knowledge was loaded from; undefined when the live knowledge did
	 * not load that file.
	 */
	editFor(file: string, topic: EditableTopic, question: string): KnowledgeEdit | undefined;
}

export interface ShardCoordination {
	knowledgeEdits: KnowledgeEdits;
	cooldowns: CooldownStore;
	close(): Promise<void>;
}

/** What a cross-host reload (or edit, which reloads) came to, for `faq_bot_reloads_total`. */
export function busRequestResult({ summary }: CrossHostOutcome): ReloadRequestResult {
	if (summary.reports.some((report) => !report.ok)) return 'refused';
	return summary.missing.length > 0 ? 'partial' : 'ok';
}

/** The host's shard ids as the manager hands them over (HOST_SHARD_IDS), else this process's own. */
function hostShardIds(client: Client, env: NodeJS.ProcessEnv): number[] {
	const handed = env.HOST_SHARD_IDS === undefined ? undefined : parseShardIds(env.HOST_SHARD_IDS);
	if (handed?.ok) return handed.value;
	return client.shard ? [...client.shard.ids] : [0];
}

/** Undefined without REDIS_URL: the bot then works as on one host, cooldowns in memory. */
export function coordinateShard(
	client: Client,
	config: Config,
	service: KnowledgeService,
	logger: Logger,
	metrics: BotMetrics,
	env: NodeJS.ProcessEnv = process.env,
): ShardCoordination | undefined {
	if (!config.redisUrl) return undefined;
	const shardUtil = client.shard;
	const ownIds = shardUtil ? [...shardUtil.ids] : [0];
	const connection = new RedisConnection({
		url: config.redisUrl,
		logger,
		name: `${config.hostId}:shard-${ownIds.join('-')}`,
	});
	const requester = new ReloadRequester({
		connection,
		keys: busKeys(config.redisPrefix),
		hostId: config.hostId,
		shardCount: shardUtil?.count ?? 1,
		deadlineMs: config.reloadDeadlineMs,
		// Without Redis: this host's shards, each through the manager on its own.
		local: shardProcessActions({
			shardIds: hostShardIds(client, env),
			knowledgeDir: config.knowledgeDir,
			reloadShard: (shardId) =>
				reloadShardThrough((script) =>
					shardUtil
						? shardUtil.broadcastEval(script, { shard: shardId })
						: Promise.reject(new Error('not running under a shard manager')),
				),
		}),
		logger,
	});
	connection.start();
	requester.start();

	const withOwn = async (request: () => Promise<BusSummary>): Promise<CrossHostOutcome> => {
		const started = Date.now();
		const summary = await request();
		const last = lastReloadOf(client);
		return last && last.at >= started ? { summary, own: last.report } : { summary };
	};
	const windowMs = config.cooldownSeconds * 1000;
	return {
		knowledgeEdits: {
			reload: requestCounted(() => withOwn(() => requester.reload()), busRequestResult, metrics),
			addAlternate: (edit) =>
				requestCounted(() => withOwn(() => requester.addAlternate(edit)), busRequestResult, metrics)(),
			editFor: (file, topic, question) => {
				const beforeHash = service.fileDigest(file);
				return beforeHash === undefined ? undefined : knowledgeEdit({ file, topic, question, beforeHash });
			},
		},
		cooldowns: new SharedCooldowns({
			redis: new RedisCooldowns({
				connection,
				prefix: config.redisPrefix,
				capacity: config.cooldownQuestions,
				windowMs,
			}),
			fallback: new Cooldowns(config.cooldownQuestions, windowMs, {
				onRefuse: () => metrics.cooldownRefused(),
			}),
			logger,
			onRefuse: () => metrics.cooldownRefused(),
		}),
		close: () => connection.close(),
	};
}
