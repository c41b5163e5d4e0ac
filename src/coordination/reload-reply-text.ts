/**
 * The moderator's reply to a cross-host `/reload` or "add as alternate", from its summary: one
 * headline ("reloaded on 4 of 4 shards on 2 hosts — knowledge version 3f2a9c1d…"; for an edit,
 * "alternate added on 2 of 2 hosts and served on 4 of 4 shards — …"), then one line per thing to
 * act on: hosts that refused the edit, shards that kept their knowledge, hosts that did not answer
 * or could not be reached (and, for an edit, whether they may lack the alternate), hosts serving
 * another version. Plain text; the caller fits it into a Discord message.
 */
import type { BusSummary, HostSummary, MissingShard, ShardReport } from './reload-summary.js';

/** Enough of a SHA-256 to tell versions apart at a glance. */
export function shortVersion(version: string): string {
	return `${version.slice(0, 8)}…`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const shardList = (ids: readonly number[]) => `${ids.length === 1 ? 'shard' : 'shards'} ${ids.join(', ')}`;
const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

/** At most `max` lines of a kind, then how many more. */
function capped(lines: string[], max = 5): string[] {
	return lines.length <= max ? lines : [...lines.slice(0, max), `… and ${lines.length - max} more`];
}

/** An edit's reach: the hosts that have the alternate (added now, or had it), of the hosts known, and the shards serving it. */
interface EditReach {
	/** Hosts whose copy has the alternate, in the summary's host order. */
	added: HostSummary[];
	/** Hosts that answered, and hosts known to run a shard that did not. */
	knownHosts: number;
	/** Shards that reloaded on a host that has the alternate: the ones answering with it. */
	serving: number;
}

function editReach(summary: BusSummary): EditReach {
	const added = summary.hosts.filter((host) => host.edit !== undefined && host.edit.status !== 'refused');
	const addedIds = new Set(added.map((host) => host.hostId));
	const known = new Set(summary.hosts.map((host) => host.hostId));
	for (const shard of summary.missing) if (shard.hostId !== undefined) known.add(shard.hostId);
	return {
		added,
		knownHosts: known.size,
		serving: summary.reports.filter((report) => report.ok && addedIds.has(report.hostId)).length,
	};
}

function versionPart(summary: BusSummary): string {
	return summary.version
		? ` — knowledge version ${shortVersion(summary.version)}`
		: summary.disagreements.length > 0
			? ' — the hosts disagree on the knowledge version'
			: '';
}

function headline(summary: BusSummary): string {
	const took = summary.reports.filter((report) => report.ok);
	let what: string;
	let clean = took.length === summary.shardCount && summary.disagreements.length === 0;
	let none = took.length === 0;
	if (summary.kind === 'edit') {
		const reach = editReach(summary);
		what = `alternate added on ${reach.added.length} of ${plural(reach.knownHosts, 'host', 'hosts')} and served on ${reach.serving} of ${plural(summary.shardCount, 'shard', 'shards')}${versionPart(summary)}`;
		clean &&= reach.added.length === reach.knownHosts && reach.serving === summary.shardCount;
		none = reach.added.length === 0;
	} else {
		const hosts = new Set(took.map((report) => report.hostId)).size;
		what = `reloaded on ${took.length} of ${plural(summary.shardCount, 'shard', 'shards')} on ${plural(hosts, 'host', 'hosts')}${versionPart(summary)}`;
	}
	const mark = none ? '❌' : clean ? '✅' : '⚠️';
	return summary.reach === 'this-host'
		? `${mark} Redis is unavailable, so only this host was reached: ${what}`
		: `${mark} ${capitalised(what)}`;
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
		const edit = summary.kind === 'edit';
		if (heard.length > 0)
			lines.push(
				`⏳ ${where(heard)} heard the request but had not finished within ${within}${edit ? ': it may not have the alternate yet' : ''}.`,
			);
		if (silent.length === 0) continue;
		if (summary.reach === 'this-host')
			lines.push(
				`❓ Could not reach ${where(silent)}${hostId ? '' : ' on the other hosts'}${edit ? ': the alternate was not added there' : ''}.`,
			);
		else
			lines.push(
				`❓ No answer within ${within} from ${where(silent)}${hostId ? '' : ' (no host has said it runs them)'}${edit ? ': it may not have the alternate' : ''}.`,
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

const hostWithShards = (host: HostSummary) => `host ${host.hostId} (${shardList(host.shardIds)})`;

/**
 * For an edit: where the alternate is, when not every host has it (so the moderator knows where it
 * is served), then each host that refused it, with why, and each that answered without saying.
 */
function editLines(summary: BusSummary): string[] {
	if (summary.kind !== 'edit') return [];
	const reach = editReach(summary);
	const lines: string[] = [];
	if (reach.added.length > 0 && reach.added.length < reach.knownHosts)
		lines.push(`✅ Added on ${capped(reach.added.map(hostWithShards)).join(', ')}.`);
	for (const host of summary.hosts) {
		const edit = host.edit;
		if (edit === undefined)
			lines.push(
				`❓ ${capitalised(hostWithShards(host))} reloaded without saying whether it added the alternate.`,
			);
		else if (edit.status === 'refused')
			lines.push(`❌ ${capitalised(hostWithShards(host))} did not add the alternate: ${edit.reason}`);
	}
	return capped(lines);
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
