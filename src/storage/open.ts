/** Opens the learning store where the configuration puts it. */
import { openKyselyStore, type StoreLocation } from './connect.js';
import { LazyStore } from './lazy-store.js';
import type { LearningStore } from './store.js';
import { WorkerStore } from './worker-store.js';

export interface OpenStoreOptions {
	/**
	 * `worker` (the bot): SQLite runs in a worker thread, so its synchronous calls never block
	 * replies. `here` (command-line tools, tests): in this thread. PostgreSQL's driver is
	 * asynchronous and always runs here.
	 */
	thread?: 'worker' | 'here';
}

/**
 * The store at `location`. Nothing is connected yet: the first call connects and migrates, and a
 * call that cannot connect fails alone — the next one tries again.
 */
export function openStore(location: StoreLocation, options: OpenStoreOptions = {}): LearningStore {
	if (location.kind === 'sqlite' && options.thread === 'worker') return new WorkerStore(location);
	return new LazyStore(() => openKyselyStore(location));
}
