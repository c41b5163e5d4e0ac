import { parseArgs } from 'node:util';
import { z } from 'zod';

/**
 * Parses command-line arguments with node:util's parseArgs, then validates them with zod, and
 * turns either failure into a usage message and exit code 2 instead of a stack trace. `--help`
 * (or `-h`) anywhere prints the usage and exits 0, before anything else can fail.
 */
export function parseCliArgs<T extends z.ZodType>(read: () => unknown, schema: T, usage: string): z.infer<T> {
	const argv = process.argv.slice(2);
	if (argv.includes('--help') || argv.includes('-h')) {
		console.log(`usage: ${usage}`);
		process.exit(0);
	}
	let raw: unknown;
	try {
		raw = read();
	} catch (error) {
		fail(error instanceof Error ? error.message : String(error), usage);
	}
	const parsed = schema.safeParse(raw);
	if (!parsed.success) {
		fail(
			parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; '),
			usage,
		);
	}
	return parsed.data;
}

/** For commands that take no arguments: answers `--help`, refuses anything else with the usage. */
export function parseNoArgs(usage: string): void {
	parseCliArgs(() => parseArgs({ options: {}, strict: true }).values, z.object({}), usage);
}

function fail(message: string, usage: string): never {
	console.error(`${message}\nusage: ${usage}`);
	process.exit(2);
}
