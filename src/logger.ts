import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogFormat, LogLevel } from './config.js';

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
	/** `auto` (the default): readable lines when the output is a terminal, JSON lines otherwise. */
	format?: LogFormat;
	/** Where lines go; stdout when omitted. */
	destination?: DestinationStream | NodeJS.WritableStream;
	/** Fields on every line, e.g. `{ shard: 0 }`. */
	base?: Record<string, unknown>;
}

/** `auto` resolved: a person reads a terminal, a collector reads a pipe or a file. */
export function resolveLogFormat(format: LogFormat, isTerminal: boolean): 'pretty' | 'json' {
	return format === 'auto' ? (isTerminal ? 'pretty' : 'json') : format;
}

/** Log lines with secrets redacted: pretty for people, JSON lines for machines (see LOG_FORMAT). */
export function createLogger({
	level = 'info',
	format = 'auto',
	destination,
	base = {},
}: LoggerOptions = {}): Logger {
	const options = {
		level,
		base: { name: 'faq-bot', ...base },
		redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
		timestamp: pino.stdTimeFunctions.isoTime,
	};
	const output = destination ?? process.stdout;
	const isTerminal = 'isTTY' in output && output.isTTY === true;
	if (resolveLogFormat(format, isTerminal) === 'json')
		// Without a destination, pino's own synchronous stdout writer.
		return destination ? pino(options, destination) : pino(options);
	// In this thread and synchronous, not a worker transport: a line logged just before
	// process.exit() (a fatal start-up error, the shutdown) must still appear.
	const prettyStream = pretty({
		destination: output,
		sync: true,
		colorize: isTerminal,
		ignore: 'pid,hostname,name',
		translateTime: 'SYS:HH:MM:ss.l',
	});
	return pino(options, prettyStream);
}
