// @ts-check
/**
 * `npm run build`, and the staleness check `npm start` runs first (`--if-stale`).
 *
 * Plain JavaScript on purpose: it runs before there is any compiled code, and must not need tsx
 * (a devDependency) to decide whether a build is needed at all. Type-checked through JSDoc.
 *
 * A build compiles src/ (tsconfig.build.json) into a fresh folder beside dist/ and then swaps it in,
 * so a bot already running from dist/ never sees a half-written tree (it loads parse workers and
 * shards lazily), and builds started at once (two `npm start`s, tests in parallel) take turns
 * through a lock folder instead of writing over each other.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The stamp's mtime is when its build started: sources changed after that make dist/ stale. */
export const STAMP = '.build-stamp';
/** Files outside src/ that change what tsc emits. */
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json'];
/** A lock without a pid file older than this was left by a build that died; a build takes seconds. */
const LOCK_STALE_MS = 5 * 60_000;
const LOCK_POLL_MS = 200;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The newest mtime under `dir`, directories included: adding, renaming or deleting a file changes
 * its folder's mtime, so those count as changes too, not only edits.
 * @param {string} dir
 * @returns {Promise<number>}
 */
async function newestMtime(dir) {
	let newest = (await stat(dir)).mtimeMs;
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		const time = entry.isDirectory() ? await newestMtime(full) : (await stat(full)).mtimeMs;
		if (time > newest) newest = time;
	}
	return newest;
}

/**
 * @param {string} file
 * @returns {Promise<number | undefined>}
 */
async function mtimeOf(file) {
	try {
		return (await stat(file)).mtimeMs;
	} catch {
		return undefined;
	}
}

/**
 * Why `root`'s dist/ needs building, or undefined when it is up to date.
 * @param {string} root
 * @returns {Promise<string | undefined>}
 */
export async function staleReason(root) {
	const built = await mtimeOf(path.join(root, 'dist', STAMP));
	if (built === undefined) return 'dist/ has not been built';
	let newest = await newestMtime(path.join(root, 'src'));
	for (const file of CONFIG_FILES) newest = Math.max(newest, (await mtimeOf(path.join(root, file))) ?? 0);
	return newest > built ? 'src/ changed since dist/ was built' : undefined;
}

/**
 * @param {number} pid
 * @returns {boolean}
 */
function isRunning(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it runs, as another user.
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/**
 * Whether the lock's holder is gone: a build stopped half-way (Ctrl-C) must not make every later
 * `npm start` wait. Its pid file says who holds it; a lock without one (its holder has only just
 * made it, or died at that instant) is trusted until it is {@link LOCK_STALE_MS} old.
 * @param {string} lock
 * @returns {Promise<boolean>}
 */
async function isAbandoned(lock) {
	const pid = Number(await readFile(path.join(lock, 'pid'), 'utf8').catch(() => ''));
	if (pid > 0) return !isRunning(pid);
	const since = await mtimeOf(lock);
	return since !== undefined && Date.now() - since > LOCK_STALE_MS;
}

/**
 * Holds `root`'s build lock while `work` runs.
 * @template T
 * @param {string} root
 * @param {() => Promise<T>} work
 * @param {(line: string) => void} log
 * @returns {Promise<T>}
 */
async function withLock(root, work, log) {
	const lock = path.join(root, '.dist-lock');
	let waiting = false;
	for (;;) {
		try {
			await mkdir(lock);
			await writeFile(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
			if (await isAbandoned(lock)) {
				await rm(lock, { recursive: true, force: true });
				continue;
			}
			if (!waiting) log('waiting for another build of dist/ to finish…');
			waiting = true;
			await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
		}
	}
	try {
		return await work();
	} finally {
		await rm(lock, { recursive: true, force: true });
	}
}

/**
 * The compiler of this checkout, whatever the current directory; without it (an install without
 * dev dependencies) the one line that says what to do.
 * @param {string} reason why dist/ needs building
 * @returns {string}
 */
function compilerPath(reason) {
	try {
		return createRequire(import.meta.url).resolve('typescript/bin/tsc');
	} catch {
		throw new Error(
			`dist/ needs building (${reason}) and TypeScript is not installed (dev dependencies omitted): run \`npm ci --include=dev && npm run build\`, then \`npm prune --omit=dev\` if you like`,
		);
	}
}

/**
 * Compiles `root`'s src/ into dist/ (replacing it whole) with `tsc`. Throws with tsc's output when
 * it fails.
 * @param {string} root
 * @param {string} tsc
 */
async function compile(root, tsc) {
	const started = new Date();
	const fresh = path.join(root, `.dist-${process.pid}`);
	const old = path.join(root, `.dist-old-${process.pid}`);
	await rm(fresh, { recursive: true, force: true });
	const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', fresh], {
		cwd: root,
		encoding: 'utf8',
	});
	if (result.status !== 0) {
		await rm(fresh, { recursive: true, force: true });
		throw new Error(`tsc failed:\n${result.stdout}${result.stderr}${result.error?.message ?? ''}`);
	}
	const stamp = path.join(fresh, STAMP);
	await writeFile(stamp, 'Built by scripts/build.js; its mtime is when the build started.\n');
	await utimes(stamp, started, started);
	// Two renames, not a copy: dist/ is missing for an instant, never half-written.
	await rename(path.join(root, 'dist'), old).catch((/** @type {NodeJS.ErrnoException} */ error) => {
		if (error.code !== 'ENOENT') throw error;
	});
	await rename(fresh, path.join(root, 'dist'));
	await rm(old, { recursive: true, force: true });
}

/**
 * Builds `root` (by default this checkout); with `ifStale`, only when {@link staleReason} says so.
 * @param {{ root?: string, ifStale?: boolean, log?: (line: string) => void }} [options]
 * @returns {Promise<boolean>} whether it built
 */
export async function build({ root = ROOT, ifStale = false, log = () => {} } = {}) {
	if (ifStale && (await staleReason(root)) === undefined) return false;
	return withLock(
		root,
		async () => {
			// Another process may have built it while this one waited for the lock.
			const reason = await staleReason(root);
			if (ifStale && reason === undefined) return false;
			const tsc = compilerPath(reason ?? 'asked to');
			log(`building dist/ (${reason ?? 'asked to'})…`);
			await compile(root, tsc);
			return true;
		},
		log,
	);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const args = process.argv.slice(2);
	if (args.some((arg) => arg !== '--if-stale')) {
		console.error('usage: node scripts/build.js [--if-stale]');
		process.exit(2);
	}
	try {
		// To stderr: stdout belongs to the program that runs next (piped console answers, --json).
		await build({ ifStale: args.includes('--if-stale'), log: (line) => console.error(line) });
	} catch (error) {
		console.error(error instanceof Error ? error.message : String(error));
		process.exit(1);
	}
}
