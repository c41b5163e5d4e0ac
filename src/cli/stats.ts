/**
 * `npm run stats -- [--guild ID] [--json]`: questions asked, answered and abstained on, the abstention rate and
 * 👍/👎 per topic for the last 7 and 30 days — what `/stats` shows moderators on Discord (their
 * guild's only); here every guild's, or one guild's with --guild.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { statsReport } from '../learning-loop/review.js';
import { renderStatsText } from '../learning-loop/render-text.js';
import { loadConfigOrExit } from '../startup.js';
import { parseCliArgs } from './args.js';
import { GUILD_OPTION, guildScope, withLearningStore } from './learning-store.js';

const usage = [
	'npm run stats -- [--guild ID] [--json]',
	'Questions asked, answered and abstained on, the abstention rate, 👍/👎 per topic and the five worst-rated topics, for the last 7 and 30 days.',
	GUILD_OPTION.usage,
	'  --json  a JSON array, one object per period: days, asked, answered, abstained, smalltalk, abstentionRate, topics, worst',
].join('\n');

const args = parseCliArgs(
	() => parseArgs({ options: { ...GUILD_OPTION.parse, json: { type: 'boolean', default: false } } }).values,
	z.object({ guild: GUILD_OPTION.schema, json: z.boolean() }),
	usage,
);

await withLearningStore(loadConfigOrExit(), async (store) => {
	const periods = await statsReport(store, guildScope(args.guild));
	console.log(args.json ? JSON.stringify(periods) : renderStatsText(periods));
});
