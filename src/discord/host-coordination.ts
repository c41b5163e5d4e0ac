/**
 * A host's part of the cross-host coordination, run by its shard manager: one Redis connection
 * and one ReloadResponder for all its shards, answering every host's `/reload` (and "add as
 * alternate") by reloading each of its shard processes on its own, and the line it prints at
 * start saying what it runs and what it is connected to.
 */
import type { ShardingManager } from 'discord.js';
import type { Config } from '../config.js';
import { busKeys } from '../coordination/messages.js';
import { RedisConnection } from '../coordination/redis-connection.js';
import { ReloadResponder } from '../coordination/reload-responder.js';
import type { Logger } from '../logger.js';
import { describeLocation, storeLocation } from '../storage/connect.js';
import { postgresReachable } from '../storage/reachable.js';
import { reloadShardThrough } from './cross-shard-reload.js';
import { shardProcessActions } from './host-reload.js';

export interface HostCoordination {
	connection: RedisConnection;
	responder: ReloadResponder;
	close(): Promise<void>;
}

/** Answers cross-host requests for the shards `shardIds` of `manager` (started at once; never throws). */
export function startHostCoordination(
	manager: ShardingManager,
	shardIds: readonly number[],
	config: Config & { redisUrl: string },
	logger: Logger,
): HostCoordination {
	const connection = new RedisConnection({ url: config.redisUrl, logger, name: `${config.hostId}:manager` });
	const responder = new ReloadResponder({
		connection,
		keys: busKeys(config.redisPrefix),
		hostId: config.hostId,
		actions: shardProcessActions({
			shardIds,
			knowledgeDir: config.knowledgeDir,
			reloadShard: (shardId) =>
				reloadShardThrough((script) => {
					const shard = manager.shards.get(shardId);
					return shard ? shard.eval(script) : Promise.reject(new Error(`shard ${shardId} has not started`));
				}),
		}),
		logger,
	});
	connection.start();
	responder.start();
	return { connection, responder, close: () => connection.close() };
}

const idList = (ids: readonly number[]) => ids.join(', ');

/**
 * "host eu-1 runs shards 0, 1 of 4 · Redis connected (redis://…) · PostgreSQL connected (…)":
 * what an operator checks first when hosts do not see each other. Waits at most a few seconds.
 */
export async function startupLine(
	config: Config,
	shardIds: readonly number[],
	shardCount: number,
	connection: RedisConnection | undefined,
): Promise<string> {
	const shards = `host ${config.hostId} runs ${shardIds.length === 1 ? 'shard' : 'shards'} ${idList(shardIds)} of ${shardCount}`;
	let redis = 'Redis not configured (REDIS_URL unset: /reload reaches this host only, cooldowns per shard)';
	if (connection) {
		const ping = await connection.run((client) => client.ping());
		redis = ping.ok
			? `Redis connected (${connection.where})`
			: `Redis NOT connected (${ping.reason}): shards answer, /reload reaches this host only and cooldowns are per shard until it is back`;
	}
	const location = storeLocation(config);
	let database = `learning store: ${describeLocation(location)}`;
	if (location.kind === 'postgres') {
		const reachable = await postgresReachable(location.url);
		database = reachable.ok
			? `PostgreSQL connected (${describeLocation(location)})`
			: `PostgreSQL NOT connected (${reachable.reason}): answers continue without it`;
	}
	return `${shards} · ${redis} · ${database}`;
}
