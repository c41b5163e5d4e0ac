/**
 * A host as `npm run start:sharded` runs it, in a process of its own (so it can be frozen and
 * killed): src/discord/shard-manager.ts from TypeScript source, spawning its slice of the shards
 * as processes of their own. Its log lines (JSON) are kept for the test to read. Also the stand-in
 * these hosts log in to (four guilds, one per shard of four) and what a test or benchmark does
 * with them: start a pair, wait until Redis sees them all listening, ask, reload.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.js';
import { busKeys } from '../../src/coordination/messages.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { makeKnowledgeDir } from '../bot-harness.js';
import { startFakeDiscord, type FakeDiscord } from '../fake-discord.js';
import { snowflakeOnShard } from '../fake-discord/snowflake.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MANAGER = fileURLToPath(new URL('../../src/discord/shard-manager.ts', import.meta.url));

export interface ShardedHost {
	hostId: string;
	process: ChildProcess;
	/** Every line the manager and its shards wrote, parsed when it is JSON. */
	lines: string[];
	/** The log messages (`msg`) so far. */
	messages(): string[];
	/** Waits for a log message matching `pattern`. */
	waitForMessage(pattern: RegExp, timeoutMs?: number): Promise<string>;
	/** The shard processes it runs now (found by their parent, for the clean-up). */
	shardPids(): number[];
	/** Stops it as an operator would (SIGTERM: the shards finish and exit). */
	stop(): Promise<void>;
	/** Kills it outright (SIGKILL), as a lost machine; its shards exit when their manager is gone (stop() reaps them). */
	kill(): Promise<void>;
}

const messageOf = (line: string): string | undefined => {
	try {
		const parsed = JSON.parse(line) as { msg?: unknown };
		return typeof parsed.msg === 'string' ? parsed.msg : undefined;
	} catch {
		return undefined;
	}
};

function childrenOf(pid: number): number[] {
	try {
		return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
			.split('\n')
			.map((line) => Number(line.trim()))
			.filter((n) => Number.isInteger(n) && n > 0);
	} catch {
		return []; // ps exits 1 when there are none
	}
}

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

/** Starts a host with `env` on top of a clean environment (no .env of the repository's is read: cwd is the repo, which has none in CI). */
export function startShardedHost(hostId: string, env: Record<string, string>): ShardedHost {
	const child = spawn(process.execPath, ['--import', 'tsx', MANAGER], {
		cwd: ROOT,
		env: {
			PATH: process.env.PATH ?? '',
			HOME: process.env.HOME ?? '',
			LOG_FORMAT: 'json',
			LOG_LEVEL: 'info',
			HOST_ID: hostId,
			...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const lines: string[] = [];
	const waiters = new Set<() => void>();
	for (const stream of [child.stdout, child.stderr])
		createInterface({ input: stream }).on('line', (line) => {
			lines.push(line);
			for (const waiter of waiters) waiter();
		});
	const seenShards = new Set<number>();
	const shardPids = () => {
		for (const pid of childrenOf(child.pid!)) seenShards.add(pid);
		return [...seenShards];
	};
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const messages = () => lines.map(messageOf).filter((m): m is string => m !== undefined);
	const reapShards = async () => {
		const deadline = Date.now() + 15_000;
		while (seenShards.size > 0 && [...seenShards].some(alive) && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 50));
		for (const pid of seenShards) if (alive(pid)) process.kill(pid, 'SIGKILL');
	};
	return {
		hostId,
		process: child,
		lines,
		messages,
		shardPids,
		waitForMessage(pattern, timeoutMs = 30_000) {
			return new Promise((resolve, reject) => {
				const check = () => {
					const found = messages().find((m) => pattern.test(m));
					if (found === undefined) return;
					cleanup();
					resolve(found);
				};
				const timer = setTimeout(() => {
					cleanup();
					reject(
						new Error(
							`host ${hostId}: no log message matching ${pattern} within ${timeoutMs} ms:\n${lines.slice(-20).join('\n')}`,
						),
					);
				}, timeoutMs);
				const cleanup = () => {
					clearTimeout(timer);
					waiters.delete(check);
				};
				waiters.add(check);
				check();
			});
		},
		async stop() {
			if (child.exitCode === null) shardPids();
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				await exited;
			}
			await reapShards();
		},
		async kill() {
			shardPids();
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGKILL');
				await exited;
			}
		},
	};
}

export const CLUBS = [0, 1, 2, 3].map((shard) => `Shard ${shard} Club`);
/** The moderator is a member of the guild on shard 3: every /reload here is asked on shard 3. */
export const MOD_CLUB = 'Shard 3 Club';

