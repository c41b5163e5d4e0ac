/**
 * Keeps questions and votes off the reply path: `record()` and `vote()` only queue, and the queue
 * is written in batches, when it reaches `batchSize` or every `flushIntervalMs`. Nothing the
 * database does reaches the caller: a batch that fails stays queued and is tried again, the queue
 * is bounded (past `maxQueued`, new items are dropped and counted), and failures are logged at
 * most once a minute, with what was dropped since the last warning.
 */
import type { QuestionRecord, VoteRecord } from '../learning/records.js';
import type { Batch, LearningStore } from './store.js';

export interface RecorderOptions {
	store: Pick<LearningStore, 'write'>;
	/** Logged at most once per `warnIntervalMs`; the message says what failed and what was dropped. */
	warn: (message: string) => void;
	/** Items written together (default 200). */
	batchSize?: number;
	/** How often what is queued is written (default 1,000 ms). */
	flushIntervalMs?: number;
	/** Items held while the database cannot take them (default 20,000); more are dropped. */
	maxQueued?: number;
	warnIntervalMs?: number;
	now?: () => number;
	/** Called after each batch committed, with its questions' ids (tests and metrics). */
	onCommitted?: (questionIds: readonly string[]) => void;
}

type Item = { question: QuestionRecord } | { vote: VoteRecord };

export interface RecorderCounts {
	/** Waiting to be written. */
	queued: number;
	/** Items in batches that committed. */
	written: number;
	/** Items given up on: the queue was full, or the recorder closed before they could be written. */
	dropped: number;
	/** Batches that failed (each is retried). */
	failedBatches: number;
}

export class Recorder {
	readonly #store: Pick<LearningStore, 'write'>;
	readonly #warn: (message: string) => void;
	readonly #batchSize: number;
	readonly #maxQueued: number;
	readonly #warnIntervalMs: number;
	readonly #now: () => number;
	readonly #onCommitted: ((ids: readonly string[]) => void) | undefined;
	readonly #timer: NodeJS.Timeout;
	#queue: Item[] = [];
	#writing: Promise<boolean> | undefined;
	#soon = false;
	#closed = false;
	#counts: RecorderCounts = { queued: 0, written: 0, dropped: 0, failedBatches: 0 };
	/** What went wrong since the last warning, and when that was. */
	#unreported = { failures: 0, dropped: 0, lastError: '' };
	#lastWarning = Number.NEGATIVE_INFINITY;

	constructor(options: RecorderOptions) {
		this.#store = options.store;
		this.#warn = options.warn;
		this.#batchSize = options.batchSize ?? 200;
		this.#maxQueued = options.maxQueued ?? 20_000;
		this.#warnIntervalMs = options.warnIntervalMs ?? 60_000;
		this.#now = options.now ?? Date.now;
		this.#onCommitted = options.onCommitted;
		this.#timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 1_000);
		// The timer alone must not keep a process alive; close() writes what is left.
		this.#timer.unref();
	}

	/** Queues a question's record. Never throws and never waits. */
	record(question: QuestionRecord): void {
		this.#enqueue({ question });
	}

	/** Queues a vote. Never throws and never waits. */
	vote(vote: VoteRecord): void {
		this.#enqueue({ vote });
	}

	get counts(): RecorderCounts {
		return { ...this.#counts, queued: this.#queue.length };
	}

	#enqueue(item: Item): void {
		if (this.#closed || this.#queue.length >= this.#maxQueued) {
			this.#counts.dropped++;
			this.#unreported.dropped++;
			this.#maybeWarn();
			return;
		}
		this.#queue.push(item);
		if (this.#queue.length >= this.#batchSize && !this.#soon && !this.#writing) {
			// A full batch is written soon, but never in the caller's turn of the event loop.
			this.#soon = true;
			setImmediate(() => {
				this.#soon = false;
				void this.flush();
			});
		}
	}

	/**
	 * Writes what is queued, batch after batch; resolves true once the queue was emptied, false
	 * when a batch failed (it stays queued for the next try). Never rejects.
	 */
	async flush(): Promise<boolean> {
		while (this.#writing) await this.#writing;
		this.#writing = this.#drain();
		try {
			return await this.#writing;
		} finally {
			this.#writing = undefined;
		}
	}

	async #drain(): Promise<boolean> {
		while (this.#queue.length > 0) {
			const items = this.#queue.slice(0, this.#batchSize);
			const questions: QuestionRecord[] = [];
			const votes: VoteRecord[] = [];
			for (const item of items) {
				if ('question' in item) questions.push(item.question);
				else votes.push(item.vote);
			}
			const batch: Batch = { questions, votes };
			try {
				await this.#store.write(batch);
			} catch (error) {
				this.#counts.failedBatches++;
				this.#unreported.failures++;
				this.#unreported.lastError = error instanceof Error ? error.message : String(error);
				this.#maybeWarn();
				return false;
			}
			// Items queued meanwhile went to the end; the batch is still at the front.
			this.#queue.splice(0, items.length);
			this.#counts.written += items.length;
			this.#onCommitted?.(batch.questions.map((q) => q.id));
		}
		return true;
	}

	#maybeWarn(): void {
		const now = this.#now();
		if (now - this.#lastWarning < this.#warnIntervalMs) return;
		const { failures, dropped, lastError } = this.#unreported;
		if (failures === 0 && dropped === 0) return;
		this.#lastWarning = now;
		this.#unreported = { failures: 0, dropped: 0, lastError: '' };
		const parts = [
			failures > 0
				? `${failures} write(s) to the learning database failed (${lastError}); kept and retried`
				: '',
			dropped > 0 ? `${dropped} record(s) dropped (the queue of ${this.#maxQueued} was full or closed)` : '',
		].filter((part) => part !== '');
		this.#warn(`${parts.join('; ')}. Answering is not affected. ${this.#counts.dropped} dropped in all.`);
	}

	/**
	 * Stops the timer and writes what is queued (giving up after `timeoutMs`); what could not be
	 * written is counted as dropped. Never rejects.
	 */
	async close(timeoutMs = 5_000): Promise<RecorderCounts> {
		if (!this.#closed) {
			this.#closed = true;
			clearInterval(this.#timer);
			const deadline = performance.now() + timeoutMs;
			while (this.#queue.length > 0 && performance.now() < deadline) {
				// A write that hangs (a server that does not answer) must not hold up the shutdown.
				const timeLeft = Math.max(0, deadline - performance.now());
				let timer: NodeJS.Timeout | undefined;
				const gaveUp = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeLeft)));
				const emptied = await Promise.race([this.flush(), gaveUp]);
				clearTimeout(timer);
				if (emptied) break;
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
			const left = this.#queue.length;
			if (left > 0) {
				this.#counts.dropped += left;
				this.#unreported.dropped += left;
				this.#queue = [];
				this.#lastWarning = Number.NEGATIVE_INFINITY;
				this.#maybeWarn();
			}
		}
		return this.counts;
	}
}
