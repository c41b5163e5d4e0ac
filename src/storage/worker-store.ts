/**
 * The learning store behind a worker thread (store-worker.ts). better-sqlite3 is synchronous:
 * in the bot's own thread, a write waiting for another shard's lock (up to the busy timeout) or a
 * large purge would hold up every reply. Here the bot only posts a message. A worker that dies
 * fails the calls in flight, and the next call starts a new one.
 */
import type { Worker } from 'node:worker_threads';
import { siblingModule, startModuleWorker } from '../module-worker.js';
import type { StoreLocation } from './connect.js';
import type { StoreMethod, StoreReply, StoreRequest } from './store-worker.js';
import type { LearningStore } from './store.js';

const WORKER_URL = siblingModule(import.meta.url, 'store-worker');
/** How long closing waits for the worker to finish what it was sent before stopping it. */
const CLOSE_TIMEOUT_MS = 10_000;

/** An error from the worker, with the database's code (SQLITE_BUSY, ...) when it had one. */
export class StoreError extends Error {
	constructor(
		message: string,
		readonly code?: string,
	) {
		super(message);
		this.name = 'StoreError';
	}
}

interface Pending {
	resolve: (value: unknown) => void;
	reject: (error: Error) => void;
}

export class WorkerStore implements LearningStore {
	#worker: Worker | undefined;
	#pending = new Map<number, Pending>();
	#nextId = 1;
	#closed = false;

	constructor(private readonly location: StoreLocation) {}

	#start(): Worker {
		const worker = startModuleWorker(WORKER_URL, { workerData: { location: this.location } });
		const fail = (error: Error) => {
			if (this.#worker === worker) this.#worker = undefined;
			for (const pending of this.#pending.values()) pending.reject(error);
			this.#pending.clear();
		};
		worker.on('message', (reply: StoreReply) => {
			const pending = this.#pending.get(reply.id);
			if (!pending) return;
			this.#pending.delete(reply.id);
			if (reply.ok) pending.resolve(reply.value);
			else pending.reject(new StoreError(reply.message, reply.code));
			// Idle, the worker must not keep a process alive that has nothing else to do.
			if (this.#pending.size === 0) worker.unref();
		});
		worker.on('error', (error) =>
			fail(new StoreError(`the learning store's worker failed: ${error.message}`)),
		);
		worker.on('exit', (code) =>
			fail(new StoreError(`the learning store's worker stopped (exit code ${code})`)),
		);
		return worker;
	}

	#call(method: StoreMethod | 'close', args: unknown[]): Promise<unknown> {
		if (this.#closed && method !== 'close')
			return Promise.reject(new StoreError('the learning store is closed'));
		const worker = (this.#worker ??= this.#start());
		const id = this.#nextId++;
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve, reject });
			worker.ref();
			worker.postMessage({ id, method, args } satisfies StoreRequest);
		});
	}

	// The worker runs the same store in its thread; what comes back is what that store returned.
	write: LearningStore['write'] = async (batch) => {
		await this.#call('write', [batch]);
	};
	questions: LearningStore['questions'] = async (query) =>
		(await this.#call('questions', [query])) as Awaited<ReturnType<LearningStore['questions']>>;
	outcomeCounts: LearningStore['outcomeCounts'] = async (since, guildId) =>
		(await this.#call('outcomeCounts', [since, guildId])) as Awaited<
			ReturnType<LearningStore['outcomeCounts']>
		>;
	votesByTopic: LearningStore['votesByTopic'] = async (since, guildId) =>
		(await this.#call('votesByTopic', [since, guildId])) as Awaited<
			ReturnType<LearningStore['votesByTopic']>
		>;
	resolve: LearningStore['resolve'] = async (ids, resolution, at) =>
		(await this.#call('resolve', [ids, resolution, at])) as number;
	purge: LearningStore['purge'] = async (before) =>
		(await this.#call('purge', [before])) as Awaited<ReturnType<LearningStore['purge']>>;

	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		const worker = this.#worker;
		if (!worker) return;
		const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
		try {
			await this.#call('close', []);
		} catch {
			// Stopped already: nothing left to close.
		} finally {
			clearTimeout(timer);
			await worker.terminate();
			this.#worker = undefined;
		}
	}
}
