/**
 * The asking side of the cross-host reload: publishes a request with a fresh id, gathers every
 * host's acknowledgement and report until all shards have reported or the deadline passes, and
 * sums them up. When Redis cannot be used it does what this host can do by itself (its own
 * shards, through the {@link HostActions} it is given) and the summary says which hosts it could
 * not reach. Never throws.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import { perform, type HostActions } from './host-actions.js';
import {
	busReplySchema,
	ChannelReader,
	PROTOCOL_VERSION,
	type BusKeys,
	type BusReply,
	type BusRequest,
	type HostReport,
	type KnowledgeEdit,
} from './messages.js';
import type { RedisConnection } from './redis-connection.js';
import { summarize, type BusSummary } from './reload-summary.js';
import { HOST_ID_PATTERN } from './host-id.js';

export interface ReloadRequesterOptions {
	connection: RedisConnection;
	keys: BusKeys;
	hostId: string;
	/** Shards across all hosts (SHARD_COUNT, or this host's total when it runs them all). */
	shardCount: number;
	/** How long to wait for every shard's report (default 30 s, as the one-host broadcast waits). */
	deadlineMs?: number;
	/** This host's own shards, reached without Redis. */
	local: HostActions;
	logger: Pick<Logger, 'info' | 'warn' | 'debug'>;
}

interface Pending {
	reports: HostReport[];
	acknowledged: Map<string, readonly number[]>;
	shardsReported: Set<number>;
	done: () => void;
}

export const DEFAULT_DEADLINE_MS = 30_000;

/** How long a request may wait for the reply subscription to come back before using only this host. */
const SUBSCRIPTION_WAIT_MS = 1_000;

export class ReloadRequester {
	readonly #pending = new Map<string, Pending>();
	/** The last shard → host map read from Redis, to name the hosts it cannot reach when Redis is down. */
	#shardHosts = new Map<number, string>();
	readonly #replies: ChannelReader<BusReply>;

	constructor(private readonly options: ReloadRequesterOptions) {
		this.#replies = new ChannelReader(busReplySchema, (malformed) =>
			options.logger.debug({ malformed }, 'ignored a message on the reply channel that is not a reply'),
		);
	}

	/** Messages on the reply channel that were not a reply this version understands. */
	get malformed(): number {
		return this.#replies.malformed;
	}

	/** Subscribes to the replies; requests work without it too (this host only) until Redis answers. */
	start(): void {
		this.options.connection.subscribe(this.options.keys.replies, (text) => this.#heard(text));
	}

	reload(): Promise<BusSummary> {
		return this.#request({
			v: PROTOCOL_VERSION,
			type: 'reload',
			requestId: randomUUID(),
			from: this.options.hostId,
		});
	}

	/** Publishes the learning loop's "add as alternate"; each host applies it to its copy, then reloads. */
	addAlternate(edit: KnowledgeEdit): Promise<BusSummary> {
		return this.#request({
			v: PROTOCOL_VERSION,
			type: 'edit',
			requestId: randomUUID(),
			from: this.options.hostId,
			edit,
		});
	}

	async #request(request: BusRequest): Promise<BusSummary> {
		const { connection, keys, deadlineMs = DEFAULT_DEADLINE_MS } = this.options;
		const started = Date.now();
		if (!connection.available)
			return this.#thisHostOnly(request, `Redis is unavailable (${connection.where})`);
		if (!(await connection.whenSubscribed(Math.min(SUBSCRIPTION_WAIT_MS, deadlineMs))))
			return this.#thisHostOnly(request, 'not subscribed to the reply channel yet');
		const map = await connection.run((client) => client.hgetall(keys.shardHosts));
		if (!map.ok) return this.#thisHostOnly(request, map.reason);
		this.#shardHosts = shardHostsOf(map.value);

		let done!: () => void;
		const finished = new Promise<void>((resolve) => (done = resolve));
		const pending: Pending = { reports: [], acknowledged: new Map(), shardsReported: new Set(), done };
		this.#pending.set(request.requestId, pending);
		try {
			const published = await connection.run((client) =>
				client.publish(keys.requests, JSON.stringify(request)),
			);
			if (!published.ok) return await this.#thisHostOnly(request, published.reason);
			const timer = setTimeout(done, Math.max(0, deadlineMs - (Date.now() - started)));
			await finished;
			clearTimeout(timer);
		} finally {
			this.#pending.delete(request.requestId);
		}
		const lost = connection.subscribed ? undefined : 'the connection to Redis was lost during the request';
		const summary = summarize({
			kind: request.type,
			reach: 'redis',
			...(lost ? { redisProblem: lost } : {}),
			deadlineMs,
			shardCount: this.options.shardCount,
			reports: pending.reports,
			acknowledged: pending.acknowledged,
			shardHosts: this.#shardHosts,
		});
		this.options.logger.info(
			{
				requestId: request.requestId,
				type: request.type,
				ms: Date.now() - started,
				reported: summary.reports.length,
				missing: summary.missing.map((shard) => shard.shardId),
			},
			'cross-host request summed up',
		);
		return summary;
	}

	async #thisHostOnly(request: BusRequest, why: string): Promise<BusSummary> {
		const { local, hostId, deadlineMs = DEFAULT_DEADLINE_MS } = this.options;
		this.options.logger.warn(
			{ requestId: request.requestId, why },
			'cross-host request reaches this host only',
		);
		const performed = await perform(local, request);
		const shardHosts = new Map(this.#shardHosts);
		for (const shard of performed.shards) shardHosts.set(shard.shardId, hostId);
		return summarize({
			kind: request.type,
			reach: 'this-host',
			redisProblem: why,
			deadlineMs,
			shardCount: this.options.shardCount,
			reports: [{ v: PROTOCOL_VERSION, type: 'report', requestId: request.requestId, hostId, ...performed }],
			acknowledged: new Map(),
			shardHosts,
		});
	}

	#heard(text: string): void {
		const reply = this.#replies.read(text);
		if (!reply) return;
		const pending = this.#pending.get(reply.requestId);
		if (!pending) return; // another requester's, or one past its deadline
		if (reply.type === 'ack') {
			pending.acknowledged.set(reply.hostId, reply.shardIds);
			return;
		}
		pending.reports.push(reply);
		for (const shard of reply.shards) pending.shardsReported.add(shard.shardId);
		const everyShard = [...pending.shardsReported].filter((id) => id < this.options.shardCount).length;
		if (everyShard >= this.options.shardCount) pending.done();
	}
}

/** The shard → host hash as Redis returns it, keeping only well-formed entries. */
function shardHostsOf(hash: Record<string, string>): Map<number, string> {
	const map = new Map<number, string>();
	for (const [shard, host] of Object.entries(hash))
		if (/^\d+$/.test(shard) && HOST_ID_PATTERN.test(host)) map.set(Number(shard), host);
	return map;
}
