import type { z } from 'zod';

/**
 * Parses command-line arguments with node:util's parseArgs, then validates them with zod, and
 * turns either failure into a usage message and exit code 2 instead of a stack trace.
 */
export function parseCliArgs<T extends z.ZodType>(read: () => unknown, schema: T, usage: string): z.infer<T> {
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

function fail(message: string, usage: string): never {
	console.error(`${message}\nusage: ${usage}`);
	process.exit(2);
}
