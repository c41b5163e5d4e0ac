/**
 * The moderator's reply to a cross-host `/reload` or "add as alternate", from its summary: one
 * headline ("reloaded on 4 of 4 shards on 2 hosts — knowledge version 3f2a9c1d…"), then one line
 * per thing to act on: hosts that did not answer or could not be reached, shards that kept their
 * knowledge, hosts serving another version, hosts that refused the edit. Plain text; the caller
 * fits it into a Discord message.
 */
import type { BusSummary, MissingShard, ShardReport } from './reload-summary.js';

/** Enough of a SHA-256 to tell versions apart at a glance. */
export function shortVersion(version: string): string {
	return `${version.slice(0, 8)}…`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const shardList = (ids: readonly number[]) => `${ids.length === 1 ? 'shard' : 'shards'} ${ids.join(', ')}`;
const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

/** At most `max` lines of a kind, then how many more. */
function capped(lines: string[], max = 5): string[] {
	return lines.length <= max ? lines : [...lines.slice(0, max), `… and ${lines.length - max} more`];
}

function headline(summary: BusSummary): string {
	const took = summary.reports.filter((report) => report.ok);
	const hosts = new Set(took.map((report) => report.hostId)).size;
	const version = summary.version
		? ` — knowledge version ${shortVersion(summary.version)}`
		: summary.disagreements.length > 0
			? ' — the hosts disagree on the knowledge version'
			: '';
	const reloaded = `reloaded on ${took.length} of ${plural(summary.shardCount, 'shard', 'shards')} on ${plural(hosts, 'host', 'hosts')}${version}`;
	const added = summary.hosts.filter((host) => host.edit && host.edit.status !== 'refused').length;
	const what =
		summary.kind === 'edit' ? `alternate added on ${plural(added, 'host', 'hosts')}, ${reloaded}` : reloaded;
	const clean =
		took.length === summary.shardCount &&
		summary.disagreements.length === 0 &&
		summary.hosts.every((host) => host.edit?.status !== 'refused');
	const mark = took.length === 0 ? '❌' : clean ? '✅' : '⚠️';
	return summary.reach === 'this-host'
		? `${mark} Redis is unavailable, so only this host was reached: ${what}`
		: `${mark} ${what.charAt(0).toUpperCase()}${what.slice(1)}`;
}

/** Missing shards, grouped by their host when one is known. */
function missingLines(summary: BusSummary): string[] {
	const byHost = new Map<string | undefined, MissingShard[]>();
	for (const shard of summary.missing) byHost.set(shard.hostId, [...(byHost.get(shard.hostId) ?? []), shard]);
	const within = seconds(summary.deadlineMs);
	const lines: string[] = [];
	for (const [hostId, shards] of byHost) {
		const ids = shards.map((shard) => shard.shardId);
		const heard = shards.filter((shard) => shard.acknowledged).map((shard) => shard.shardId);
		const silent = ids.filter((id) => !heard.includes(id));
		const where = (list: number[]) => (hostId ? `host ${hostId} (${shardList(list)})` : shardList(list));
		if (heard.length > 0)
			lines.push(`⏳ ${where(heard)} heard the request but had not finished within ${within}.`);
		if (silent.length === 0) continue;
		if (summary.reach === 'this-host')
			lines.push(`❓ Could not reach ${where(silent)}${hostId ? '' : ' on the other hosts'}.`);
		else
			lines.push(
				`❓ No answer within ${within} from ${where(silent)}${hostId ? '' : ' (no host has said it runs them)'}.`,
			);
	}
	return capped(lines);
}

function failedLines(reports: readonly ShardReport[]): string[] {
	return capped(
		reports.flatMap((report) =>
			report.ok
				? []
				: [
						`❌ Shard ${report.shardId} (host ${report.hostId}) keeps its current knowledge: ${report.reason}`,
					],
		),
	);
}

function disagreementLines(summary: BusSummary): string[] {
	const { version, disagreements } = summary;
	if (disagreements.length === 0) return [];
	if (version === undefined)
		return [
			`⚠️ The hosts serve different knowledge: ${disagreements
				.map((d) => `${d.hostId} ${shortVersion(d.version)} (${shardList(d.shardIds)})`)
				.join(', ')} — their knowledge folders differ.`,
		];
	return capped(
		disagreements.map(
			(d) =>
				`⚠️ Host ${d.hostId} serves knowledge version ${shortVersion(d.version)} on ${shardList(d.shardIds)}, not ${shortVersion(version)} like the rest: its knowledge folder differs (a change deployed to only some hosts?).`,
		),
	);
}

function editLines(summary: BusSummary): string[] {
	return capped(
		summary.hosts.flatMap((host) =>
			host.edit?.status === 'refused'
				? [`❌ Host ${host.hostId} did not add the alternate: ${host.edit.reason}`]
				: [],
		),
	);
}

export function formatBusSummary(summary: BusSummary): string {
	const lines = [
		headline(summary),
		...editLines(summary),
		...failedLines(summary.reports),
		...missingLines(summary),
		...disagreementLines(summary),
	];
	if (summary.reach === 'redis' && summary.redisProblem)
		lines.push(`Redis trouble during the request: ${summary.redisProblem}`);
	return lines.join('\n');
}
