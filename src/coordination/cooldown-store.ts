/**
 * Per-user cooldowns shared by every shard of every host: the same token bucket as the in-memory
 * one (src/discord/cooldown.ts: `capacity` questions at once, refilled evenly over `windowMs`),
 * kept in Redis and updated by one Lua script, so two shards taking a user's last question at the
 * same moment cannot both get it. When Redis cannot be used, the in-memory buckets take over (and
 * the log says so once per outage): a user then gets the limit per shard instead of overall, which
 * beats refusing everyone or not limiting at all.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { RedisConnection, RedisResult } from './redis-connection.js';

/**
 * `firstRefusal` is true only for the first refused use in a run of refusals, so the user is
 * told once. The same shape as src/discord/cooldown.ts' result, which therefore implements
 * {@link CooldownStore} as it is.
 */
export type CooldownResult = { ok: true } | { ok: false; retryAt: number; firstRefusal: boolean };

/** What answers a question's "may this user ask now?": in memory (synchronous) or in Redis. */
export interface CooldownStore {
	take(userId: string): CooldownResult | Promise<CooldownResult>;
}

/**
 * The bucket of KEYS[1], refilled up to now and taken from when a whole question is in it.
 * Time is the Redis server's, so hosts whose clocks differ still share one clock. The key expires
 * once the bucket would be full again (`windowMs` at most), as the in-memory store forgets it.
 * Returns {1} when taken, {0, retryAt ms, first refusal 1|0} when not.
 */
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local window_ms = tonumber(ARGV[2])
local ms_per_token = window_ms / capacity
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'told')
local tokens = capacity
local told = '0'
if state[1] then
  tokens = math.min(capacity, tonumber(state[1]) + (now - tonumber(state[2])) / ms_per_token)
  told = state[3]
end
if tokens >= 1 then
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - 1), 'at', now, 'told', '0')
  redis.call('PEXPIRE', KEYS[1], math.ceil(window_ms))
  return {1}
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now, 'told', '1')
redis.call('PEXPIRE', KEYS[1], math.ceil(window_ms))
return {0, math.ceil(now + (1 - tokens) * ms_per_token), told == '0' and 1 or 0}
`;

const TAKE_SHA1 = createHash('sha1').update(TAKE_SCRIPT).digest('hex');

/** By its hash, sending the script itself only when this server has not seen it yet (after a restart, say). */
async function runTake(client: Redis, key: string, capacity: number, windowMs: number): Promise<unknown> {
	try {
		return await client.evalsha(TAKE_SHA1, 1, key, capacity, windowMs);
	} catch (error) {
		if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
		return client.eval(TAKE_SCRIPT, 1, key, capacity, windowMs);
	}
}

const scriptReply = z.union([
	z.tuple([z.literal(1)]),
	z.tuple([z.literal(0), z.number().int(), z.union([z.literal(0), z.literal(1)])]),
]);

export interface RedisCooldownsOptions {
	connection: RedisConnection;
	/** Keys are `<prefix>cooldown:<user id>`; default `faq-bot:`. */
	prefix?: string;
	capacity: number;
	windowMs: number;
}

/** The token bucket in Redis; "unavailable" (never a throw) when Redis cannot be used. */
export class RedisCooldowns {
	readonly #prefix: string;

	constructor(private readonly options: RedisCooldownsOptions) {
		this.#prefix = options.prefix ?? 'faq-bot:';
	}

	async take(userId: string): Promise<RedisResult<CooldownResult>> {
		const { connection, capacity, windowMs } = this.options;
		if (windowMs <= 0) return { ok: true, value: { ok: true } };
		const ran = await connection.run((client) =>
			runTake(client, `${this.#prefix}cooldown:${userId}`, capacity, windowMs),
		);
		if (!ran.ok) return ran;
		const reply = scriptReply.safeParse(ran.value);
		if (!reply.success) return { ok: false, reason: 'the cooldown script gave an unexpected reply' };
		const result = reply.data;
		if (result[0] === 1) return { ok: true, value: { ok: true } };
		return { ok: true, value: { ok: false, retryAt: result[1], firstRefusal: result[2] === 1 } };
	}
}

export interface SharedCooldownsOptions {
	redis: RedisCooldowns;
	/** The in-memory store (src/discord/cooldown.ts' Cooldowns) used while Redis cannot be. */
	fallback: CooldownStore;
	logger: Pick<Logger, 'info' | 'warn'>;
	/** Called for each question Redis refused (the fallback counts its own). */
	onRefuse?: () => void;
}

/** Redis-backed cooldowns that fall back to memory, and back again, by themselves. */
export class SharedCooldowns implements CooldownStore {
	#inMemory = false;

	constructor(private readonly options: SharedCooldownsOptions) {}

	/** True while the in-memory fallback is answering. */
	get inMemory(): boolean {
		return this.#inMemory;
	}

	async take(userId: string): Promise<CooldownResult> {
		const shared = await this.options.redis.take(userId);
		if (shared.ok) {
			if (this.#inMemory) {
				this.#inMemory = false;
				this.options.logger.info('cooldowns are shared through Redis again');
			}
			if (!shared.value.ok) this.options.onRefuse?.();
			return shared.value;
		}
		if (!this.#inMemory) {
			this.#inMemory = true;
			this.options.logger.warn(
				{ reason: shared.reason },
				"cooldowns fall back to this shard's memory until Redis is back: meanwhile a user's limit applies per shard, not across them",
			);
		}
		return this.options.fallback.take(userId);
	}
}
