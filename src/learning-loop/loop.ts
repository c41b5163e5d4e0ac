/**
 * The learning loop as the bot runs it: every answer recorded, every 👍/👎 kept, old records
 * purged — all off the reply path and without ever failing a reply. Opening it never waits for
 * the database and never throws for it: a database that is down, locked or corrupt costs records
 * (counted, and logged once a minute), not answers.
 */
import type { Answer } from '../answer/types.js';
import type { Config } from '../config.js';
import { questionRecord, RECORD_ID_PATTERN, type VoteValue } from '../learning/records.js';
import { describeLocation, storeLocation } from '../storage/connect.js';
import { loadFeedbackKey, voterHash } from '../storage/feedback-key.js';
import { openStore } from '../storage/open.js';
import { Recorder, type RecorderCounts, type RecorderOptions } from '../storage/recorder.js';
import type { LearningStore } from '../storage/store.js';

export type LearningSettings = Pick<Config, 'dataDir' | 'databaseUrl' | 'retentionDays' | 'feedbackSecret'>;

/** Where the loop reports; a pino logger fits. */
export interface LoopLog {
	info(message: string): void;
	warn(message: string): void;
}

export interface LearningLoopOptions {
	settings: LearningSettings;
	log: LoopLog;
	/** `worker` for the bot (SQLite in a worker thread); `here` for tools and tests. */
	thread?: 'worker' | 'here';
	/** Another store (tests: one that fails). */
	store?: LearningStore;
	recorder?: Omit<RecorderOptions, 'store' | 'warn'>;
	now?: () => number;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

export class LearningLoop {
	readonly store: LearningStore;
	readonly #recorder: Recorder;
	readonly #log: LoopLog;
	readonly #now: () => number;
	readonly #retentionDays: number;
	readonly #key: Promise<Buffer | undefined>;
	readonly #purgeTimer: NodeJS.Timeout;
	#votesWithoutKey = 0;

	private constructor(options: LearningLoopOptions) {
		const { settings, log } = options;
		this.#log = log;
		this.#now = options.now ?? Date.now;
		this.#retentionDays = settings.retentionDays;
		const location = storeLocation(settings);
		this.store = options.store ?? openStore(location, { thread: options.thread ?? 'worker' });
		this.#recorder = new Recorder({
			...options.recorder,
			store: this.store,
			warn: (message) => log.warn(`learning store (${describeLocation(location)}): ${message}`),
		});
		this.#key = loadFeedbackKey(settings).catch((error: unknown) => {
			log.warn(
				`votes are not kept: no feedback key (${error instanceof Error ? error.message : String(error)}) — set FEEDBACK_SECRET or make DATA_DIR writable`,
			);
			return undefined;
		});
		void this.purge();
		this.#purgeTimer = setInterval(() => void this.purge(), DAY_MS);
		this.#purgeTimer.unref();
	}

	/** Starts the loop: nothing here waits for the database. */
	static open(options: LearningLoopOptions): LearningLoop {
		return new LearningLoop(options);
	}

	/**
	 * Queues the record of an answer (or abstention, or small talk) and returns its id, which a
	 * 👍/👎 button carries. `guildId` undefined means a direct message. Never throws, never waits.
	 */
	recordAnswer(answer: Answer, context: { guildId: string | undefined; knowledgeVersion: string }): string {
		const record = questionRecord(answer, { ...context, askedAt: this.#now() });
		this.#recorder.record(record);
		return record.id;
	}

	/**
	 * Queues a user's 👍/👎 on the answer `questionId` names; a later vote of the same user on the
	 * same answer replaces it. The user id is kept only as a keyed hash. Returns false for an id no
	 * answer could have (a forged button). Never throws; waits only for the key, once, at start.
	 */
	async vote(questionId: string, userId: string, vote: VoteValue): Promise<boolean> {
		if (!RECORD_ID_PATTERN.test(questionId)) return false;
		const key = await this.#key;
		if (!key) {
			this.#votesWithoutKey++;
			return true;
		}
		this.#recorder.vote({ questionId, voter: voterHash(key, userId), vote, votedAt: this.#now() });
		return true;
	}

	get counts(): RecorderCounts & { votesWithoutKey: number } {
		return { ...this.#recorder.counts, votesWithoutKey: this.#votesWithoutKey };
	}

	/** Writes what is queued now (tests, and before reading what was just recorded). */
	flush(): Promise<boolean> {
		return this.#recorder.flush();
	}

	/** Deletes what is older than RETENTION_DAYS; logs what it did, or why it could not. Never rejects. */
	async purge(): Promise<void> {
		const before = this.#now() - this.#retentionDays * DAY_MS;
		try {
			const purged = await this.store.purge(before);
			if (purged.questions + purged.votes > 0)
				this.#log.info(
					`learning store: deleted ${purged.questions} question(s) and ${purged.votes} vote(s) older than ${this.#retentionDays} days`,
				);
		} catch (error) {
			this.#log.warn(
				`learning store: could not delete records older than ${this.#retentionDays} days (${error instanceof Error ? error.message : String(error)}); trying again tomorrow`,
			);
		}
	}

	/** Writes what is queued (for at most `timeoutMs`) and closes the store. Never rejects. */
	async close(timeoutMs = 5_000): Promise<RecorderCounts> {
		clearInterval(this.#purgeTimer);
		const counts = await this.#recorder.close(timeoutMs);
		await this.store.close().catch(() => undefined);
		return counts;
	}
}
