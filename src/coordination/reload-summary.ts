/**
 * What a cross-host reload came to, built from the replies that arrived before the deadline:
 * which shards of how many took it, on which hosts, which knowledge version each serves, who did
 * not answer, and which hosts serve a different version than the rest. Pure, so every case is
 * tested without Redis.
 */
import type { EditOutcome, HostReport, ShardOutcome } from './messages.js';

export type ShardReport = ShardOutcome & { hostId: string };

export interface HostSummary {
	hostId: string;
	/** Its shards that answered, ascending. */
	shardIds: number[];
	/** The versions its shards serve (one, unless its own shards disagree). */
	versions: string[];
	edit?: EditOutcome;
}

export interface MissingShard {
	shardId: number;
	/** The host last known to run it, if any host ever said so. */
	hostId?: string;
	/** Its host heard the request but had not reported by the deadline (a slow reload, not a lost host). */
	acknowledged: boolean;
}

export interface VersionDisagreement {
	hostId: string;
	version: string;
	shardIds: number[];
}

export interface BusSummary {
	kind: 'reload' | 'edit';
	/** `redis`: every host was asked; `this-host`: Redis could not be used, only this host was. */
	reach: 'redis' | 'this-host';
	/** Why Redis could not be used, or what went wrong with it during the request. */
	redisProblem?: string;
	deadlineMs: number;
	shardCount: number;
	/** Every shard that answered, by shard id. */
	reports: ShardReport[];
	/** Hosts that answered, by their first shard. */
	hosts: HostSummary[];
	missing: MissingShard[];
	/** Hosts with at least one missing shard that did not answer at all (by name when known). */
	unreachableHosts: string[];
	/** What most shards serve; undefined when no version has more shards than every other. */
	version?: string;
	/** Hosts (or shards of a host) serving another version than `version`; with no majority, every host. */
	disagreements: VersionDisagreement[];
}

export interface SummaryInput {
	kind: 'reload' | 'edit';
	reach: 'redis' | 'this-host';
	redisProblem?: string;
	deadlineMs: number;
	shardCount: number;
	reports: readonly HostReport[];
	/** Host id → shards it acknowledged with. */
	acknowledged: ReadonlyMap<string, readonly number[]>;
	/** Shard id → the host last registered for it. */
	shardHosts: ReadonlyMap<number, string>;
}

const ascending = (a: number, b: number) => a - b;

/** The version served by more shards than any other; undefined on a tie or when none is known. */
function majorityVersion(reports: readonly ShardReport[]): string | undefined {
	const counts = new Map<string, number>();
	for (const report of reports) {
		const version = report.version;
		if (version !== undefined) counts.set(version, (counts.get(version) ?? 0) + 1);
	}
	const ranked = [...counts].sort((a, b) => b[1] - a[1]);
	const [first, second] = ranked;
	if (!first || (second && second[1] === first[1])) return undefined;
	return first[0];
}

export function summarize(input: SummaryInput): BusSummary {
	const byShard = new Map<number, ShardReport>();
	const hosts = new Map<string, HostSummary>();
	for (const report of input.reports) {
		const host = hosts.get(report.hostId) ?? { hostId: report.hostId, shardIds: [], versions: [] };
		if (report.edit) host.edit = report.edit;
		for (const shard of report.shards) {
			// Only shards of this bot count; a shard heard twice counts once, the first report kept.
			if (shard.shardId >= input.shardCount || byShard.has(shard.shardId)) continue;
			byShard.set(shard.shardId, { ...shard, hostId: report.hostId });
			host.shardIds.push(shard.shardId);
			const version = shard.version;
			if (version !== undefined && !host.versions.includes(version)) host.versions.push(version);
		}
		hosts.set(report.hostId, host);
	}
	const reports = [...byShard.values()].sort((a, b) => a.shardId - b.shardId);
	for (const host of hosts.values()) host.shardIds.sort(ascending);

	const acknowledgedShards = new Set([...input.acknowledged.values()].flat());
	const missing: MissingShard[] = [];
	for (let shardId = 0; shardId < input.shardCount; shardId++) {
		if (byShard.has(shardId)) continue;
		const hostId = input.shardHosts.get(shardId);
		missing.push({ shardId, ...(hostId ? { hostId } : {}), acknowledged: acknowledgedShards.has(shardId) });
	}
	const unreachableHosts = [
		...new Set(
			missing
				.filter((shard) => !shard.acknowledged && shard.hostId !== undefined && !hosts.has(shard.hostId))
				.map((shard) => shard.hostId!),
		),
	];

	const version = majorityVersion(reports);
	const disagreements: VersionDisagreement[] = [];
	for (const host of hosts.values())
		for (const hostVersion of host.versions)
			if (hostVersion !== version)
				disagreements.push({
					hostId: host.hostId,
					version: hostVersion,
					shardIds: reports
						.filter((r) => r.hostId === host.hostId && r.version === hostVersion)
						.map((r) => r.shardId),
				});

	return {
		kind: input.kind,
		reach: input.reach,
		...(input.redisProblem ? { redisProblem: input.redisProblem } : {}),
		deadlineMs: input.deadlineMs,
		shardCount: input.shardCount,
		reports,
		hosts: [...hosts.values()].sort((a, b) => (a.shardIds[0] ?? Infinity) - (b.shardIds[0] ?? Infinity)),
		missing,
		unreachableHosts,
		...(version ? { version } : {}),
		disagreements: disagreements.sort((a, b) => (a.shardIds[0] ?? 0) - (b.shardIds[0] ?? 0)),
	};
}
