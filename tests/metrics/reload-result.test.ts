/**
 * What one reload request counts as in `faq_bot_reloads_total{result}`, from what the shards it
 * reached reported: on one host (broadcast) and across hosts (the Redis bus's summary).
 */
import { describe, expect, it } from 'vitest';
import type { ReloadReport } from '../../src/answer/service.js';
import type { HostReport, ShardOutcome } from '../../src/coordination/messages.js';
import { summarize } from '../../src/coordination/reload-summary.js';
import { reloadRequestResult, type ShardReloadResult } from '../../src/discord/cross-shard-reload.js';
import { busRequestResult } from '../../src/discord/shard-coordination.js';

const counts = { documents: 1, sections: 2, faqEntries: 3 };
const VERSION = 'a'.repeat(64);
const unchanged = { added: [], removed: [], changed: [] };
const took: ReloadReport = {
	ok: true,
	diff: { documents: unchanged, sections: unchanged, faqEntries: unchanged },
	counts,
};
const refused: ReloadReport = { ok: false, problems: [{ file: 'faq.yaml', message: 'not a list' }] };

const shard = (id: number, report: ReloadReport): ShardReloadResult => ({
	shardIds: [id],
	report,
	version: VERSION,
	at: 0,
});

describe('a reload on this host', () => {
	it('is ok when every shard took it, refused when one kept the old, partial when one was not reached', () => {
		const all = (results: ShardReloadResult[], unreachable: string[] = []) =>
			reloadRequestResult({ shardCount: 2, results, unreachable });
		expect(all([shard(0, took), shard(1, took)])).toBe('ok');
		expect(all([shard(0, took), shard(1, refused)])).toBe('refused');
		expect(all([shard(0, took)], ['reload broadcast timed out after 30000 ms'])).toBe('partial');
	});
});

describe('a reload across hosts', () => {
	const ok = (shardId: number): ShardOutcome => ({ shardId, ok: true, version: VERSION, counts });
	const report = (hostId: string, shards: ShardOutcome[]): HostReport => ({
		v: 1,
		type: 'report',
		requestId: 'request-1',
		hostId,
		shards,
	});
	const result = (reports: HostReport[]) =>
		busRequestResult({
			summary: summarize({
				kind: 'reload',
				reach: 'redis',
				deadlineMs: 10_000,
				shardCount: 2,
				reports,
				acknowledged: new Map(),
				shardHosts: new Map([
					[0, 'a'],
					[1, 'b'],
				]),
			}),
		});

	it('counts the same way from the hosts’ reports and the shards that never answered', () => {
		expect(result([report('a', [ok(0)]), report('b', [ok(1)])])).toBe('ok');
		expect(result([report('a', [ok(0)]), report('b', [{ shardId: 1, ok: false, reason: 'bad' }])])).toBe(
			'refused',
		);
		expect(result([report('a', [ok(0)])])).toBe('partial');
	});
});
