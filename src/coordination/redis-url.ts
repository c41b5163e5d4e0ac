/** A Redis URL as logs may show it: the password masked, the rest (where it points) kept. */
export function redisUrlForLog(url: string): string {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		// Nothing of it is shown: an unparsable value may still hold a password.
		return '(an unparsable REDIS_URL)';
	}
	if (parsed.password !== '') parsed.password = '***';
	return parsed.toString();
}

/** `text` with the URL's password taken out wherever it appears (an error message, say). */
export function withoutRedisPassword(text: string, url: string): string {
	let password = '';
	try {
		password = decodeURIComponent(new URL(url).password);
	} catch {
		return text;
	}
	return password === '' ? text : text.split(password).join('***');
}
