import { hostname } from 'node:os';

/** What a host id may be made of: it names a host in log lines, Redis messages and replies. */
export const HOST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The host's name when HOST_ID is unset: the machine's name and the process id. The name alone
 * would give two hosts on one machine (two deployments side by side, a test) the same id, and the
 * pid tells a restarted host from the one before it. Shards must not compute their own: the
 * shard manager hands its HOST_ID to its shard processes, so all shards of a host share one.
 */
export function defaultHostId(machine: string = hostname(), pid: number = process.pid): string {
	const name = machine.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 48) || 'host';
	return `${name}-${pid}`;
}
