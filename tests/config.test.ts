import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { applicationIdFromToken, ConfigError, loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';

const APP_ID = '1234567890123456789';
const TOKEN = `${Buffer.from(APP_ID).toString('base64')}.GhIjKl.${'x'.repeat(38)}`;

function problemsOf(env: Record<string, string>): string[] {
	try {
		loadConfig(env);
	} catch (error) {
		if (error instanceof ConfigError) return error.problems;
		throw error;
	}
	throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
	it('has working defaults: no token means the local console', () => {
		expect(loadConfig({})).toEqual({
			token: undefined,
			applicationId: undefined,
			guildId: undefined,
			answerChannelIds: [],
			moderatorRoleIds: [],
			knowledgeDir: 'knowledge',
			logLevel: 'info',
			apiUrl: 'https://discord.com/api',
			cooldownSeconds: 5,
			messageContentIntent: false,
		});
	});

	it('reads every variable, treating blank ones as unset', () => {
		const config = loadConfig({
			DISCORD_TOKEN: TOKEN,
			DISCORD_GUILD_ID: '223456789012345678',
			ANSWER_CHANNEL_IDS: ' 323456789012345678 , 423456789012345678,',
			MODERATOR_ROLE_IDS: '523456789012345678',
			KNOWLEDGE_DIR: '  ',
			LOG_LEVEL: 'DEBUG',
			DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
			COOLDOWN_SECONDS: '0',
			MESSAGE_CONTENT_INTENT: 'yes',
			DISCORD_APPLICATION_ID: '',
		});
		expect(config).toEqual({
			token: TOKEN,
			applicationId: APP_ID,
			guildId: '223456789012345678',
			answerChannelIds: ['323456789012345678', '423456789012345678'],
			moderatorRoleIds: ['523456789012345678'],
			knowledgeDir: 'knowledge',
			logLevel: 'debug',
			apiUrl: 'http://127.0.0.1:8080/api',
			cooldownSeconds: 0,
			messageContentIntent: true,
		});
	});

	it('prefers an explicit application id over the one in the token', () => {
		expect(
			loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '987654321098765432' }).applicationId,
		).toBe('987654321098765432');
		expect(applicationIdFromToken('not-a-real-token')).toBeUndefined();
	});

	it('names every bad variable in a clear message', () => {
		expect(
			problemsOf({
				DISCORD_GUILD_ID: '12345',
				ANSWER_CHANNEL_IDS: '323456789012345678,general',
				MODERATOR_ROLE_IDS: '@mods',
				LOG_LEVEL: 'verbose',
				DISCORD_API_URL: 'discord.com',
				COOLDOWN_SECONDS: '-1',
				MESSAGE_CONTENT_INTENT: 'maybe',
			}),
		).toEqual([
			'DISCORD_GUILD_ID: must be a Discord id (a snowflake of 17 to 20 digits)',
			'ANSWER_CHANNEL_IDS (item 2): must be a comma-separated list of Discord ids (17 to 20 digits each)',
			'MODERATOR_ROLE_IDS (item 1): must be a comma-separated list of Discord ids (17 to 20 digits each)',
			'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
			'DISCORD_API_URL: must be an http(s) URL such as https://discord.com/api',
			'COOLDOWN_SECONDS: must be 0 (off) or more',
			'MESSAGE_CONTENT_INTENT: must be true or false',
		]);
		expect(() => loadConfig({ COOLDOWN_SECONDS: 'soon' })).toThrow(
			/COOLDOWN_SECONDS: must be a number of seconds/,
		);
	});

	it('never echoes the token, even when rejecting it', () => {
		const secret = `Bot ${TOKEN}`;
		let message = '';
		try {
			loadConfig({ DISCORD_TOKEN: secret, DISCORD_GUILD_ID: 'x' });
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toContain('DISCORD_TOKEN: must be the bare token, without a "Bot " prefix');
		expect(message).not.toContain(TOKEN);
		expect(message).not.toContain(TOKEN.split('.')[2]);
	});
});

describe('createLogger', () => {
	it('redacts tokens and authorization headers wherever they appear', () => {
		const lines: string[] = [];
		const destination = new Writable({
			write(chunk: Buffer, _encoding, callback) {
				lines.push(chunk.toString('utf8'));
				callback();
			},
		});
		const logger = createLogger({ level: 'info', destination });
		const config = loadConfig({ DISCORD_TOKEN: TOKEN });
		logger.info({ config }, 'starting');
		logger.info({ token: TOKEN, request: { headers: { authorization: `Bot ${TOKEN}` } } }, 'request');
		logger.info({ env: { DISCORD_TOKEN: TOKEN } }, 'env');
		const output = lines.join('');
		expect(output).not.toContain(TOKEN);
		expect(output.match(/\[redacted\]/g)?.length).toBe(4);
		expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, name: 'faq-bot', msg: 'starting' });
	});

	it('honours the level', () => {
		const lines: string[] = [];
		const destination = new Writable({
			write(chunk: Buffer, _encoding, callback) {
				lines.push(chunk.toString('utf8'));
				callback();
			},
		});
		const logger = createLogger({ level: 'warn', destination });
		logger.info('hidden');
		logger.warn('shown');
		expect(lines).toHaveLength(1);
	});
});
