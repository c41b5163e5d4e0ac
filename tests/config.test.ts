import { hostname } from 'node:os';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { applicationIdFromToken, ConfigError, configWarnings, loadConfig } from '../src/config.js';
import { defaultHostId } from '../src/coordination/host-id.js';
import { createLogger, resolveLogFormat } from '../src/logger.js';

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
			autoAnswerThreshold: 0.9,
			moderatorRoleIds: [],
			helperRoleIds: [],
			knowledgeDir: 'knowledge',
			logLevel: 'info',
			logFormat: 'auto',
			apiUrl: 'https://discord.com/api',
			cooldownQuestions: 5,
			cooldownSeconds: 30,
			messageContentIntent: false,
			metricsPort: undefined,
			dataDir: 'data',
			databaseUrl: undefined,
			retentionDays: 90,
			learningQueueLimit: 20_000,
			feedbackSecret: undefined,
			shardSlice: undefined,
			redisUrl: undefined,
			hostId: `${hostname()
				.replace(/[^A-Za-z0-9._-]/g, '-')
				.slice(0, 48)}-${process.pid}`,
			redisPrefix: 'faq-bot:',
			reloadDeadlineMs: 30_000,
			shardReadyTimeoutMs: 120_000,
		});
	});

	it('reads every variable, treating blank ones as unset', () => {
		const config = loadConfig({
			DISCORD_TOKEN: TOKEN,
			DISCORD_GUILD_ID: '223456789012345678',
			ANSWER_CHANNEL_IDS: ' 323456789012345678 , 423456789012345678,',
			MODERATOR_ROLE_IDS: '523456789012345678',
			HELPER_ROLE_IDS: '623456789012345678, 723456789012345678',
			KNOWLEDGE_DIR: '  ',
			LOG_LEVEL: 'DEBUG',
			LOG_FORMAT: 'JSON',
			DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
			COOLDOWN_QUESTIONS: '3',
			COOLDOWN_SECONDS: '0',
			MESSAGE_CONTENT_INTENT: 'yes',
			METRICS_PORT: '9464',
			AUTO_ANSWER_THRESHOLD: '0.95',
			DISCORD_APPLICATION_ID: '',
			DATA_DIR: '/var/lib/faq-bot',
			DATABASE_URL: 'postgres://bot:s3cret@db.internal:5432/faq',
			RETENTION_DAYS: '30',
			LEARNING_QUEUE_LIMIT: '500',
			FEEDBACK_SECRET: 'a-long-random-feedback-key',
			SHARD_IDS: '2-3, 0',
			SHARD_COUNT: '6',
			REDIS_URL: 'redis://:secret@10.0.0.5:6380/2',
			HOST_ID: 'eu-west-1',
			REDIS_PREFIX: 'faq-bot-eu:',
			RELOAD_DEADLINE_SECONDS: '5',
			SHARD_READY_TIMEOUT_SECONDS: '45',
		});
		expect(config).toEqual({
			token: TOKEN,
			applicationId: APP_ID,
			guildId: '223456789012345678',
			answerChannelIds: ['323456789012345678', '423456789012345678'],
			autoAnswerThreshold: 0.95,
			moderatorRoleIds: ['523456789012345678'],
			helperRoleIds: ['623456789012345678', '723456789012345678'],
			knowledgeDir: 'knowledge',
			logLevel: 'debug',
			logFormat: 'json',
			apiUrl: 'http://127.0.0.1:8080/api',
			cooldownQuestions: 3,
			cooldownSeconds: 0,
			messageContentIntent: true,
			metricsPort: 9464,
			dataDir: '/var/lib/faq-bot',
			databaseUrl: 'postgres://bot:s3cret@db.internal:5432/faq',
			retentionDays: 30,
			learningQueueLimit: 500,
			feedbackSecret: 'a-long-random-feedback-key',
			shardSlice: { ids: [0, 2, 3], count: 6 },
			redisUrl: 'redis://:secret@10.0.0.5:6380/2',
			hostId: 'eu-west-1',
			redisPrefix: 'faq-bot-eu:',
			reloadDeadlineMs: 5_000,
			shardReadyTimeoutMs: 45_000,
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
				HELPER_ROLE_IDS: '623456789012345678,helpers',
				AUTO_ANSWER_THRESHOLD: '80%',
				LOG_LEVEL: 'verbose',
				LOG_FORMAT: 'fancy',
				DISCORD_API_URL: 'discord.com',
				COOLDOWN_QUESTIONS: '0',
				COOLDOWN_SECONDS: '-1',
				MESSAGE_CONTENT_INTENT: 'maybe',
				METRICS_PORT: '70000',
				DATABASE_URL: 'mysql://root@localhost/faq',
				RETENTION_DAYS: '0',
				LEARNING_QUEUE_LIMIT: '0',
				FEEDBACK_SECRET: 'short',
			}),
		).toEqual([
			'DISCORD_GUILD_ID: must be a Discord id (a snowflake of 17 to 20 digits)',
			'ANSWER_CHANNEL_IDS (item 2): must be a comma-separated list of Discord ids (17 to 20 digits each)',
			'MODERATOR_ROLE_IDS (item 1): must be a comma-separated list of Discord ids (17 to 20 digits each)',
			'HELPER_ROLE_IDS (item 2): must be a comma-separated list of Discord ids (17 to 20 digits each)',
			'AUTO_ANSWER_THRESHOLD: must be a confidence between 0 and 1, such as 0.8',
			'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
			'LOG_FORMAT: must be one of auto, pretty, json',
			'DISCORD_API_URL: must be an http(s) URL such as https://discord.com/api',
			'COOLDOWN_QUESTIONS: must be at least 1 (set COOLDOWN_SECONDS=0 to turn the cooldown off)',
			'COOLDOWN_SECONDS: must be 0 (off) or more',
			'METRICS_PORT: must be a port number, 1 to 65535',
			'DATABASE_URL: must be a PostgreSQL URL such as postgres://user:password@host:5432/database (or unset, for SQLite in DATA_DIR)',
			'RETENTION_DAYS: must be at least 1 day',
			'LEARNING_QUEUE_LIMIT: must be at least 1',
			'FEEDBACK_SECRET: must be at least 16 characters — use a long random string, e.g. the output of `openssl rand -hex 32`',
			'MESSAGE_CONTENT_INTENT: must be true or false',
		]);
		expect(() => loadConfig({ COOLDOWN_SECONDS: 'soon' })).toThrow(
			/COOLDOWN_SECONDS: must be a number of seconds/,
		);
		expect(() => loadConfig({ COOLDOWN_QUESTIONS: '2.5' })).toThrow(
			/COOLDOWN_QUESTIONS: must be a whole number of questions/,
		);
		expect(problemsOf({ SHARD_READY_TIMEOUT_SECONDS: '1' })).toEqual([
			'SHARD_READY_TIMEOUT_SECONDS: must be at least 5',
		]);
		expect(problemsOf({ SHARD_READY_TIMEOUT_SECONDS: 'two minutes' })).toEqual([
			'SHARD_READY_TIMEOUT_SECONDS: must be a number of seconds',
		]);
	});

	it('refuses what cannot be a bot token, saying where to copy the real one, without echoing it', () => {
		for (const notAToken of ['abc', 'a.b.c', `${TOKEN}.extra`, 'MTIzNDU2Nzg5MDEyMzQ1Njc4']) {
			const problems = problemsOf({ DISCORD_TOKEN: notAToken });
			expect(problems).toEqual([expect.stringMatching(/^DISCORD_TOKEN: this cannot be a bot token/)]);
			expect(problems[0]).toContain('Developer Portal: your application → Bot → Reset Token');
			expect(problems.join('')).not.toContain(notAToken);
		}
		expect(loadConfig({ DISCORD_TOKEN: TOKEN }).token).toBe(TOKEN);
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

describe('loadConfig: several hosts', () => {
	it('takes both SHARD_IDS and SHARD_COUNT or neither', () => {
		expect(problemsOf({ SHARD_IDS: '0,1' })).toEqual([
			'SHARD_COUNT: must be set with SHARD_IDS: the number of shards across all hosts',
		]);
		expect(problemsOf({ SHARD_COUNT: '4' })).toEqual([
			"SHARD_IDS: must be set with SHARD_COUNT: this host's shards, such as 0,1 or 0-3",
		]);
		expect(loadConfig({ SHARD_IDS: ' ', SHARD_COUNT: '' }).shardSlice).toBeUndefined();
	});

	it('refuses ids outside the count, duplicates and nonsense, naming what is wrong', () => {
		expect(problemsOf({ SHARD_IDS: '2-4', SHARD_COUNT: '4' })).toEqual([
			'SHARD_IDS: shard 4 is outside SHARD_COUNT=4 (ids run from 0 to 3)',
		]);
		expect(problemsOf({ SHARD_IDS: '0-3,2', SHARD_COUNT: '4' })).toEqual([
			'SHARD_IDS: shard 2 is listed twice',
		]);
		expect(problemsOf({ SHARD_IDS: 'first', SHARD_COUNT: '4' })).toEqual([
			'SHARD_IDS: "first" is not a shard id or a range (such as 0,1 or 0-3)',
		]);
		expect(problemsOf({ SHARD_IDS: '0', SHARD_COUNT: '0' })).toEqual(['SHARD_COUNT: must be at least 1']);
	});

	it('leaves the slice to the manager in a shard process, where discord.js sets SHARD_COUNT itself', () => {
		const shard = { SHARDING_MANAGER: 'true', SHARDS: '3', SHARD_COUNT: '4' };
		expect(loadConfig(shard).shardSlice).toBeUndefined();
		expect(loadConfig({ ...shard, SHARD_IDS: '2,3' }).shardSlice).toBeUndefined();
	});

	it('checks the shard slice even when another variable is wrong', () => {
		expect(problemsOf({ LOG_LEVEL: 'loud', SHARD_IDS: '0', SHARD_COUNT: '2' })).toEqual([
			'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
		]);
		expect(problemsOf({ LOG_LEVEL: 'loud', SHARD_IDS: '5', SHARD_COUNT: '2' })).toHaveLength(2);
	});

	it('takes redis:// and rediss:// URLs only, never repeating one with its password', () => {
		expect(loadConfig({ REDIS_URL: 'rediss://user:pw@cache.example:6380' }).redisUrl).toBe(
			'rediss://user:pw@cache.example:6380',
		);
		const problems = problemsOf({ REDIS_URL: 'http://:hunter2@cache.example:6379' });
		expect(problems).toEqual([expect.stringMatching(/^REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/)]);
		expect(problems.join('')).not.toContain('hunter2');
	});

	it('names the host after the machine and the process unless HOST_ID says otherwise', () => {
		expect(defaultHostId('bot-1.example', 4242)).toBe('bot-1.example-4242');
		expect(defaultHostId('odd name/with:chars', 7)).toBe('odd-name-with-chars-7');
		expect(problemsOf({ HOST_ID: 'two words' })).toEqual([
			'HOST_ID: must be 1 to 64 letters, digits, dots, dashes, underscores or colons',
		]);
	});
});

describe('configWarnings', () => {
	it('warns, naming the Developer Portal Bot page, when answer channels are set without the intent', () => {
		const channels = { ANSWER_CHANNEL_IDS: '323456789012345678' };
		const warnings = configWarnings(loadConfig(channels));
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(
			/^ANSWER_CHANNEL_IDS: text channels are ignored and forum posts are read by their title only without MESSAGE_CONTENT_INTENT=true/,
		);
		expect(warnings[0]).toContain("Developer Portal's Bot page");
		expect(configWarnings(loadConfig({ ...channels, MESSAGE_CONTENT_INTENT: 'true' }))).toEqual([]);
		expect(configWarnings(loadConfig({}))).toEqual([]);
	});

	it('warns that votes on several hosts need one FEEDBACK_SECRET when DATABASE_URL is set without it', () => {
		const shared = { DATABASE_URL: 'postgres://bot@db:5432/faq' };
		expect(configWarnings(loadConfig(shared))).toEqual([
			expect.stringMatching(
				/^DATABASE_URL is set without FEEDBACK_SECRET: .* set the same FEEDBACK_SECRET on every host$/,
			),
		]);
		expect(configWarnings(loadConfig({ ...shared, FEEDBACK_SECRET: 'x'.repeat(32) }))).toEqual([]);
	});
});

/** A stream that keeps what the logger writes, chunk by chunk. */
function collect(): { lines: string[]; destination: Writable } {
	const lines: string[] = [];
	const destination = new Writable({
		write(chunk: Buffer, _encoding, callback) {
			lines.push(chunk.toString('utf8'));
			callback();
		},
	});
	return { lines, destination };
}

describe('createLogger', () => {
	it('redacts tokens and authorization headers wherever they appear', () => {
		const { lines, destination } = collect();
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

	it("masks DATABASE_URL's password and the feedback secret in every line, messages and errors included", () => {
		const { lines, destination } = collect();
		const logger = createLogger({ level: 'info', destination });
		const url = 'postgresql://bot:hunter2-pw@db.internal:5432/faq';
		const config = loadConfig({ DATABASE_URL: url, FEEDBACK_SECRET: 'feedback-key-0123456789' });
		logger.info({ config }, 'starting');
		logger.warn(`cannot reach ${url}`);
		logger.error(new Error(`connect ECONNREFUSED ${url}`));
		const output = lines.join('');
		expect(output).not.toContain('hunter2-pw');
		expect(output).not.toContain('feedback-key-0123456789');
		expect(output).toContain('postgresql://bot:[redacted]@db.internal:5432/faq');
	});

	it('never echoes DATABASE_URL when rejecting it', () => {
		const problems = problemsOf({ DATABASE_URL: 'mysql://root:hunter2-pw@db/faq' });
		expect(problems.join('')).not.toContain('hunter2-pw');
	});

	it('honours the level', () => {
		const { lines, destination } = collect();
		const logger = createLogger({ level: 'warn', destination });
		logger.info('hidden');
		logger.warn('shown');
		expect(lines).toHaveLength(1);
	});

	it('pretty-prints for people (still redacting) and writes JSON lines for machines', () => {
		const { lines, destination } = collect();
		createLogger({ format: 'pretty', destination }).info({ token: TOKEN, guilds: 3 }, 'connected');
		const text = lines.join('');
		expect(text).toMatch(/INFO.*connected/);
		expect(text).toContain('guilds: 3');
		expect(text).not.toContain(TOKEN);
		expect(() => JSON.parse(text) as unknown).toThrow();
	});

	it('auto means pretty on a terminal and JSON otherwise', () => {
		expect(resolveLogFormat('auto', true)).toBe('pretty');
		expect(resolveLogFormat('auto', false)).toBe('json');
		expect(resolveLogFormat('json', true)).toBe('json');
		expect(resolveLogFormat('pretty', false)).toBe('pretty');
	});
});
