/**
 * Interaction tokens never reach the logs. A `DiscordAPIError` carries the request URL, and for an
 * interaction that URL holds its token (`/interactions/<id>/<token>/callback`, or
 * `/webhooks/<app id>/<token>/...` for edits and follow-ups): with it, anyone reading the log can
 * answer as the bot. The errors here are real ones, from discord.js talking to the stand-in.
 */
import { REST, DiscordAPIError } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultCommunity, memoryLogger, startHarness, type Harness } from '../../testkit/bot-harness.js';
import { startFakeDiscord } from '../../testkit/fake-discord.js';

describe('a failed interaction callback', () => {
	let h: Harness;

	beforeAll(async () => {
		// Every interaction has expired by the time the bot answers: its callback fails with 10062.
		h = await startHarness({ community: { ...defaultCommunity(), interactionTimeoutMs: -1 } });
	});
	afterAll(async () => {
		await h.stop();
	});

	it('is logged with the URL and request body, the token masked', async () => {
		const handle = h.discord.sendCommand({ user: 'alice', guild: 'Film Club', name: 'help' });
		const callback = `/interactions/${handle.id}/`;
		const logged = await vi.waitFor(
			() => {
				const lines = h.logs.filter((line) => JSON.stringify(line).includes(callback));
				expect(lines.length).toBeGreaterThanOrEqual(2); // the failure, and the failed apology
				return lines;
			},
			{ timeout: 10_000 },
		);
		expect(logged[0]).toMatchObject({
			msg: 'interaction handler failed',
			err: {
				type: 'DiscordAPIError',
				code: 10062,
				status: 404,
				method: 'POST',
				url: `${h.discord.restUrl}/v10/interactions/${handle.id}/[redacted]/callback?with_response=false`,
				requestBody: { json: { type: 4 } },
			},
		});
		expect(h.rawLogs.join('')).not.toContain(handle.token);
		expect(h.rawLogs.join('')).not.toContain(h.discord.token);
	});
});

describe('the logger', () => {
	it('masks the token of a webhook URL in a DiscordAPIError, however the error is logged', async () => {
		const discord = await startFakeDiscord(defaultCommunity());
		try {
			const token = 'aW50ZXJhY3Rpb24.webhook-token-that-must-not-be-logged';
			const rest = new REST({ api: discord.restUrl, retries: 0 });
			const error: unknown = await rest
				.patch(`/webhooks/${discord.applicationId}/${token}/messages/@original`, {
					body: { content: 'edited', allowed_mentions: { parse: [] } },
					auth: false,
				})
				.then(
					() => undefined,
					(failure: unknown) => failure,
				);
			expect(error).toBeInstanceOf(DiscordAPIError);
			expect(JSON.stringify(error)).toContain(token); // the error itself carries it

			const { logger, lines, raw } = memoryLogger();
			logger.error({ err: error }, 'with a message');
			logger.warn({ err: error });
			logger.error(error);
			logger.info({ nested: { deeper: { failure: error } } }, 'nested');

			expect(raw.join('')).not.toContain(token);
			expect(lines).toHaveLength(4);
			expect(lines[0]?.err).toMatchObject({
				url: `${discord.restUrl}/v10/webhooks/${discord.applicationId}/[redacted]/messages/@original`,
			});
		} finally {
			await discord.close();
		}
	});

	it('masks fields named like tokens at any depth, and token URLs in any string', () => {
		const { logger, lines, raw } = memoryLogger();
		const secret = 'deep-secret-value';
		logger.info(
			{
				a: { b: { c: { d: { interactionToken: secret, Authorization: `Bot ${secret}` } } } },
				list: [{ DISCORD_TOKEN: secret }],
				note: `see https://discord.com/api/v10/webhooks/123/${secret}/messages/@original`,
			},
			`callback /interactions/456/${secret}/callback failed`,
		);
		expect(raw.join('')).not.toContain(secret);
		expect(lines[0]).toMatchObject({
			a: { b: { c: { d: { interactionToken: '[redacted]', Authorization: '[redacted]' } } } },
			list: [{ DISCORD_TOKEN: '[redacted]' }],
			note: 'see https://discord.com/api/v10/webhooks/123/[redacted]/messages/@original',
			msg: 'callback /interactions/456/[redacted]/callback failed',
		});
	});
});
