/** The learning database for a command-line tool: opened in this thread, closed after, one clear line when it fails. */
import { z } from 'zod';
import type { Config } from '../config.js';
import { DIRECT_MESSAGE } from '../learning/records.js';
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

/** `--guild <id>`, as both reports take it: their usage line and how it is read. */
export const GUILD_OPTION = {
	usage: `  --guild ID  only the questions asked in this guild (its id; ${DIRECT_MESSAGE} for direct messages); every guild's without it`,
	parse: { guild: { type: 'string' } },
	schema: z
		.string()
		.regex(/^(\d{1,20}|DM)$/, `--guild needs a guild id (digits) or ${DIRECT_MESSAGE}`)
		.optional(),
} as const;

/** The report's scope for `--guild` (every guild when it is absent). */
export const guildScope = (guild: string | undefined) => (guild === undefined ? {} : { guildId: guild });
