/**
 * The learning store's worker thread (see worker-store.ts): owns the SQLite connection, whose
 * calls are synchronous — a write waiting out another process's lock, or a long purge, blocks
 * this thread, never the one answering Discord. Runs one call at a time, in the order sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openKyselyStore, type StoreLocation } from './connect.js';
import { LazyStore } from './lazy-store.js';
import type { LearningStore } from './store.js';

export type StoreMethod = Exclude<keyof LearningStore, 'close'>;

/** Main thread -> worker: one store call, or `close` (the worker then closes the store and exits). */
export interface StoreRequest {
	id: number;
	method: StoreMethod | 'close';
	args: unknown[];
}

export type StoreReply =
	{ id: number; ok: true; value: unknown } | { id: number; ok: false; message: string; code?: string };

const port = parentPort;
if (!port) throw new Error('store-worker.ts runs as a worker thread of worker-store.ts');
const location = (workerData as { location: StoreLocation }).location;
const store = new LazyStore(() => openKyselyStore(location));

function codeOf(error: unknown): string | undefined {
	return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

async function run(request: StoreRequest): Promise<unknown> {
	if (request.method === 'close') return store.close();
	const method = store[request.method] as (...args: unknown[]) => Promise<unknown>;
	return method(...request.args);
}

let queue = Promise.resolve();
port.on('message', (request: StoreRequest) => {
	queue = queue.then(async () => {
		let reply: StoreReply;
		try {
			reply = { id: request.id, ok: true, value: await run(request) };
		} catch (error) {
			const code = codeOf(error);
			reply = {
				id: request.id,
				ok: false,
				message: error instanceof Error ? error.message : String(error),
				...(code === undefined ? {} : { code }),
			};
		}
		port.postMessage(reply);
		if (request.method === 'close') port.close();
	});
});
