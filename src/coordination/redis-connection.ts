/**
 * The one way this bot talks to Redis: an ioredis client that connects on first use, reconnects
 * by itself with capped exponential backoff, and never throws into its callers. While Redis is
 * away every command comes back at once as "unavailable" (no offline queue: a question must not
 * wait for a server that is down), and the log says so at most once a minute, with the password
 * masked.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { redisUrlForLog, withoutRedisPassword } from './redis-url.js';

export type RedisResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** What the connection writes to the log: pino's logger, or anything with the same two methods. */
export type ConnectionLog = Pick<Logger, 'warn' | 'info'>;

export interface RedisConnectionOptions {
	url: string;
	logger: ConnectionLog;
	/** In log lines and Redis' CLIENT LIST, e.g. `shard-3`. */
	name?: string;
	/** At most one "unavailable" warning per this many ms (default a minute). */
	warnIntervalMs?: number;
	/** Reconnection waits double from 50 ms up to this (default 5 s), plus up to 20% jitter. */
	maxReconnectDelayMs?: number;
	/** A command with no reply after this long fails (a server that hangs rather than refuses). */
	commandTimeoutMs?: number;
	/** How long the first use waits for the first connection attempt. */
	connectTimeoutMs?: number;
	/** How often each connection PINGs, to notice one the network swallowed (default 5 s). */
	heartbeatMs?: number;
	now?: () => number;
}

export type MessageHandler = (message: string) => void;

/** Reconnection delay for the nth attempt: 50 ms doubling, capped, with jitter so hosts spread out. */
export function reconnectDelay(attempt: number, maxMs: number, random: () => number = Math.random): number {
	const base = Math.min(maxMs, 50 * 2 ** Math.min(attempt - 1, 20));
	return Math.round(base * (1 + 0.2 * random()));
}

export class RedisConnection {
	readonly where: string;
	readonly #options: RedisConnectionOptions;
	readonly #client: Redis;
	#subscriber: Redis | undefined;
	readonly #handlers = new Map<string, MessageHandler>();
	#subscribed = false;
	/** Settles when the first connection attempt has succeeded or failed. */
	#firstAttempt: Promise<void> | undefined;
	#lastWarningAt = Number.NEGATIVE_INFINITY;
	#suppressedWarnings = 0;
	/** Set while a warning is out that has not been followed by "connected" yet. */
	#outage = false;
	#closed = false;
	readonly #heartbeats: NodeJS.Timeout[] = [];
	/** Connections being dropped, until their socket closes. */
	readonly #dropping = new Set<Redis>();

	constructor(options: RedisConnectionOptions) {
		this.#options = options;
		this.where = redisUrlForLog(options.url);
		this.#client = this.#createClient('commands');
	}

	/** True when a command sent now would reach the server. */
	get available(): boolean {
		return this.#client.status === 'ready';
	}

	/** True when the subscriber is connected and listening to every channel given to {@link subscribe}. */
	get subscribed(): boolean {
		return this.#subscribed && this.#subscriber?.status === 'ready';
	}

	/** Starts connecting in the background (the first command would anyway); never throws. */
	start(): void {
		void this.#startConnecting();
	}

	/**
	 * Calls `callback` each time the command connection becomes usable (now, if it is): for what
	 * must be said to Redis again after it restarted empty, such as which host runs which shard.
	 */
	onReady(callback: () => void): void {
		this.#client.on('ready', callback);
		if (this.available) callback();
	}