/** A stand-in with four guilds, one on each of four shards; alice in all, the moderator in the last. */
export async function fourShardDiscord(): Promise<{ discord: FakeDiscord; env: Record<string, string> }> {
	const discord = await startFakeDiscord({
		recommendedShards: 4,
		users: [{ username: 'mod' }, { username: 'alice' }, { username: 'bob' }],
		guilds: CLUBS.map((name, shard) => ({
			name,
			id: snowflakeOnShard(shard, 4),
			roles: [{ name: 'Moderator' }],
			members: [
				{ user: 'alice' },
				{ user: 'bob' },
				...(name === MOD_CLUB ? [{ user: 'mod', roles: ['Moderator'] }] : []),
			],
		})),
	});
	const env = {
		DISCORD_TOKEN: discord.token,
		DISCORD_API_URL: discord.restUrl,
		MODERATOR_ROLE_IDS: discord.role(MOD_CLUB, 'Moderator').id,
		FEEDBACK_SECRET: 'a-feedback-key-for-the-multi-host-test',
	};
	await deployCommands({ ...loadConfig(env), token: discord.token });
	return { discord, env: { ...env, SHARD_COUNT: '4' } };
}

export const ask = (discord: FakeDiscord, guild: string, question: string, user = 'alice') =>
	discord.sendCommand({ user, guild, name: 'ask', options: { question } }).reply(15_000);

export const reload = (discord: FakeDiscord) =>
	discord.sendCommand({ user: 'mod', guild: MOD_CLUB, name: 'reload' });

export interface TwoHosts {
	discord: FakeDiscord;
	/** Each host's own copy of the knowledge (the real one): the first runs shards 0, 1, the second 2, 3. */
	folders: [string, string];
	hosts: ShardedHost[];
	/** Stops both hosts and starts them again with `env` (on top of what every host gets). */
	restart(env: Record<string, string>): Promise<void>;
	/** Stops both hosts and the stand-in, and removes the folders. */
	close(): Promise<void>;
}

/**
 * How long two hosts may take to connect all four shards: each host starts its two shard processes
 * one after the other, 5.5 s apart, and a shard process under tsx took over 30 s to be ready with
 * the machine loaded (load ~15, tests in parallel). The hosts themselves wait for each shard up to
 * SHARD_READY_TIMEOUT_SECONDS (120 s by default), so this only bounds a test that fails anyway.
 */
export const SHARDS_CONNECT_MS = 300_000;

/**
 * The stand-in and two hosts of two shards each (`hostIds` run 0,1 and 2,3 of 4), each over its
 * own copy of the knowledge, `env` on top; resolves once all four shards are connected.
 */
export async function startTwoHosts(
	hostIds: [string, string],
	env: Record<string, string>,
): Promise<TwoHosts> {
	const { discord, env: discordEnv } = await fourShardDiscord();
	const folders: [string, string] = [await makeKnowledgeDir(), await makeKnowledgeDir()];
	const dataDir = await mkdtemp(join(tmpdir(), 'faq-bot-data-'));
	const start = async (extra: Record<string, string>) => {
		const hosts = (['0,1', '2,3'] as const).map((shardIds, i) =>
			startShardedHost(hostIds[i]!, {
				...discordEnv,
				DATA_DIR: dataDir,
				...extra,
				SHARD_IDS: shardIds,
				KNOWLEDGE_DIR: folders[i]!,
			}),
		);
		await discord.waitForShards(4, SHARDS_CONNECT_MS);
		return hosts;
	};
	const pair: TwoHosts = {
		discord,
		folders,
		hosts: await start(env),
		async restart(extra) {
			await Promise.all(pair.hosts.map((host) => host.stop()));
			pair.hosts = await start(extra);
		},
		async close() {
			await Promise.all(pair.hosts.map((host) => host.stop()));
			await discord.close();
			for (const dir of [...folders, dataDir]) await rm(dir, { recursive: true, force: true });
		},
	};
	return pair;
}

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/**
 * Every host has registered its shards and listens for requests (its manager), and every shard
 * listens for replies: what a cross-host /reload needs, as Redis itself sees it.
 */
export async function busReady(url: string, prefix: string, hostIds: readonly string[]): Promise<void> {
	const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null });
	const keys = busKeys(prefix);
	try {
		await client.connect();
		await until(
			async () => {
				const hosts = Object.values(await client.hgetall(keys.shardHosts));
				const [, requests, , replies] = (await client.pubsub('NUMSUB', keys.requests, keys.replies)) as [
					string,
					number,
					string,
					number,
				];
				return (
					hosts.length === 4 &&
					hostIds.every((id) => hosts.includes(id)) &&
					requests >= hostIds.length &&
					replies >= 4
				);
			},
			20_000,
			'every manager listening for requests and every shard for replies',
		);
	} finally {
		client.disconnect();
	}
}
