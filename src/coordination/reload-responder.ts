/**
 * A host's (or a shard process's) side of the cross-host reload: it listens for requests on
 * Redis, acknowledges each at once, carries it out with its {@link HostActions} and publishes its
 * report. It also keeps Redis told which shards it runs, so a requester can name a host that did
 * not answer.
 */
import type { Logger } from '../logger.js';
import { perform, type HostActions } from './host-actions.js';
import {
	busRequestSchema,
	ChannelReader,
	PROTOCOL_VERSION,
	type BusKeys,
	type BusReply,
	type BusRequest,
} from './messages.js';
import type { RedisConnection } from './redis-connection.js';

export interface ReloadResponderOptions {
	connection: RedisConnection;
	keys: BusKeys;
	hostId: string;
	actions: HostActions;
	logger: Pick<Logger, 'info' | 'warn' | 'debug'>;
}

/** Request ids remembered to ignore a request heard twice. */
const REMEMBERED_REQUESTS = 256;

export class ReloadResponder {
	readonly #requests: ChannelReader<BusRequest>;
	#queue: Promise<void> = Promise.resolve();
	readonly #seen = new Set<string>();

	constructor(private readonly options: ReloadResponderOptions) {
		this.#requests = new ChannelReader(busRequestSchema, (malformed) =>
			options.logger.debug({ malformed }, 'ignored a message on the reload channel that is not a request'),
		);
	}

	/** Messages on the request channel that were not a request this version understands. */
	get malformed(): number {
		return this.#requests.malformed;
	}

	start(): void {
		const { connection, keys } = this.options;
		connection.subscribe(keys.requests, (text) => this.#heard(text));
		connection.onReady(() => void this.#registerShards());
	}

	#heard(text: string): void {
		const request = this.#requests.read(text);
		if (!request) return;
		if (this.#seen.has(request.requestId)) return;
		this.#seen.add(request.requestId);
		if (this.#seen.size > REMEMBERED_REQUESTS) this.#seen.delete(this.#seen.values().next().value!);
		// One request at a time: an edit and a reload must not interleave on one knowledge folder.
		this.#queue = this.#queue.then(() => this.#answer(request));
	}

	async #answer(request: BusRequest): Promise<void> {
		const { hostId, actions, logger } = this.options;
		await this.#publish({
			v: PROTOCOL_VERSION,
			type: 'ack',
			requestId: request.requestId,
			hostId,
			shardIds: [...actions.shardIds()],
		});
		const started = Date.now();
		const performed = await perform(actions, request);
		logger.info(
			{
				requestId: request.requestId,
				from: request.from,
				type: request.type,
				ms: Date.now() - started,
				edit: performed.edit,
			},
			'cross-host request carried out',
		);
		await this.#publish({
			v: PROTOCOL_VERSION,
			type: 'report',
			requestId: request.requestId,
			hostId,
			...performed,
		});
	}

	async #publish(reply: BusReply): Promise<void> {
		const sent = await this.options.connection.run((client) =>
			client.publish(this.options.keys.replies, JSON.stringify(reply)),
		);
		// The requester names this host as not answering; nothing else to do without Redis.
		if (!sent.ok)
			this.options.logger.debug({ requestId: reply.requestId, reason: sent.reason }, 'reply not sent');
	}

	async #registerShards(): Promise<void> {
		const { connection, keys, hostId, actions } = this.options;
		const shardIds = actions.shardIds();
		if (shardIds.length === 0) return;
		await connection.run((client) =>
			client.hset(keys.shardHosts, Object.fromEntries(shardIds.map((id) => [String(id), hostId]))),
		);
	}
}
