// @ts-check
/**
 * `npm start`, `npm run start:sharded` and the CLI commands: `node scripts/run.js <entry> [args…]`
 * builds dist/ when it is missing or stale (scripts/build.js), then runs the compiled entry **in
 * this same process**. So there is one `node` process, whatever the platform: a SIGTERM or Ctrl-C
 * sent to it is the bot's own (no shell in between that could die and orphan it, and no POSIX
 * `exec` needed, which Windows' cmd.exe does not have).
 *
 * Plain JavaScript for the same reason as build.js: it runs before there is compiled code.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from './build.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What `npm run …` names, and the compiled file it runs. */
export const ENTRIES = {
	main: 'main.js',
	sharded: 'discord/shard-manager.js',
	'deploy-commands': 'cli/deploy-commands.js',
	invite: 'cli/invite.js',
	ask: 'cli/ask.js',
	check: 'cli/check.js',
	unanswered: 'cli/unanswered.js',
	stats: 'cli/stats.js',
};

/**
 * @param {string} name
 * @returns {name is keyof typeof ENTRIES}
 */
function isEntry(name) {
	return Object.hasOwn(ENTRIES, name);
}

/**
 * Builds when stale, or says in one line what to run instead (no TypeScript: dev dependencies
 * omitted) and exits 1.
 */
async function buildIfStale() {
	try {
		// To stderr: stdout belongs to the program that runs next (piped console answers, --json).
		await build({ ifStale: true, log: (line) => console.error(line) });
	} catch (error) {
		console.error(error instanceof Error ? error.message : String(error));
		process.exit(1);
	}
}

const [name = '', ...args] = process.argv.slice(2);
if (!isEntry(name)) {
	console.error(`usage: node scripts/run.js <${Object.keys(ENTRIES).join('|')}> [arguments…]`);
	process.exit(2);
}
await buildIfStale();
const entry = path.join(ROOT, 'dist', ENTRIES[name]);
await access(entry).catch(() => {
	console.error(`${path.relative(ROOT, entry)} is missing from the build: run \`npm run build\``);
	process.exit(1);
});
// The entry reads its own arguments (and shard-manager.js checks it is the main module) from argv.
process.argv = [process.argv[0] ?? process.execPath, entry, ...args];
await import(pathToFileURL(entry).href);
