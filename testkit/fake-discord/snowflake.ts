/** Snowflake helpers shared by the Discord stand-in and the tests. */

export const DISCORD_EPOCH = 1_420_070_400_000n;

let increment = 0n;

/** A fresh, unique snowflake whose timestamp is `timestamp` (worker id 1, process id 0). */
export function snowflake(timestamp: number = Date.now()): string {
	increment = (increment + 1n) & 0xfffn;
	return (((BigInt(timestamp) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/** The shard a guild's events go to: `(guild_id >> 22) % shard_count`. */
export function shardOf(guildId: string, shardCount: number): number {
	return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** A fresh snowflake for a guild that Discord would route to `shard` of `shardCount`. */
export function snowflakeOnShard(shard: number, shardCount: number): string {
	const now = Date.now();
	for (let offset = 0; ; offset++) {
		const id = snowflake(now - offset);
		if (shardOf(id, shardCount) === shard) return id;
	}
}

/** The creation time of a snowflake. */
export function snowflakeTime(id: string): number {
	return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}
