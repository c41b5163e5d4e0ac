/**
 * Parses knowledge files in worker threads, so a large load (or a file that takes pathologically
 * long to parse) never blocks the loading thread — for the bot, the thread that answers Discord.
 *
 * A pool lives for one load: `loadKnowledge` creates it when there is enough to parse and closes
 * it when done, which frees the workers' heaps and with them all of the parse's garbage (the
 * results reach the loader by structured clone). Workers start lazily, one per waiting file up to
 * the pool size; each file goes to the next free worker.
 *
 * Each file gets `timeLimitMs` of a worker's time. A file that takes longer gets a problem, and
 * its worker is terminated — the only way to stop a parse that is running — and replaced if files
 * are still waiting. If a worker cannot start at all (e.g. its module cannot be loaded), the pool
 * parses in the loading thread instead, as the loader does for small loads, and warns once.
 */
import type { Worker } from 'node:worker_threads';
import { siblingModule, startModuleWorker } from '../module-worker.js';
import { storeOutcome, unpackOutcome } from './outcome-faq.js';
import type { ParseOutcome, ParseTarget } from './parse-file.js';
import type { ParseReply, ParseRequest } from './parse-worker.js';
import { loadParsers } from './parsers.js';

/** How long one file may take to parse in a worker by default. */
export const DEFAULT_PARSE_TIME_LIMIT_MS = 10_000;

/**
 * How long a worker may take to start (load the parsers) before the pool gives up on workers and
 * parses in the loading thread: a load must never wait forever. Starting takes about 0.6 s under
 * tsx, 0.2 s compiled.
 */
const START_TIME_LIMIT_MS = 30_000;

/** The longest delay setTimeout takes; longer ones (and Infinity) mean no time limit. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** `parse-worker.ts` when this module runs from TypeScript source (tsx, vitest), `.js` once compiled. */
const WORKER_URL = siblingModule(import.meta.url, 'parse-worker');

function startWorker(): Worker {
	return startModuleWorker(WORKER_URL);
}

