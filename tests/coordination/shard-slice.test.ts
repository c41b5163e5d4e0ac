import { describe, expect, it } from 'vitest';
import { parseShardIds, shardsOutsideCount } from '../../src/coordination/shard-slice.js';

describe('parseShardIds', () => {
	it('reads lists, ranges and mixes of both, in ascending order', () => {
		expect(parseShardIds('0,1')).toEqual({ ok: true, value: [0, 1] });
		expect(parseShardIds('0-3')).toEqual({ ok: true, value: [0, 1, 2, 3] });
		expect(parseShardIds(' 10 - 11, 3 ,0-1,')).toEqual({ ok: true, value: [0, 1, 3, 10, 11] });
		expect(parseShardIds('7-7')).toEqual({ ok: true, value: [7] });
	});

	it('says which item is wrong', () => {
		expect(parseShardIds('')).toEqual({
			ok: false,
			problem: 'must list at least one shard id, such as 0,1 or 0-3',
		});
		expect(parseShardIds('0,x')).toEqual({
			ok: false,
			problem: '"x" is not a shard id or a range (such as 0,1 or 0-3)',
		});
		expect(parseShardIds('-1')).toEqual({
			ok: false,
			problem: '"-1" is not a shard id or a range (such as 0,1 or 0-3)',
		});
		expect(parseShardIds('1.5')).toEqual({
			ok: false,
			problem: '"1.5" is not a shard id or a range (such as 0,1 or 0-3)',
		});
		expect(parseShardIds('3-1')).toEqual({ ok: false, problem: '"3-1" runs backwards (write 1-3)' });
		expect(parseShardIds('0-2,2')).toEqual({ ok: false, problem: 'shard 2 is listed twice' });
		expect(parseShardIds('0-3,2-5')).toEqual({ ok: false, problem: 'shard 2 is listed twice' });
	});

	it('refuses huge ids before expanding a range', () => {
		expect(parseShardIds('0-99999999')).toEqual({
			ok: false,
			problem: '"0-99999999": shard ids must be below 100000',
		});
	});
});

describe('shardsOutsideCount', () => {
	it('names the ids beyond the count, a few at most', () => {
		expect(shardsOutsideCount([0, 1], 2)).toBeUndefined();
		expect(shardsOutsideCount([2, 3, 4, 5], 4)).toBe(
			'shards 4, 5 are outside SHARD_COUNT=4 (ids run from 0 to 3)',
		);
		expect(shardsOutsideCount([0, 1, 2, 3, 4, 5, 6, 7], 1)).toBe(
			'shards 1, 2, 3, 4, 5 and 2 more are outside SHARD_COUNT=1 (ids run from 0 to 0)',
		);
	});
});
