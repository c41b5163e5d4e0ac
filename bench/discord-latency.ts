/**
 * End-to-end reply latency of the real bot on the CLINC150 knowledge (`npx tsx bench/discord-latency.ts`):
 * the 150-intent FAQ (14,850 phrasings) is written to a temporary knowledge folder as a JSON FAQ
 * list, the real bot starts on it through the test harness (real KnowledgeService, real discord.js
 * client) against the loopback Discord stand-in, and each question is timed from the gateway
 * MESSAGE_CREATE dispatch to the reply's `POST /channels/:id/messages` arriving at the stand-in.
 * Cooldown 0. Writes bench/results/discord-latency.md.
 *
 *   npx tsx bench/discord-latency.ts [--data <path>] [--paced N] [--rate R] [--back-to-back N]
 *     [--profile N] [--out <file.md>]
 *
 * Two runs over a seeded mix of test and oos_test utterances (4:1, as in the data):
 *  - paced: one question at a time at R per second (default 40), under Discord's 50 requests/s,
 *    the way questions arrive in a busy channel;
 *  - back-to-back: the next question as soon as the previous reply arrived (every utterance by default).
 * Where the time goes: each latency is split at the moment the discord.js client emits the raw
 * gateway packet and at the moment the bot's (synchronous) message handler has run, the engine's
 * own time (`engine.ask`, measured separately) is reported beside it, and a further N back-to-back
 * questions (default 1000) run under the V8 CPU profiler, summarised by component.
 *
 * The measuring is bench/discord-latency/measure.ts (the profiler's summary, profile.ts); the
 * report, bench/discord-latency/report.ts with its prose and method in report.md beside it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { measureLatency } from './discord-latency/measure.js';
import { latencyMarkdown } from './discord-latency/report.js';
import { DEFAULT_CLINC_PATH } from './lib/clinc-data.js';

const { values: args } = parseArgs({
	options: {
		data: { type: 'string', default: DEFAULT_CLINC_PATH },
		paced: { type: 'string', default: '1200' },
		rate: { type: 'string', default: '40' },
		'back-to-back': { type: 'string', default: 'all' },
		profile: { type: 'string', default: '1000' },
		out: { type: 'string', default: 'bench/results/discord-latency.md' },
	},
	strict: true,
});

function whole(name: 'paced' | 'rate' | 'back-to-back' | 'profile'): number | 'all' {
	const raw = args[name];
	if (raw === 'all') return 'all';
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number or "all"`);
	return value;
}

const rate = whole('rate');
const run = await measureLatency({
	data: args.data,
	paced: whole('paced'),
	// `--rate all`: 1,000 a second.
	rate: rate === 'all' ? 1000 : rate,
	backToBack: whole('back-to-back'),
	profile: whole('profile'),
});
const markdown = await latencyMarkdown(run);
console.log(markdown);
await mkdir(path.dirname(args.out), { recursive: true });
await writeFile(args.out, markdown);
console.log(`\nwrote ${args.out}`);