/** E.g. `10 s`, `1.5 s`, `200 ms`. */
export function formatDuration(ms: number): string {
	return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

interface Job {
	id: number;
	target: ParseTarget;
	bytes: Uint8Array;
	resolve: (outcome: ParseOutcome) => void;
	reject: (error: Error) => void;
}

interface Slot {
	worker: Worker;
	/** Set once the worker has loaded the parsers; only then does it get files (and its clock starts). */
	ready: boolean;
	job?: Job;
	timer?: NodeJS.Timeout;
}

export interface ParsePoolOptions {
	/** At most this many workers (at least 1). */
	workers: number;
	/** How long one file may take (Infinity = no limit); see {@link DEFAULT_PARSE_TIME_LIMIT_MS}. */
	timeLimitMs: number;
}

export class ParsePool {
	readonly #size: number;
	readonly #timeLimitMs: number;
	#queue: Job[] = [];
	#slots = new Set<Slot>();
	#nextId = 0;
	#closed = false;
	/** Why a worker could not start; from then on, files are parsed in this thread. */
	#startFailure: Error | undefined;
	#waiters: { below: number; resolve: () => void }[] = [];

	constructor(options: ParsePoolOptions) {
		this.#size = Math.max(1, Math.floor(options.workers));
		this.#timeLimitMs = options.timeLimitMs;
	}

	/**
	 * Parses one file's bytes (which the pool takes over: they are moved to the worker). Resolves
	 * with what parsing in this thread would give, or with a problem when the parse took too long or
	 * its worker died; rejects only when the parser threw, as a parse in this thread would.
	 */
	parse(target: ParseTarget, bytes: Uint8Array): Promise<ParseOutcome> {
		if (this.#closed) return Promise.reject(new Error('the parse pool is closed'));
		return new Promise((resolve, reject) => {
			this.#queue.push({ id: this.#nextId++, target, bytes, resolve, reject });
			this.#pump();
		});
	}

	/** How many files wait for a worker. */
	get queued(): number {
		return this.#queue.length;
	}

	/** Resolves once fewer than `count` files wait for a worker: lets a reader keep just ahead of the parsing. */
	whenQueuedBelow(count: number): Promise<void> {
		if (this.#queue.length < count) return Promise.resolve();
		return new Promise((resolve) => this.#waiters.push({ below: count, resolve }));
	}

	/** Terminates every worker; files still waiting are rejected. */
	async close(): Promise<void> {
		this.#closed = true;
		const slots = [...this.#slots];
		this.#slots.clear();
		for (const job of this.#queue.splice(0)) job.reject(new Error('the parse pool is closed'));
		for (const slot of slots) {
			clearTimeout(slot.timer);
			slot.job?.reject(new Error('the parse pool is closed'));
		}
		this.#wake();
		await Promise.all(slots.map((slot) => slot.worker.terminate()));
	}

	#pump(): void {
		if (this.#closed) return;
		if (this.#startFailure) {
			for (let job = this.#queue.shift(); job; job = this.#queue.shift()) {
				const { target, bytes, resolve, reject } = job;
				loadParsers()
					.then((parsers) => resolve(storeOutcome(parsers.parseKnowledgeBytes(target, bytes))))
					.catch((error: unknown) => reject(error instanceof Error ? error : new Error(String(error))));
			}
		}
		for (const slot of this.#slots) {
			if (this.#queue.length === 0) break;
			if (slot.ready && !slot.job) this.#dispatch(slot, this.#queue.shift()!);
		}
		// A worker that is still starting takes the next waiting file when it is ready.
		let starting = 0;
		for (const slot of this.#slots) if (!slot.ready) starting++;
		let wanted = Math.min(this.#queue.length - starting, this.#size - this.#slots.size);
		while (wanted-- > 0 && !this.#startFailure) this.#start();
		this.#wake();
	}

	#wake(): void {
		const waiting = this.#waiters;
		this.#waiters = [];
		for (const waiter of waiting) {
			if (this.#closed || this.#queue.length < waiter.below) waiter.resolve();
			else this.#waiters.push(waiter);
		}
	}

	#start(): void {
		let worker: Worker;
		try {
			worker = startWorker();
		} catch (error) {
			this.#failedToStart(error);
			return;
		}
		const slot: Slot = { worker, ready: false };
		this.#slots.add(slot);
		slot.timer = setTimeout(
			() => this.#lost(slot, new Error(`it did not start within ${formatDuration(START_TIME_LIMIT_MS)}`)),
			START_TIME_LIMIT_MS,
		);
		worker.on('message', (reply: ParseReply) => this.#reply(slot, reply));
		worker.on('messageerror', (error) => this.#lost(slot, error));
		worker.on('error', (error) => this.#lost(slot, error));
		worker.on('exit', (code) => this.#lost(slot, new Error(`it exited with code ${code}`)));
	}

	#dispatch(slot: Slot, job: Job): void {
		slot.job = job;
		if (this.#timeLimitMs <= MAX_TIMER_MS) slot.timer = setTimeout(() => this.#timedOut(slot), this.#timeLimitMs);
		// Moved, not copied, when the bytes are a whole buffer of their own (as the loader's are).
		const { bytes } = job;
		const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
		const owned = whole && bytes.buffer instanceof ArrayBuffer ? bytes : new Uint8Array(bytes);
		const request: ParseRequest = { id: job.id, path: job.target.path, kind: job.target.kind, bytes: owned };
		slot.worker.postMessage(request, [owned.buffer as ArrayBuffer]);
	}

	#reply(slot: Slot, reply: ParseReply): void {
		if (!this.#slots.has(slot)) return;
		if (reply.type === 'ready') {
			clearTimeout(slot.timer);
			slot.ready = true;
			this.#pump();
			return;
		}
		const job = slot.job;
		if (!job || job.id !== reply.id) return;
		clearTimeout(slot.timer);
		slot.job = undefined;
		if (reply.type === 'parsed') {
			job.resolve(unpackOutcome(reply.outcome, reply.faq));
		} else {
			const error = new Error(reply.message);
			if (reply.stack !== undefined) error.stack = reply.stack;
			job.reject(error);
		}
		this.#pump();
	}

	#timedOut(slot: Slot): void {
		const job = slot.job;
		if (!this.#slots.delete(slot) || !job) return;
		void slot.worker.terminate();
		job.resolve({
			result: {
				problems: [
					{
						file: job.target.path,
						message: `took longer than ${formatDuration(this.#timeLimitMs)} to parse — split it into smaller files or simplify its formatting`,
					},
				],
			},
			cacheable: false,
		});
		this.#pump();
	}

	/** A worker stopped on its own: it crashed (e.g. ran out of memory), or it never started. */
	#lost(slot: Slot, reason: Error): void {
		if (!this.#slots.delete(slot)) return;
		clearTimeout(slot.timer);
		void slot.worker.terminate();
		if (!slot.ready) {
			this.#failedToStart(reason);
			return;
		}
		slot.job?.resolve({
			result: {
				problems: [
					{
						file: slot.job.target.path,
						message: `could not be parsed: its parse worker stopped (${reason.message}) — split it into smaller files or simplify it`,
					},
				],
			},
			cacheable: false,
		});
		this.#pump();
	}

	#failedToStart(error: unknown): void {
		if (!this.#startFailure) {
			this.#startFailure = error instanceof Error ? error : new Error(String(error));
			process.emitWarning(
				`knowledge parse workers could not start (${this.#startFailure.message}); parsing in the main thread instead`,
			);
		}
		this.#pump();
	}
}
