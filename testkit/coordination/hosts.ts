/**
 * Hosts for the bus tests and the benchmark: knowledge folders of their own, in-process hosts
 * (a connection and a responder) and hosts in processes of their own (testkit/coordination/bus-host.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { busKeys } from '../../src/coordination/messages.js';
import { RedisConnection } from '../../src/coordination/redis-connection.js';
import { ReloadRequester } from '../../src/coordination/reload-requester.js';
import { ReloadResponder } from '../../src/coordination/reload-responder.js';
import { createLogger } from '../../src/logger.js';
import { BUS_HOST_SCRIPT, folderActions } from './bus-host.js';

export const quietLogger = createLogger({ level: 'silent' });

const FILES: Record<string, string> = {
	'guide.md': '# Ballerina\n\n## The plot\n\nEve Macarro trains as an assassin.\n',
	'faq/movie.yaml':
		'- question: Is Ballerina connected to the John Wick films?\n  answer: Yes, it is set between Chapter 3 and 4.\n',
};

/** A knowledge folder of a few files, and a copy of it per host (hosts keep their own copies). */
export class Folders {
	readonly #made: string[] = [];

	async original(): Promise<string> {
		const dir = await mkdtemp(path.join(tmpdir(), 'faq-bus-'));
		this.#made.push(dir);
		for (const [name, text] of Object.entries(FILES)) {
			await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
			await writeFile(path.join(dir, name), text);
		}
		return dir;
	}

	async copyOf(dir: string): Promise<string> {
		const copy = await mkdtemp(path.join(tmpdir(), 'faq-bus-copy-'));
		this.#made.push(copy);
		await cp(dir, copy, { recursive: true });
		return copy;
	}

	async removeAll(): Promise<void> {
		for (const dir of this.#made.splice(0)) await rm(dir, { recursive: true, force: true });
	}
}

export interface InProcessHost {
	hostId: string;
	/** The bus's key and channel prefix. */
	prefix: string;
	connection: RedisConnection;
	responder: ReloadResponder;
	requester: ReloadRequester;
}

/** A host in this process: its own connection, answering for `shardIds` over `dir`, able to ask. */
export async function inProcessHost(options: {
	url: string;
	prefix: string;
	hostId: string;
	shardIds: number[];
	shardCount: number;
	dir: string;
	deadlineMs?: number;
	reloadMs?: number;
}): Promise<InProcessHost> {
	const connection = new RedisConnection({
		url: options.url,
		logger: quietLogger,
		name: options.hostId,
		maxReconnectDelayMs: 200,
	});
	const keys = busKeys(options.prefix);
	const actions = folderActions(options.dir, options.shardIds, options.reloadMs);
	const responder = new ReloadResponder({
		connection,
		keys,
		hostId: options.hostId,
		actions,
		logger: quietLogger,
	});
	const requester = new ReloadRequester({
		connection,
		keys,
		hostId: options.hostId,
		shardCount: options.shardCount,
		deadlineMs: options.deadlineMs ?? 10_000,
		local: actions,
		logger: quietLogger,
	});
	responder.start();
	requester.start();
	await connection.whenSubscribed(5_000);
	await registered(connection, keys.shardHosts, options.shardIds[0]!, options.hostId);
	return { hostId: options.hostId, prefix: options.prefix, connection, responder, requester };
}

async function registered(
	connection: RedisConnection,
	hash: string,
	shardId: number,
	hostId: string,
): Promise<void> {
	const deadline = Date.now() + 5_000;
	while (Date.now() < deadline) {
		const host = await connection.run((client) => client.hget(hash, String(shardId)));
		if (host.ok && host.value === hostId) return;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	throw new Error(`host ${hostId} did not register shard ${shardId}`);
}

/** A host in a process of its own (so it can be killed), ready when this resolves. */
export async function hostProcess(options: {
	url: string;
	prefix: string;
	hostId: string;
	shardIds: number[];
	dir: string;
	reloadMs?: number;
	/** Reload a real KnowledgeService over `dir` (the benchmark). */
	realReload?: boolean;
}): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', BUS_HOST_SCRIPT], {
		env: {
			...process.env,
			REDIS_URL: options.url,
			BUS_PREFIX: options.prefix,
			HOST_ID: options.hostId,
			SHARD_IDS: options.shardIds.join(','),
			KNOWLEDGE_DIR: options.dir,
			RELOAD_MS: String(options.reloadMs ?? 0),
			REAL_RELOAD: options.realReload ? '1' : '0',
		},
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const line = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`host ${options.hostId} did not start`)), 20_000);
		createInterface({ input: child.stdout }).once('line', (text) => {
			clearTimeout(timer);
			resolve(text);
		});
	});
	if (line !== 'ready') {
		child.kill('SIGKILL');
		throw new Error(`host ${options.hostId} said "${line}" instead of ready`);
	}
	return child;
}

/** Kills a host process outright and waits until it is gone. */
export async function killHost(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGKILL');
	await exited;
}
