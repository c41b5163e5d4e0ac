import { describe, expect, it } from 'vitest';
import type { EditOutcome, HostReport, ShardOutcome } from '../../src/coordination/messages.js';
import { formatBusSummary, shortVersion } from '../../src/coordination/reload-reply-text.js';
import { summarize, type SummaryInput } from '../../src/coordination/reload-summary.js';

const V1 = '3f2a9c1d'.padEnd(64, '0');
const V2 = '77aa01bc'.padEnd(64, '1');
const counts = { documents: 3, sections: 12, faqEntries: 40 };

const ok = (shardId: number, version = V1): ShardOutcome => ({ shardId, ok: true, version, counts });

function report(hostId: string, shards: ShardOutcome[], edit?: EditOutcome): HostReport {
	return { v: 1, type: 'report', requestId: 'request-1', hostId, shards, ...(edit ? { edit } : {}) };
}

const twoHosts = new Map([
	[0, 'a'],
	[1, 'a'],
	[2, 'b'],
	[3, 'b'],
]);

function input(reports: HostReport[], more: Partial<SummaryInput> = {}): SummaryInput {
	return {
		kind: 'reload',
		reach: 'redis',
		deadlineMs: 10_000,
		shardCount: 4,
		reports,
		acknowledged: new Map(),
		shardHosts: twoHosts,
		...more,
	};
}

const text = (more: SummaryInput) => formatBusSummary(summarize(more));

