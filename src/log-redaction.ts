/**
 * What reaches the logs, made safe: every log line's fields go through {@link redactForLog}, which
 * serialises errors (the one place that does), masks fields named like secrets at any depth, and
 * masks the token part of Discord URLs, and the password of any URL (DATABASE_URL), in any string. A `DiscordAPIError`'s `url` carries the
 * interaction token (`/interactions/<id>/<token>/callback`, `/webhooks/<app id>/<token>/...`), which
 * lets anyone who reads the log answer as the bot for 15 minutes; pino's path-based redaction
 * reaches only the paths it is given, at fixed depths.
 */

export const REDACTED = '[redacted]';

/** Field names whose values are secrets wherever they appear (`token`, `DISCORD_TOKEN`, `authorization`, …). */
const SECRET_KEY = /token|authorization|secret|password|cookie/i;

/** The token segment of an interaction callback or webhook URL (absolute or a bare path). */
const TOKEN_IN_URL = /(\/(?:interactions|webhooks)\/[^/\s?#"']+\/)[^/\s?#"']+/g;

/** Beyond this depth a value is summarised: logs never need it, and a cycle-free deep object must not stall a log call. */
const MAX_DEPTH = 8;

/** The password of a URL with credentials (`postgres://user:password@host/db`, as DATABASE_URL may be). */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^/:@\s]*:)[^@/\s]+@/gi;

/** `text` with the password of every URL in it masked. */
export function maskUrlPasswords(text: string): string {
	return text.replace(URL_PASSWORD, `$1${REDACTED}@`);
}

/**
 * `text` with the token of every interaction or webhook URL in it masked, and the password of
 * every URL with credentials.
 */
export function maskTokenUrls(text: string): string {
	return maskUrlPasswords(text.replace(TOKEN_IN_URL, `$1${REDACTED}`));
}

/** An error as plain data: its name, message, stack and own fields (`url`, `requestBody`, `cause`, …), all redacted. */
function serializeError(error: Error, seen: WeakSet<object>, depth: number): Record<string, unknown> {
	const fields: Record<string, unknown> = {
		type: error.constructor.name || error.name,
		message: maskTokenUrls(error.message),
	};
	if (error.stack !== undefined) fields.stack = maskTokenUrls(error.stack);
	for (const [key, value] of Object.entries(error)) fields[key] = redactField(key, value, seen, depth + 1);
	if (error.cause !== undefined && !('cause' in fields)) fields.cause = redact(error.cause, seen, depth + 1);
	return fields;
}

function redactField(key: string, value: unknown, seen: WeakSet<object>, depth: number): unknown {
	if (SECRET_KEY.test(key) && value !== undefined && value !== null && value !== '') return REDACTED;
	return redact(value, seen, depth);
}

function redact(value: unknown, seen: WeakSet<object>, depth: number): unknown {
	if (typeof value === 'string') return maskTokenUrls(value);
	if (typeof value !== 'object' || value === null) return value;
	if (seen.has(value)) return '[circular]';
	if (depth > MAX_DEPTH) return '[too deep]';
	seen.add(value);
	try {
		if (value instanceof Error) return serializeError(value, seen, depth);
		if (Array.isArray(value)) return value.map((item: unknown) => redact(item, seen, depth + 1));
		// What JSON.stringify would write for it (discord.js structures have toJSON), then redacted.
		const toJSON: unknown = 'toJSON' in value ? value.toJSON : undefined;
		const json: unknown = typeof toJSON === 'function' ? Reflect.apply(toJSON, value, []) : value;
		if (json !== value) return redact(json, seen, depth + 1);
		const fields: Record<string, unknown> = {};
		for (const [key, field] of Object.entries(value)) fields[key] = redactField(key, field, seen, depth + 1);
		return fields;
	} finally {
		seen.delete(value);
	}
}

/** A log line's fields, safe to write: see the module comment. */
export function redactForLog(fields: Record<string, unknown>): Record<string, unknown> {
	const seen = new WeakSet<object>([fields]);
	const safe: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(fields)) safe[key] = redactField(key, value, seen, 1);
	return safe;
}
