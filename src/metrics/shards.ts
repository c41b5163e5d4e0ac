/**
 * Metrics under `npm run start:sharded`: every shard process keeps its own registry; the manager
 * serves one /metrics with the totals of all shards and one /healthz that is healthy only when
 * every shard is.
 */
import type { Client, ShardingManager } from 'discord.js';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { RunningBot } from '../discord/bot.js';
import type { Health, MetricsEndpoints } from './server.js';

interface ShardMetrics {
	metrics: Awaited<ReturnType<Registry['getMetricsAsJSON']>>;
	health: Health;
}

/**
 * `broadcastEval` sends a function's source text to each shard process, where it can only reach
 * that process's client: the shard's metrics are found on the client under this literal name.
 */
interface MetricsHookHolder {
	faqBotMetrics(): Promise<ShardMetrics>;
}

export function installMetricsHook(client: Client, bot: Pick<RunningBot, 'metrics' | 'health'>): void {
	const read = async (): Promise<ShardMetrics> => ({
		metrics: await bot.metrics.registry.getMetricsAsJSON(),
		health: bot.health(),
	});
	Object.defineProperty(client, 'faqBotMetrics', { value: read, configurable: true });
}

const SCRAPE_TIMEOUT_MS = 5_000;

export function shardManagerEndpoints(manager: ShardingManager): MetricsEndpoints {
	const readAll = async (): Promise<ShardMetrics[]> => {
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new Error('a shard did not answer in time')), SCRAPE_TIMEOUT_MS);
		});
		// Runs inside each shard process; keep it self-contained (see MetricsHookHolder).
		const all = manager.broadcastEval((c) => (c as unknown as MetricsHookHolder).faqBotMetrics());
		return Promise.race([all, timeout]).finally(() => clearTimeout(timer));
	};
	return {
		async metrics() {
			const registry = AggregatorRegistry.aggregate((await readAll()).map((shard) => shard.metrics));
			return { contentType: registry.contentType, body: await registry.metrics() };
		},
		async health() {
			const expected = manager.totalShards === 'auto' ? undefined : manager.totalShards;
			let shards: Health[];
			try {
				shards = (await readAll()).map((shard) => shard.health);
			} catch (error) {
				// Spawning, or a shard process gone: not healthy, and say so.
				return { ok: false, reason: error instanceof Error ? error.message : String(error) };
			}
			const unhealthy = shards.filter((shard) => !shard.ok);
			const reason =
				expected !== undefined && shards.length < expected
					? `${shards.length} of ${expected} shard processes running`
					: unhealthy.length > 0
						? `${unhealthy.length} of ${shards.length} shard processes unhealthy: ${unhealthy[0]?.reason ?? ''}`
						: undefined;
			return { ok: reason === undefined, ...(reason ? { reason } : {}), shards };
		},
	};
}
