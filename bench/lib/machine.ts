import { cpus } from 'node:os';

/** The machine a benchmark ran on, for its report. */
export function machine(): { node: string; cpus: number; cpuModel: string } {
	return { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown CPU' };
}
