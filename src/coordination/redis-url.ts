import { maskUrlPasswords, REDACTED } from '../log-redaction.js';

/** A Redis URL as logs may show it: the password masked as every log line masks it, the rest (where it points) kept. */
export function redisUrlForLog(url: string): string {
	try {
		new URL(url);
	} catch {
		// Nothing of it is shown: an unparsable value may still hold a password.
		return '(an unparsable REDIS_URL)';
	}
	return maskUrlPasswords(url);
}

/** `text` with the URL's password taken out wherever it appears (an error message, say). */
export function withoutRedisPassword(text: string, url: string): string {
	let password = '';
	try {
		password = decodeURIComponent(new URL(url).password);
	} catch {
		return text;
	}
	return password === '' ? text : text.split(password).join(REDACTED);
}
