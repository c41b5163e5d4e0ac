import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';
import type { LogFormat, LogLevel } from './config.js';
import { maskTokenUrls, redactForLog } from './log-redaction.js';

export type { Logger } from 'pino';

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

/**
 * Log lines with secrets redacted — pretty for people, JSON lines for machines (see LOG_FORMAT):
 * every line's fields and bindings go through {@link redactForLog}, and its message through
 * {@link maskTokenUrls} (pino takes an error's message as the line's message when none is given).
 * Both run before any output stream, so pretty lines are masked too.
 */
export function createLogger({
	level = 'info',
	format = 'auto',
	destination,
	base = {},
}: LoggerOptions = {}): Logger {
	const options: pino.LoggerOptions = {
		level,
		base: { name: 'faq-bot', ...base },
		formatters: { log: redactForLog, bindings: redactForLog },
		// The formatter has already turned errors into redacted plain data; pino's own error
		// serialiser would take that for an error again (it has a message) and rename its type.
		serializers: { err: (value: unknown) => value },
		hooks: {
			logMethod(args, method) {
				const [first, ...rest] = args;
				const error =
					first instanceof Error
						? first
						: typeof first === 'object' && first !== null && 'err' in first && first.err instanceof Error
							? first.err
							: undefined;
				// Without a message, pino would write the error's own, unmasked: give the masked one.
				const message = error && rest.length === 0 ? [maskTokenUrls(error.message)] : [];
				const safe = rest.map((arg: unknown) => (typeof arg === 'string' ? maskTokenUrls(arg) : arg));
				const head = typeof first === 'string' ? maskTokenUrls(first) : first;
				method.apply(this, [head, ...safe, ...message] as Parameters<pino.LogFn>);
			},
		},
		timestamp: pino.stdTimeFunctions.isoTime,
	};
	const output = destination ?? process.stdout;
	const isTerminal = 'isTTY' in output && output.isTTY === true;
	if (resolveLogFormat(format, isTerminal) === 'json')
		// Without a destination, pino's own synchronous stdout writer.
		return destination ? pino(options, destination) : pino(options);
	// In this thread and synchronous, not a worker transport: a line logged just before
	// process.exit() (a fatal start-up error, the shutdown) must still appear.
	// Required here, not imported: a bot logging JSON lines (the usual in production) never loads it.
	const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
	const prettyStream = pretty({
		destination: output,
		sync: true,
		colorize: isTerminal,
		ignore: 'pid,hostname,name',
		translateTime: 'SYS:HH:MM:ss.l',
	});
	return pino(options, prettyStream);
}
