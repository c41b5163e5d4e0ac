/**
 * A store that connects on first use and, when connecting fails (the server is down, the file is
 * corrupt or unwritable), tries again on the next call instead of failing for good: the bot
 * starts, and answers, whatever state its database is in.
 */
import type { LearningStore } from './store.js';

export class LazyStore implements LearningStore {
	#store: Promise<LearningStore> | undefined;
	#closed = false;

	constructor(private readonly connect: () => Promise<LearningStore>) {}

	#connected(): Promise<LearningStore> {
		if (this.#closed) return Promise.reject(new Error('the learning store is closed'));
		if (!this.#store) {
			const attempt = this.connect();
			this.#store = attempt;
			// Forget a failed attempt, so the next call connects afresh.
			attempt.catch(() => {
				if (this.#store === attempt) this.#store = undefined;
			});
		}
		return this.#store;
	}

	write: LearningStore['write'] = async (batch) => (await this.#connected()).write(batch);
	questions: LearningStore['questions'] = async (query) => (await this.#connected()).questions(query);
	outcomeCounts: LearningStore['outcomeCounts'] = async (since, guildId) =>
		(await this.#connected()).outcomeCounts(since, guildId);
	votesByTopic: LearningStore['votesByTopic'] = async (since, guildId) =>
		(await this.#connected()).votesByTopic(since, guildId);
	resolve: LearningStore['resolve'] = async (ids, resolution, at) =>
		(await this.#connected()).resolve(ids, resolution, at);
	purge: LearningStore['purge'] = async (before) => (await this.#connected()).purge(before);

	async close(): Promise<void> {
		this.#closed = true;
		const store = this.#store;
		this.#store = undefined;
		if (!store) return;
		const opened = await store.catch(() => undefined);
		await opened?.close();
	}
}