describe('a cross-host reload summed up for the moderator', () => {
	it('says how many shards on how many hosts took it, and the version they serve', () => {
		const summary = summarize(input([report('b', [ok(3), ok(2)]), report('a', [ok(0), ok(1)])]));
		expect(summary.reports.map((r) => [r.shardId, r.hostId])).toEqual([
			[0, 'a'],
			[1, 'a'],
			[2, 'b'],
			[3, 'b'],
		]);
		expect(summary.hosts.map((h) => [h.hostId, h.shardIds])).toEqual([
			['a', [0, 1]],
			['b', [2, 3]],
		]);
		expect(summary.version).toBe(V1);
		expect(summary.missing).toEqual([]);
		expect(formatBusSummary(summary)).toBe(
			'✅ Reloaded on 4 of 4 shards on 2 hosts — knowledge version 3f2a9c1d…',
		);
		expect(shortVersion(V2)).toBe('77aa01bc…');
	});

	it('names the host that did not answer within the deadline, and its shards', () => {
		const summary = summarize(input([report('a', [ok(0), ok(1)])]));
		expect(summary.unreachableHosts).toEqual(['b']);
		expect(text(input([report('a', [ok(0), ok(1)])]))).toBe(
			[
				'⚠️ Reloaded on 2 of 4 shards on 1 host — knowledge version 3f2a9c1d…',
				'❓ No answer within 10 s from host b (shards 2, 3).',
			].join('\n'),
		);
	});

	it('tells a host that heard the request but was still reloading from one that never heard it', () => {
		const acknowledged = new Map([['b', [2, 3]]]);
		expect(text(input([report('a', [ok(0), ok(1)])], { acknowledged, deadlineMs: 2_500 }))).toBe(
			[
				'⚠️ Reloaded on 2 of 4 shards on 1 host — knowledge version 3f2a9c1d…',
				'⏳ host b (shards 2, 3) heard the request but had not finished within 2.5 s.',
			].join('\n'),
		);
	});

	it('names shards no host has registered by number', () => {
		expect(text(input([report('a', [ok(0), ok(1)])], { shardHosts: new Map() }))).toContain(
			'❓ No answer within 10 s from shards 2, 3 (no host has said it runs them).',
		);
	});

	it('names a host whose knowledge version differs from the others', () => {
		const reports = [report('a', [ok(0), ok(1)]), report('b', [ok(2), ok(3)]), report('c', [ok(4, V2)])];
		const summary = summarize(input(reports, { shardCount: 5 }));
		expect(summary.disagreements).toEqual([{ hostId: 'c', version: V2, shardIds: [4] }]);
		expect(formatBusSummary(summary)).toBe(
			[
				'⚠️ Reloaded on 5 of 5 shards on 3 hosts — knowledge version 3f2a9c1d…',
				'⚠️ Host c serves knowledge version 77aa01bc… on shard 4, not 3f2a9c1d… like the rest: its knowledge folder differs (a change deployed to only some hosts?).',
			].join('\n'),
		);
	});

	it('with no majority, names every host and its version instead of picking one', () => {
		const summary = summarize(input([report('a', [ok(0), ok(1)]), report('b', [ok(2, V2), ok(3, V2)])]));
		expect(summary.version).toBeUndefined();
		expect(formatBusSummary(summary)).toBe(
			[
				'⚠️ Reloaded on 4 of 4 shards on 2 hosts — the hosts disagree on the knowledge version',
				'⚠️ The hosts serve different knowledge: a 3f2a9c1d… (shards 0, 1), b 77aa01bc… (shards 2, 3) — their knowledge folders differ.',
			].join('\n'),
		);
	});

	it('reports a shard that refused the new knowledge, with why, and counts it as not reloaded', () => {
		const refused: ShardOutcome = {
			shardId: 2,
			ok: false,
			reason: 'faq.yaml line 3: bad indentation',
			version: V1,
		};
		expect(text(input([report('a', [ok(0), ok(1)]), report('b', [refused, ok(3)])]))).toBe(
			[
				'⚠️ Reloaded on 3 of 4 shards on 2 hosts — knowledge version 3f2a9c1d…',
				'❌ Shard 2 (host b) keeps its current knowledge: faq.yaml line 3: bad indentation',
			].join('\n'),
		);
	});

	it('when Redis is down, says only this host was reached and which hosts were not', () => {
		const summary = summarize(
			input([report('a', [ok(0), ok(1)])], { reach: 'this-host', redisProblem: 'Redis is unavailable' }),
		);
		expect(summary.unreachableHosts).toEqual(['b']);
		expect(formatBusSummary(summary)).toBe(
			[
				'⚠️ Redis is unavailable, so only this host was reached: reloaded on 2 of 4 shards on 1 host — knowledge version 3f2a9c1d…',
				'❓ Could not reach host b (shards 2, 3).',
			].join('\n'),
		);
	});

	it('says when the Redis connection was lost while waiting', () => {
		expect(
			text(
				input([report('a', [ok(0), ok(1)])], {
					redisProblem: 'the connection to Redis was lost during the request',
				}),
			),
		).toMatch(/\nRedis trouble during the request: the connection to Redis was lost during the request$/);
	});

	it('sums up an alternate added everywhere, and a host that refused it: how many hosts and shards have it, and which do not', () => {
		const everywhere = input(
			[
				report('a', [ok(0), ok(1)], { status: 'applied' }),
				report('b', [ok(2), ok(3)], { status: 'already-applied' }),
			],
			{ kind: 'edit' },
		);
		expect(text(everywhere)).toBe(
			'✅ Alternate added on 2 of 2 hosts and served on 4 of 4 shards — knowledge version 3f2a9c1d…',
		);
		const refusedBy = input(
			[
				report('a', [ok(0), ok(1)], { status: 'applied' }),
				report('b', [ok(2, V2), ok(3, V2)], { status: 'refused', reason: 'faq.yaml differs from the copy' }),
				report('c', [ok(4)], { status: 'applied' }),
			],
			{ kind: 'edit', shardCount: 5 },
		);
		expect(text(refusedBy)).toBe(
			[
				'⚠️ Alternate added on 2 of 3 hosts and served on 3 of 5 shards — knowledge version 3f2a9c1d…',
				'✅ Added on host a (shards 0, 1), host c (shard 4).',
				'❌ Host b (shards 2, 3) did not add the alternate: faq.yaml differs from the copy',
				'⚠️ Host b serves knowledge version 77aa01bc… on shards 2, 3, not 3f2a9c1d… like the rest: its knowledge folder differs (a change deployed to only some hosts?).',
			].join('\n'),
		);
	});

	it('for an alternate, counts a host that did not answer among the hosts, and says it may lack the alternate', () => {
		const silent = input([report('a', [ok(0), ok(1)], { status: 'applied' })], { kind: 'edit' });
		expect(text(silent)).toBe(
			[
				'⚠️ Alternate added on 1 of 2 hosts and served on 2 of 4 shards — knowledge version 3f2a9c1d…',
				'✅ Added on host a (shards 0, 1).',
				'❓ No answer within 10 s from host b (shards 2, 3): it may not have the alternate.',
			].join('\n'),
		);
		const slow = input([report('a', [ok(0), ok(1)], { status: 'applied' })], {
			kind: 'edit',
			acknowledged: new Map([['b', [2, 3]]]),
		});
		expect(text(slow)).toContain(
			'⏳ host b (shards 2, 3) heard the request but had not finished within 10 s: it may not have the alternate yet.',
		);
	});

	it('for an alternate with Redis down, says only this host has it and the others were not reached', () => {
		expect(
			text(
				input([report('a', [ok(0), ok(1)], { status: 'applied' })], {
					kind: 'edit',
					reach: 'this-host',
					redisProblem: 'Redis is unavailable (redis://cache:6379)',
				}),
			),
		).toBe(
			[
				'⚠️ Redis is unavailable, so only this host was reached: alternate added on 1 of 2 hosts and served on 2 of 4 shards — knowledge version 3f2a9c1d…',
				'✅ Added on host a (shards 0, 1).',
				'❓ Could not reach host b (shards 2, 3): the alternate was not added there.',
			].join('\n'),
		);
	});

	it('for an alternate, does not count as serving it the shards that kept their old knowledge, nor hosts that did not say', () => {
		const refusedShard: ShardOutcome = { shardId: 1, ok: false, reason: 'bad.md: unclosed front matter' };
		const summary = input(
			[report('a', [ok(0), refusedShard], { status: 'applied' }), report('b', [ok(2), ok(3)])],
			{ kind: 'edit' },
		);
		expect(text(summary)).toBe(
			[
				'⚠️ Alternate added on 1 of 2 hosts and served on 1 of 4 shards — knowledge version 3f2a9c1d…',
				'✅ Added on host a (shards 0, 1).',
				'❓ Host b (shards 2, 3) reloaded without saying whether it added the alternate.',
				'❌ Shard 1 (host a) keeps its current knowledge: bad.md: unclosed front matter',
			].join('\n'),
		);
		const nowhere = input([report('a', [ok(0), ok(1)], { status: 'refused', reason: 'no such entry' })], {
			kind: 'edit',
		});
		expect(text(nowhere)).toMatch(/^❌ Alternate added on 0 of 2 hosts and served on 0 of 4 shards — /);
	});

	it('counts a shard once however often it is reported, and ignores shards beyond the count', () => {
		const summary = summarize(input([report('a', [ok(0), ok(1), ok(0)]), report('x', [ok(9, V2)])]));
		expect(summary.reports.map((r) => r.shardId)).toEqual([0, 1]);
		expect(summary.disagreements).toEqual([]);
	});

	it('keeps a long list of missing hosts short', () => {
		const shardHosts = new Map(Array.from({ length: 20 }, (_, id) => [id, `h${id}`]));
		const lines = text(input([report('h0', [ok(0)])], { shardCount: 20, shardHosts })).split('\n');
		expect(lines).toHaveLength(1 + 5 + 1);
		expect(lines.at(-1)).toBe('… and 14 more');
	});
});
