/**
 * Which of the bot's shards this host runs: `SHARD_IDS` (its slice, e.g. `0,1` or `0-3` or
 * `0-3,8`) out of `SHARD_COUNT` (every host's shards together). Pure parsing, so the rules are
 * tested without an environment.
 */

export interface ShardSlice {
	/** This host's shard ids, ascending, each once. */
	ids: number[];
	/** Shards across all hosts; every host must be given the same number. */
	count: number;
}

/** No bot needs more; also bounds what a range like `0-99999999` could expand to. */
export const MAX_SHARD_COUNT = 100_000;

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const WHOLE = /^\d+$/;
const RANGE = /^(\d+)\s*-\s*(\d+)$/;

/**
 * `0,1`, `0-3` or a mix (`0-3, 8, 10-11`) as ascending ids. Refuses, with the item at fault:
 * anything that is not an id or a range, a range that runs backwards, an id listed twice
 * (directly or through overlapping ranges) and ids of MAX_SHARD_COUNT or more.
 */
export function parseShardIds(text: string): Parsed<number[]> {
	const items = text
		.split(',')
		.map((item) => item.trim())
		.filter((item) => item !== '');
	if (items.length === 0)
		return { ok: false, problem: 'must list at least one shard id, such as 0,1 or 0-3' };
	const seen = new Set<number>();
	for (const item of items) {
		const range = RANGE.exec(item);
		const [first, last] = range ? [Number(range[1]), Number(range[2])] : [Number(item), Number(item)];
		if (!range && !WHOLE.test(item))
			return { ok: false, problem: `"${item}" is not a shard id or a range (such as 0,1 or 0-3)` };
		if (last >= MAX_SHARD_COUNT)
			return { ok: false, problem: `"${item}": shard ids must be below ${MAX_SHARD_COUNT}` };
		if (first > last) return { ok: false, problem: `"${item}" runs backwards (write ${last}-${first})` };
		for (let id = first; id <= last; id++) {
			if (seen.has(id)) return { ok: false, problem: `shard ${id} is listed twice` };
			seen.add(id);
		}
	}
	return { ok: true, value: [...seen].sort((a, b) => a - b) };
}

/** What is wrong with a slice against its count (ids the count does not have), or undefined. */
export function shardsOutsideCount(ids: readonly number[], count: number): string | undefined {
	const outside = ids.filter((id) => id >= count);
	if (outside.length === 0) return undefined;
	const named =
		outside.length > 5
			? `${outside.slice(0, 5).join(', ')} and ${outside.length - 5} more`
			: outside.join(', ');
	return `shard${outside.length === 1 ? '' : 's'} ${named} ${outside.length === 1 ? 'is' : 'are'} outside SHARD_COUNT=${count} (ids run from 0 to ${count - 1})`;
}
