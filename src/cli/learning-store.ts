/** The learning database for a command-line tool: opened in this thread, closed after, one clear line when it fails. */
import type { Config } from '../config.js';
import { maskUrlPasswords } from '../log-redaction.js';
import { describeLocation, storeLocation } from '../storage/connect.js';
import { openStore } from '../storage/open.js';
import type { LearningStore } from '../storage/store.js';

export async function withLearningStore(
	config: Pick<Config, 'dataDir' | 'databaseUrl'>,
	use: (store: LearningStore) => Promise<void>,
): Promise<void> {
	const location = storeLocation(config);
	const store = openStore(location, { thread: 'here' });
	try {
		await use(store);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		console.error(
			`cannot read the learning database (${describeLocation(location)}): ${maskUrlPasswords(reason)}`,
		);
		process.exitCode = 1;
	} finally {
		await store.close();
	}
}
