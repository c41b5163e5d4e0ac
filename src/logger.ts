import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';
import { maskTokenUrls, redactForLog } from './log-redaction.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
	level?: LogLevel;
	/** Where lines go; stdout when omitted. */
	destination?: DestinationStream;
	/** Fields on every line, e.g. `{ shard: 0 }`. */
	base?: Record<string, unknown>;
}

/**
 * JSON lines on stdout (pipe through `pino-pretty` to read them), with secrets redacted: every
 * line's fields and bindings go through {@link redactForLog}, and its message through
 * {@link maskTokenUrls} (pino takes an error's message as the line's message when none is given).
 */
export function createLogger({ level = 'info', destination, base = {} }: LoggerOptions = {}): Logger {
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
	return destination ? pino(options, destination) : pino(options);
}
