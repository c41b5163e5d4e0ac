import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger } from 'pino';

/** Paths pino blanks out wherever they appear in a log line, so a token can never reach the logs. */
export const REDACTED_PATHS = [
	'token',
	'*.token',
	'config.token',
	'DISCORD_TOKEN',
	'*.DISCORD_TOKEN',
	'env.DISCORD_TOKEN',
	'authorization',
	'*.authorization',
	'headers.authorization',
	'*.headers.authorization',
	'request.headers.authorization',
];

export interface LoggerOptions {
	level?: LogLevel;
	/** Where lines go; stdout when omitted. */
	destination?: DestinationStream;
	/** Fields on every line, e.g. `{ shard: 0 }`. */
	base?: Record<string, unknown>;
}

/** JSON lines on stdout (pipe through `pino-pretty` to read them), with secrets redacted. */
export function createLogger({ level = 'info', destination, base = {} }: LoggerOptions = {}): Logger {
	const options = {
		level,
		base: { name: 'faq-bot', ...base },
		redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
		timestamp: pino.stdTimeFunctions.isoTime,
	};
	return destination ? pino(options, destination) : pino(options);
}
