/**
 * `npm run unanswered -- [--days N] [--guild ID] [--json]`: the questions the bot could not answer, grouped into
 * clusters of questions worded alike, largest first — what `/unanswered` shows moderators on
 * Discord (where a moderator sees only their guild's), for server owners at a terminal: every
 * guild's, or one guild's with --guild. Reads the learning database of this configuration.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_UNANSWERED_DAYS, MAX_DAYS, unansweredReport } from '../learning-loop/review.js';
import { renderUnansweredText } from '../learning-loop/render-text.js';
import { loadConfigOrExit } from '../startup.js';
import { parseCliArgs } from './args.js';
import { GUILD_OPTION, guildScope, withLearningStore } from './learning-store.js';

const usage = [
	'npm run unanswered -- [--days N] [--guild ID] [--json]',
	`The questions of the last N days (default ${DEFAULT_UNANSWERED_DAYS}) the bot abstained on and no moderator has dealt with, in clusters.`,
	'  --days N  1 to 365',
	GUILD_OPTION.usage,
	'  --json    one JSON object: days, questions, clusters (key, count, question, examples, topics, questionIds, lastAskedAt)',
].join('\n');

const args = parseCliArgs(
	() =>
		parseArgs({
			options: { days: { type: 'string' }, ...GUILD_OPTION.parse, json: { type: 'boolean', default: false } },
		}).values,
	z.object({
		days: z.coerce
			.number({ error: '--days needs a whole number of days' })
			.int('--days needs a whole number of days')
			.min(1, '--days must be at least 1')
			.max(MAX_DAYS, `--days must be at most ${MAX_DAYS}`)
			.default(DEFAULT_UNANSWERED_DAYS),
		guild: GUILD_OPTION.schema,
		json: z.boolean(),
	}),
	usage,
);

await withLearningStore(loadConfigOrExit(), async (store) => {
	const report = await unansweredReport(store, args.days, guildScope(args.guild));
	console.log(args.json ? JSON.stringify(report) : renderUnansweredText(report));
});
