/**
 * The cross-host reload and edit broadcast through a real Redis: the machine's own for the happy
 * paths (under a prefix of this run's own, deleted after), throw-away servers for the faults.
 */
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { digestOf } from '../../src/knowledge/cache.js';
import { knowledgeFolderVersion } from '../../testkit/coordination/knowledge-version.js';
import { busKeys } from '../../src/coordination/messages.js';
import { formatBusSummary, shortVersion } from '../../src/coordination/reload-reply-text.js';
import {
	Folders,
	hostProcess,
	inProcessHost,
	killHost,
	type InProcessHost,
} from '../../testkit/coordination/hosts.js';
import {
	cleanupAfterEach,
	deleteKeys,
	describeWithRedis,
	describeWithRedisServer,
	MACHINE_REDIS_URL,
	ThrowawayRedis,
	uniquePrefix,
} from './redis-services.js';

const folders = new Folders();
const cleanup = cleanupAfterEach();
afterAll(() => folders.removeAll());

async function host(options: Parameters<typeof inProcessHost>[0]): Promise<InProcessHost> {
	const made = await inProcessHost(options);
	cleanup(() => made.connection.close());
	return made;
}

/** Host a (shards 0, 1) in this process and host b (2, 3) in a process of its own, on a throw-away Redis. */
async function twoHostsOnThrowawayRedis(deadlineMs: number, hostBReloadMs = 0) {
	const server = await ThrowawayRedis.start();
	cleanup(() => server.kill());
	const knowledge = await folders.original();
	const prefix = uniquePrefix();
	const url = server.url;
	const a = await host({
		url,
		prefix,
		hostId: 'host-a',
		shardIds: [0, 1],
		shardCount: 4,
		dir: knowledge,
		deadlineMs,
	});
	const b = await hostProcess({
		url,
		prefix,
		hostId: 'host-b',
		shardIds: [2, 3],
		dir: knowledge,
		reloadMs: hostBReloadMs,
	});
	cleanup(() => killHost(b));
	return { server, knowledge, a, b };
}

describeWithRedis()('cross-host reload through the machine Redis', () => {
	const url = MACHINE_REDIS_URL;

	/** In-process hosts on the machine Redis under a prefix of the test's own (deleted after): [host id, its shards, its folder]. */
	async function hostsOn(
		shardCount: number,
		layout: [string, number[], string][],
	): Promise<[InProcessHost, ...InProcessHost[]]> {
		const prefix = uniquePrefix();
		cleanup(() => deleteKeys(url, prefix));
		const made: InProcessHost[] = [];
		for (const [hostId, shardIds, dir] of layout)
			made.push(await host({ url, prefix, hostId, shardIds, shardCount, dir }));
		const [first, ...rest] = made;
		return [first!, ...rest];
	}

	it('reaches every shard on every host and reports one knowledge version, without waiting out the deadline', async () => {
		const knowledge = await folders.original();
		const version = await knowledgeFolderVersion(knowledge);
		const [a] = await hostsOn(4, [
			['host-a', [0, 1], await folders.copyOf(knowledge)],
			['host-b', [2, 3], await folders.copyOf(knowledge)],
		]);
		const started = Date.now();
		const summary = await a.requester.reload();
		expect(Date.now() - started).toBeLessThan(5_000); // the deadline is 10 s
		expect(summary).toMatchObject({ reach: 'redis', version, missing: [], disagreements: [] });
		expect(summary.hosts.map((h) => [h.hostId, h.shardIds])).toEqual([
			['host-a', [0, 1]],
			['host-b', [2, 3]],
		]);
		expect(formatBusSummary(summary)).toBe(
			`✅ Reloaded on 4 of 4 shards on 2 hosts — knowledge version ${shortVersion(version)}`,
		);
	});

	it('names the host whose knowledge folder differs', async () => {
		const knowledge = await folders.original();
		const odd = await folders.original();
		await appendFile(path.join(odd, 'guide.md'), 'More.\n');
		const [a] = await hostsOn(5, [
			['a', [0, 1], await folders.copyOf(knowledge)],
			['b', [2, 3], await folders.copyOf(knowledge)],
			['c', [4], odd],
		]);
		const summary = await a.requester.reload();
		expect(summary.version).toBe(await knowledgeFolderVersion(knowledge));
		expect(summary.disagreements).toEqual([
			{ hostId: 'c', version: await knowledgeFolderVersion(odd), shardIds: [4] },
		]);
		expect(formatBusSummary(summary)).toContain('⚠️ Host c serves knowledge version');
	});

	it('ignores and counts malformed messages, and keeps working', async () => {
		const knowledge = await folders.original();
		const [a] = await hostsOn(1, [['a', [0], knowledge]]);
		const keys = busKeys(a.prefix);
		for (const junk of [
			'not json',
			'{"v":1,"type":"reload"}',
			JSON.stringify({ v: 9, type: 'reload', requestId: 'abcdefgh-1', from: 'x' }),
		])
			await a.connection.run((client) => client.publish(keys.requests, junk));
		await a.connection.run((client) => client.publish(keys.replies, '{"type":"report","shards":"all"}'));
		const summary = await a.requester.reload();
		expect(a.responder.malformed).toBe(3);
		expect(a.requester.malformed).toBe(1);
		expect(summary.reports).toHaveLength(1);
	});

	it('"add as alternate" reaches every host, each applies it to its own copy and reloads, and the versions agree', async () => {
		const knowledge = await folders.original();
		const dirs = [await folders.copyOf(knowledge), await folders.copyOf(knowledge), await folders.original()];
		// The third host's copy was edited by hand since: it must refuse rather than guess.
		await appendFile(path.join(dirs[2]!, 'faq/movie.yaml'), '# local note\n');
		const [a] = await hostsOn(5, [
			['a', [0, 1], dirs[0]!],
			['b', [2, 3], dirs[1]!],
			['c', [4], dirs[2]!],
		]);
		const before = await knowledgeFolderVersion(knowledge);
		const summary = await a.requester.addAlternate({
			file: 'faq/movie.yaml',
			entryId: 'is-ballerina-connected-to-the-john-wick-films',
			alternate: 'does it share a world with the wick films',
			beforeHash: digestOf(await readFile(path.join(knowledge, 'faq/movie.yaml'))),
		});
		for (const dir of dirs.slice(0, 2))
			expect(await readFile(path.join(dir, 'faq/movie.yaml'), 'utf8')).toMatch(
				/is-ballerina-connected-to-the-john-wick-films: does it share a world with the wick films\n$/,
			);
		expect(summary.hosts.map((h) => [h.hostId, h.edit?.status])).toEqual([
			['a', 'applied'],
			['b', 'applied'],
			['c', 'refused'],
		]);
		expect(summary.version).toBe(await knowledgeFolderVersion(dirs[0]!));
		expect(summary.version).not.toBe(before);
		expect(await knowledgeFolderVersion(dirs[1]!)).toBe(summary.version);
		const text = formatBusSummary(summary);
		expect(text).toMatch(
			/^⚠️ Alternate added on 2 of 3 hosts and served on 4 of 5 shards — knowledge version /,
		);
		expect(text).toContain('✅ Added on host a (shards 0, 1), host b (shards 2, 3).');
		expect(text).toContain(
			'❌ Host c (shard 4) did not add the alternate: faq/movie.yaml differs from the copy the alternate was added to',
		);
		expect(text).toContain('⚠️ Host c serves knowledge version');
	});
});