	/** Runs a command; any failure, Redis being down included, comes back as a reason instead of a throw. */
	async run<T>(command: (client: Redis) => Promise<T>): Promise<RedisResult<T>> {
		if (this.#closed) return { ok: false, reason: 'the Redis connection is closed' };
		// Until the first connection attempt has settled, wait for it (a question asked as the bot
		// starts should not fall back to memory); after it, a missing connection answers at once.
		if (!this.available) await this.#startConnecting();
		if (!this.available) return { ok: false, reason: `Redis is unavailable (${this.where})` };
		try {
			return { ok: true, value: await command(this.#client) };
		} catch (error) {
			if (error instanceof Error && error.message === 'Command timed out') this.#lost(this.#client, error);
			return { ok: false, reason: this.#describe(error) };
		}
	}

	/**
	 * Calls `onMessage` with every message published on `channel`, from now on and again after
	 * every reconnection (the subscription is renewed each time the subscriber connects).
	 */
	subscribe(channel: string, onMessage: MessageHandler): void {
		this.#handlers.set(channel, onMessage);
		if (!this.#subscriber) {
			this.#subscriber = this.#createClient('subscriber');
			this.#subscriber.on('message', (from: string, message: string) => this.#handlers.get(from)?.(message));
			this.#subscriber.on('ready', () => void this.#subscribeAll());
			this.#subscriber.on('close', () => (this.#subscribed = false));
			this.#subscriber.connect().catch(() => {
				// Reported through the 'error' event; the client keeps retrying by itself.
			});
		} else if (this.#subscriber.status === 'ready') {
			void this.#subscribeAll();
		}
	}

	/** Resolves true once subscribed (see {@link subscribed}), false after `timeoutMs`. */
	async whenSubscribed(timeoutMs: number): Promise<boolean> {
		const deadline = Date.now() + timeoutMs;
		while (!this.subscribed && Date.now() < deadline && !this.#closed)
			await new Promise((resolve) => setTimeout(resolve, 10));
		return this.subscribed;
	}

	/** Closes both connections; later commands come back unavailable. */
	async close(): Promise<void> {
		this.#closed = true;
		for (const timer of this.#heartbeats) clearInterval(timer);
		await Promise.all(
			[this.#client, this.#subscriber].map(async (client) => {
				if (!client) return;
				if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
				else client.disconnect();
			}),
		);
	}

	#createClient(role: 'commands' | 'subscriber'): Redis {
		const {
			name,
			maxReconnectDelayMs = 5_000,
			commandTimeoutMs = 1_000,
			connectTimeoutMs = 2_000,
			heartbeatMs = 5_000,
		} = this.#options;
		const client = new Redis(this.#options.url, {
			lazyConnect: true,
			enableOfflineQueue: false,
			// The subscriber renews its subscriptions itself on each 'ready' (see subscribe()).
			autoResubscribe: false,
			maxRetriesPerRequest: 0,
			connectTimeout: connectTimeoutMs,
			commandTimeout: role === 'commands' ? commandTimeoutMs : undefined,
			retryStrategy: (attempt) => reconnectDelay(attempt, maxReconnectDelayMs),
			connectionName: name ? `faq-bot:${name}:${role}` : undefined,
		});
		let connected = false;
		/**
		 * Runs from the moment the socket is connected until the client is ready. ioredis clears its
		 * connect timeout once TCP is up, and its handshake (the ready check, the connection's name)
		 * may then wait for an answer forever — the subscriber's, which has no command timeout,
		 * does: a network or a proxy that takes a connection and passes nothing (a partition seen
		 * through a load balancer, say) left it connecting for good, even after the network was back.
		 */
		let handshake: NodeJS.Timeout | undefined;
		const handshakeOver = () => {
			clearTimeout(handshake);
			handshake = undefined;
		};
		client.on('connect', () => {
			handshakeOver();
			handshake = setTimeout(() => {
				if (client.status === 'ready') return;
				this.#drop(client, new Error(`connected, but no answer within ${connectTimeoutMs} ms`));
			}, connectTimeoutMs);
			handshake.unref();
		});
		client.on('error', (error: unknown) => this.#trouble(error));
		client.on('ready', () => {
			handshakeOver();
			connected = true;
			this.#recovered();
		});
		// A server that exits closes the socket without an error: that is trouble too.
		client.on('close', () => {
			handshakeOver();
			this.#dropping.delete(client);
			if (connected) this.#trouble(new Error('the connection was lost'));
			connected = false;
		});
		const heartbeat = setInterval(() => void this.#heartbeat(client, commandTimeoutMs), heartbeatMs);
		heartbeat.unref();
		this.#heartbeats.push(heartbeat);
		return client;
	}

	/**
	 * A server that is down closes the connection, but a network that drops every packet leaves it
	 * open and silent: ioredis would call it ready forever, commands timing out one by one and the
	 * subscriber hearing nothing, even after the network is back. A PING (allowed while subscribed)
	 * that gets no answer in time closes the connection and lets ioredis reconnect, which renews
	 * the subscriptions (see subscribe()).
	 */
	async #heartbeat(client: Redis, timeoutMs: number): Promise<void> {
		if (client.status !== 'ready' || this.#closed || this.#dropping.has(client)) return;
		let timer: NodeJS.Timeout | undefined;
		const silent = new Promise<'silent'>(
			(resolve) => (timer = setTimeout(() => resolve('silent'), timeoutMs)),
		);
		const answer = await Promise.race([client.ping().catch(() => 'failed'), silent]);
		clearTimeout(timer);
		if (answer === 'silent') this.#lost(client, new Error(`no answer to a PING within ${timeoutMs} ms`));
	}

	/** Drops a ready connection that stopped answering (see #drop). */
	#lost(client: Redis, why: Error): void {
		if (client.status !== 'ready') return;
		this.#drop(client, why);
	}

	/**
	 * Drops a connection; ioredis connects again with the usual backoff. Once: a socket the network
	 * swallowed takes ioredis up to 2 s to close, and heartbeats meanwhile would drop it again.
	 */
	#drop(client: Redis, why: Error): void {
		if (this.#closed || this.#dropping.has(client)) return;
		this.#dropping.add(client);
		this.#trouble(why);
		client.disconnect(true);
	}

	#startConnecting(): Promise<void> {
		this.#firstAttempt ??= new Promise<void>((resolve) => {
			const settle = () => {
				this.#client.off('ready', settle);
				this.#client.off('error', settle);
				resolve();
			};
			this.#client.on('ready', settle);
			this.#client.on('error', settle);
			this.#client.connect().catch(() => {
				// Reported through the 'error' event; the client keeps retrying by itself.
				settle();
			});
		});
		return this.#firstAttempt;
	}

	async #subscribeAll(): Promise<void> {
		const subscriber = this.#subscriber;
		if (!subscriber || this.#handlers.size === 0) return;
		try {
			await subscriber.subscribe(...this.#handlers.keys());
			this.#subscribed = subscriber.status === 'ready';
		} catch (error) {
			this.#trouble(error);
		}
	}

	#describe(error: unknown): string {
		const message = error instanceof Error ? error.message : String(error);
		return withoutRedisPassword(message, this.#options.url);
	}

	/** Every failure passes here; the log hears of them at most once per interval. */
	#trouble(error: unknown): void {
		if (this.#closed) return;
		const now = (this.#options.now ?? Date.now)();
		const interval = this.#options.warnIntervalMs ?? 60_000;
		if (now - this.#lastWarningAt < interval) {
			this.#suppressedWarnings++;
			return;
		}
		const repeats = this.#suppressedWarnings;
		this.#lastWarningAt = now;
		this.#suppressedWarnings = 0;
		this.#outage = true;
		this.#options.logger.warn(
			{
				redis: this.where,
				connection: this.#options.name,
				...(repeats > 0 ? { failuresSinceLastWarning: repeats } : {}),
			},
			`Redis unavailable (${this.#describe(error)}): cross-host reload and shared cooldowns are off until it is back; reconnecting in the background`,
		);
	}

	#recovered(): void {
		if (!this.#outage) return;
		this.#outage = false;
		this.#options.logger.info({ redis: this.where, connection: this.#options.name }, 'Redis connected again');
	}
}
