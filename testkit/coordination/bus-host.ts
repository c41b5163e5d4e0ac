/**
 * A host for the bus tests and the benchmark, in a process of its own so that it can be killed:
 * a ReloadResponder over a knowledge folder of its own. Its "reload" hashes the folder (after
 * RELOAD_MS, to stand for a slow reload) and its edits go through {@link appendAlternate}, a small
 * stand-in for the byte-exact editor. Prints `ready` once subscribed and registered.
 *
 * With REAL_RELOAD=1 (the benchmark) it reloads a real KnowledgeService over the folder instead.
 *
 * Env: REDIS_URL, BUS_PREFIX, HOST_ID, SHARD_IDS (e.g. `2,3`), KNOWLEDGE_DIR, RELOAD_MS, REAL_RELOAD.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KnowledgeService } from '../../src/answer/service.js';
import type { HostActions } from '../../src/coordination/host-actions.js';
import { digestOf } from '../../src/knowledge/cache.js';
import { knowledgeFolderVersion } from './knowledge-version.js';
import {
	busKeys,
	clip,
	type EditOutcome,
	type KnowledgeEdit,
	type ShardOutcome,
} from '../../src/coordination/messages.js';
import { RedisConnection } from '../../src/coordination/redis-connection.js';
import { ReloadResponder } from '../../src/coordination/reload-responder.js';
import { createLogger } from '../../src/logger.js';

export const BUS_HOST_SCRIPT = fileURLToPath(import.meta.url);

/**
 * Appends `<entry>: <alternate>` to the file when it still has the bytes the edit was made
 * against; says already-applied when the line is there, refused otherwise. Enough of an editor to
 * test the broadcast; the real one is the learning loop's.
 */
export async function appendAlternate(directory: string, edit: KnowledgeEdit): Promise<EditOutcome> {
	const file = path.join(directory, edit.file);
	const bytes = await readFile(file);
	const line = `${edit.entryId}: ${edit.alternate}\n`;
	if (digestOf(bytes) !== edit.beforeHash)
		return bytes.toString('utf8').includes(line)
			? { status: 'already-applied' }
			: { status: 'refused', reason: `${edit.file} differs from the copy the alternate was added to` };
	await writeFile(file, Buffer.concat([bytes, Buffer.from(line)]));
	return { status: 'applied' };
}

/** Host actions over a folder: every shard "reloads" to the folder's version after `reloadMs`. */
export function folderActions(directory: string, shardIds: number[], reloadMs = 0): HostActions {
	return {
		shardIds: () => shardIds,
		reload: async () => {
			await new Promise((resolve) => setTimeout(resolve, reloadMs));
			const version = await knowledgeFolderVersion(directory);
			return shardIds.map((shardId) => ({
				shardId,
				ok: true as const,
				version,
				counts: { documents: 1, sections: 0, faqEntries: 0 },
			}));
		},
		applyEdit: (edit) => appendAlternate(directory, edit),
	};
}

/** Host actions reloading a real KnowledgeService, as a shard does (all shards of the host share it here). */
export async function serviceActions(directory: string, shardIds: number[]): Promise<HostActions> {
	const { service } = await KnowledgeService.open(directory);
	return {
		shardIds: () => shardIds,
		reload: async () => {
			const report = await service.reload();
			const version = await knowledgeFolderVersion(directory);
			return shardIds.map((shardId): ShardOutcome =>
				report.ok
					? { shardId, ok: true, version, counts: report.counts }
					: { shardId, ok: false, reason: clip(report.problems.map((p) => p.message).join('; ')) },
			);
		},
		applyEdit: (edit) => appendAlternate(directory, edit),
	};
}

if (process.argv[1] === BUS_HOST_SCRIPT) {
	const env = process.env;
	const shardIds = (env.SHARD_IDS ?? '').split(',').map(Number);
	const connection = new RedisConnection({
		url: env.REDIS_URL!,
		logger: createLogger({ level: 'warn', format: 'json', destination: process.stderr }),
		name: env.HOST_ID,
		maxReconnectDelayMs: 200,
	});
	const responder = new ReloadResponder({
		connection,
		keys: busKeys(env.BUS_PREFIX),
		hostId: env.HOST_ID!,
		actions:
			env.REAL_RELOAD === '1'
				? await serviceActions(env.KNOWLEDGE_DIR!, shardIds)
				: folderActions(env.KNOWLEDGE_DIR!, shardIds, Number(env.RELOAD_MS ?? 0)),
		logger: createLogger({ level: 'warn', format: 'json', destination: process.stderr }),
	});
	responder.start();
	// Registered once the command connection is up (asynchronously), subscribed once the subscriber is.
	const keys = busKeys(env.BUS_PREFIX);
	const deadline = Date.now() + 10_000;
	let ready = false;
	while (!ready && Date.now() < deadline) {
		const registered = await connection.run((client) => client.hget(keys.shardHosts, String(shardIds[0])));
		ready = connection.subscribed && registered.ok && registered.value === env.HOST_ID;
		if (!ready) await new Promise((resolve) => setTimeout(resolve, 20));
	}
	process.stdout.write(ready ? 'ready\n' : 'not ready\n');
}