describeWithRedisServer()('cross-host reload when things fail', () => {
	it('with Redis killed mid-run: reloads this host, names the host it could not reach, and works again once Redis is back', async () => {
		const { server, knowledge, a } = await twoHostsOnThrowawayRedis(5_000);
		expect((await a.requester.reload()).reports).toHaveLength(4);

		await server.kill();
		const started = Date.now();
		const down = await a.requester.reload();
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(down).toMatchObject({ reach: 'this-host', unreachableHosts: ['host-b'] });
		expect(down.reports.map((r) => r.shardId)).toEqual([0, 1]);
		expect(formatBusSummary(down)).toBe(
			[
				`⚠️ Redis is unavailable, so only this host was reached: reloaded on 2 of 4 shards on 1 host — knowledge version ${shortVersion(await knowledgeFolderVersion(knowledge))}`,
				'❓ Could not reach host host-b (shards 2, 3).',
			].join('\n'),
		);

		// Back empty (it keeps nothing on disk): the hosts reconnect, resubscribe and register again.
		await server.restart();
		const deadline = Date.now() + 10_000;
		let again = await a.requester.reload();
		while ((again.reach !== 'redis' || again.reports.length < 4) && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 200));
			again = await a.requester.reload();
		}
		expect(again).toMatchObject({ reach: 'redis', missing: [] });
		expect(again.reports).toHaveLength(4);
	});

	it('names the shards of a host killed during a reload, within the deadline', async () => {
		const { a, b } = await twoHostsOnThrowawayRedis(3_000, 1_500);
		const started = Date.now();
		const pending = a.requester.reload();
		await new Promise((resolve) => setTimeout(resolve, 500)); // b has heard it and is reloading
		await killHost(b);
		const summary = await pending;
		expect(Date.now() - started).toBeLessThan(3_000 + 500);
		expect(summary.reports.map((r) => r.shardId)).toEqual([0, 1]);
		expect(summary.missing).toEqual([
			{ shardId: 2, hostId: 'host-b', acknowledged: true },
			{ shardId: 3, hostId: 'host-b', acknowledged: true },
		]);
		expect(formatBusSummary(summary)).toContain(
			'⏳ host host-b (shards 2, 3) heard the request but had not finished within 3 s.',
		);

		// Killed for good: the next reload names it as not answering at all.
		const next = await a.requester.reload();
		expect(next.unreachableHosts).toEqual(['host-b']);
		expect(formatBusSummary(next)).toContain('❓ No answer within 3 s from host host-b (shards 2, 3).');
	});
});
