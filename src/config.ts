import dotenv from 'dotenv';
import { z } from 'zod';
import { defaultHostId, HOST_ID_PATTERN } from './coordination/host-id.js';
import {
	MAX_SHARD_COUNT,
	parseShardIds,
	shardsOutsideCount,
	type ShardSlice,
} from './coordination/shard-slice.js';

/** pino's levels, plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `auto`: readable lines on a terminal, JSON lines otherwise (for log collectors). */
export const LOG_FORMATS = ['auto', 'pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface Config {
	/** Without a token, `npm start` runs the local console instead of the Discord bot. */
	token: string | undefined;
	/** From DISCORD_APPLICATION_ID, else decoded from the token; resolve the rest via `/applications/@me`. */
	applicationId: string | undefined;
	/** Register commands to this guild only (instant); globally when undefined. */
	guildId: string | undefined;
	/**
	 * Channels where every message is a question (text channels: needs the Message Content intent),
	 * and forums where every new post is (its title is read without the intent, its body with it).
	 */
	answerChannelIds: string[];
	/**
	 * In answer channels nobody addressed the bot, so it replies only when an answer is at least
	 * this likely to be right (the engine's confidence), and otherwise says nothing at all.
	 */
	autoAnswerThreshold: number;
	/** Roles allowed to `/reload` besides members with Manage Server. */
	moderatorRoleIds: string[];
	/** Roles allowed to use "Answer from FAQ" besides members with Manage Messages. */
	helperRoleIds: string[];
	knowledgeDir: string;
	logLevel: LogLevel;
	logFormat: LogFormat;
	/** REST base, e.g. `https://discord.com/api`; the gateway URL comes from its `GET /gateway/bot`. */
	apiUrl: string;
	/** Per-user token bucket: `cooldownQuestions` questions per `cooldownSeconds` (0 = off). */
	cooldownQuestions: number;
	cooldownSeconds: number;
	messageContentIntent: boolean;
	/** Serve /healthz and /metrics on this port; off when undefined. */
	metricsPort: number | undefined;
	/** The learning loop's SQLite database and generated feedback key live here. */
	dataDir: string;
	/** PostgreSQL instead of SQLite (several hosts share it). May hold a password: never log it unmasked. */
	databaseUrl: string | undefined;
	/** Questions and votes older than this many days are deleted (at start and daily). */
	retentionDays: number;
	/** Learning records a process holds while its database cannot take them; more are dropped and counted. */
	learningQueueLimit: number;
	/** The key votes are hashed with; generated into `dataDir` when undefined. A secret. */
	feedbackSecret: string | undefined;
	/** This host's shards of how many in all (SHARD_IDS of SHARD_COUNT); undefined = every shard here. */
	shardSlice: ShardSlice | undefined;
	/** Connects the hosts (cross-host /reload, shared cooldowns); may hold a password: log it through `redisUrlForLog`. */
	redisUrl: string | undefined;
	/** This host's name in cross-host reports; see `defaultHostId`. */
	hostId: string;
	/** What every Redis key and channel of this bot starts with, so several bots (or test runs) can share one Redis. */
	redisPrefix: string;
	/** How long a cross-host `/reload` waits for every shard's report before replying with what it has. */
	reloadDeadlineMs: number;
	/** How long `npm run start:sharded` waits for each shard process to be ready (spawned or respawned). */
	shardReadyTimeoutMs: number;
}

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.name = 'ConfigError';
	}
}

const SNOWFLAKE = /^\d{17,20}$/;

/** `.env` files write unset variables as `NAME=`; treat blank as absent. */
const blankToUndefined = (value: unknown) =>
	typeof value === 'string' && value.trim() === ''
		? undefined
		: typeof value === 'string'
			? value.trim()
			: value;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const snowflake = z.string().regex(SNOWFLAKE, 'must be a Discord id (a snowflake of 17 to 20 digits)');

const snowflakeList = z.preprocess(
	(value) =>
		typeof value === 'string'
			? value
					.split(',')
					.map((part) => part.trim())
					.filter((part) => part !== '')
			: (value ?? []),
	z.array(
		z.string().regex(SNOWFLAKE, 'must be a comma-separated list of Discord ids (17 to 20 digits each)'),
	),
);

const booleanFlag = z.preprocess(
	(value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
	z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], {
		error: 'must be true or false',
	}),
);

/** A whole number within bounds, each failure with its own message. */
const wholeNumber = (
	notWhole: string,
	[min, belowMin]: [number, string],
	[max, aboveMax]: [number, string],
) => z.coerce.number({ error: notWhole }).int(notWhole).min(min, belowMin).max(max, aboveMax);

/** A finite number within bounds, each failure with its own message. */
const boundedNumber = (
	notNumber: string,
	[min, belowMin]: [number, string],
	[max, aboveMax]: [number, string],
) =>
	z.coerce
		.number({ error: notNumber })
		.refine(Number.isFinite, notNumber)
		.min(min, belowMin)
		.max(max, aboveMax);

/** Three base64url parts joined by dots; the first is the bot's id (checked separately). */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]+={0,2}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const schema = z.object({
	DISCORD_TOKEN: optional(
		z
			.string()
			.refine((token) => !/^Bot\s/i.test(token), {
				error: 'must be the bare token, without a "Bot " prefix',
				abort: true,
			})
			.refine((token) => !/\s/.test(token), { error: 'must not contain spaces', abort: true })
			// Caught here, a pasted client secret or application id is one clear line at start
			// instead of a failed login (or, under the ShardingManager, a stack trace).
			.refine((token) => TOKEN_SHAPE.test(token) && applicationIdFromToken(token) !== undefined, {
				error:
					'this cannot be a bot token (a bot token is three parts joined by dots, the first one the bot id in base64) — copy it from the Discord Developer Portal: your application → Bot → Reset Token',
			}),
	),
	DISCORD_APPLICATION_ID: optional(snowflake),
	DISCORD_GUILD_ID: optional(snowflake),
	ANSWER_CHANNEL_IDS: snowflakeList,
	MODERATOR_ROLE_IDS: snowflakeList,
	HELPER_ROLE_IDS: snowflakeList,
	AUTO_ANSWER_THRESHOLD: optional(
		boundedNumber(
			'must be a confidence between 0 and 1, such as 0.8',
			[0, 'must be between 0 and 1'],
			[1, 'must be between 0 and 1'],
		),
	).transform((threshold) => threshold ?? 0.9),
	KNOWLEDGE_DIR: optional(z.string()).transform((dir) => dir ?? 'knowledge'),
	LOG_LEVEL: optional(
		z.preprocess(
			(value) => (typeof value === 'string' ? value.toLowerCase() : value),
			z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }),
		),
	).transform((level) => level ?? 'info'),
	LOG_FORMAT: optional(
		z.preprocess(
			(value) => (typeof value === 'string' ? value.toLowerCase() : value),
			z.enum(LOG_FORMATS, { error: `must be one of ${LOG_FORMATS.join(', ')}` }),
		),
	).transform((format) => format ?? 'auto'),
	DISCORD_API_URL: optional(
		z
			.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://discord.com/api' })
			.transform((url) => url.replace(/\/+$/, '')),
	).transform((url) => url ?? 'https://discord.com/api'),
	COOLDOWN_QUESTIONS: optional(
		wholeNumber(
			'must be a whole number of questions',
			[1, 'must be at least 1 (set COOLDOWN_SECONDS=0 to turn the cooldown off)'],
			[1000, 'must be at most 1000'],
		),
	).transform((questions) => questions ?? 5),
	COOLDOWN_SECONDS: optional(
		boundedNumber(
			'must be a number of seconds',
			[0, 'must be 0 (off) or more'],
			[3600, 'must be at most 3600'],
		),
	).transform((seconds) => seconds ?? 30),
	METRICS_PORT: optional(
		wholeNumber(
			'must be a port number, 1 to 65535',
			[1, 'must be a port number, 1 to 65535'],
			[65535, 'must be a port number, 1 to 65535'],
		),
	),
	DATA_DIR: optional(z.string()).transform((dir) => dir ?? 'data'),
	DATABASE_URL: optional(
		z.string().refine((url) => /^postgres(ql)?:\/\/./i.test(url) && URL.canParse(url), {
			error:
				'must be a PostgreSQL URL such as postgres://user:password@host:5432/database (or unset, for SQLite in DATA_DIR)',
		}),
	),
	RETENTION_DAYS: optional(
		wholeNumber(
			'must be a whole number of days',
			[1, 'must be at least 1 day'],
			[3650, 'must be at most 3650 days'],
		),
	).transform((days) => days ?? 90),
	LEARNING_QUEUE_LIMIT: optional(
		wholeNumber(
			'must be a whole number of records',
			[1, 'must be at least 1'],
			[1_000_000, 'must be at most 1000000'],
		),
	).transform((records) => records ?? 20_000),
	FEEDBACK_SECRET: optional(
		z
			.string()
			.min(
				16,
				'must be at least 16 characters — use a long random string, e.g. the output of `openssl rand -hex 32`',
			),
	),
	MESSAGE_CONTENT_INTENT: optional(booleanFlag).transform(
		(flag) => flag !== undefined && ['true', '1', 'yes', 'on'].includes(flag),
	),
	SHARD_IDS: optional(z.string()),
	SHARD_COUNT: optional(
		wholeNumber(
			'must be a whole number of shards (all hosts together)',
			[1, 'must be at least 1'],
			[MAX_SHARD_COUNT, `must be at most ${MAX_SHARD_COUNT}`],
		),
	),
	// The message never repeats the value: the URL may carry the password.
	REDIS_URL: optional(
		z.url({
			protocol: /^rediss?$/,
			error:
				'must be a redis:// or rediss:// URL, such as redis://127.0.0.1:6379 or redis://:password@host:6379/0',
		}),
	),
	HOST_ID: optional(
		z.string().regex(HOST_ID_PATTERN, 'must be 1 to 64 letters, digits, dots, dashes, underscores or colons'),
	),
	REDIS_PREFIX: optional(
		z
			.string()
			.regex(
				/^[A-Za-z0-9._:-]{1,64}$/,
				'must be 1 to 64 letters, digits, dots, dashes, underscores or colons, such as faq-bot:',
			),
	).transform((prefix) => prefix ?? 'faq-bot:'),
	RELOAD_DEADLINE_SECONDS: optional(
		boundedNumber(
			'must be a number of seconds',
			[0.5, 'must be at least 0.5'],
			[600, 'must be at most 600 (an interaction reply must come within 15 minutes)'],
		),
	).transform((seconds) => (seconds ?? 30) * 1000),
	// discord.js gives a shard 30 s by default, which a shard loading a large knowledge folder, or
	// receiving thousands of guilds, on a busy machine can take: past it the manager gives up on
	// the shard (at start, the whole host exits). A shard that dies is noticed at once regardless.
	SHARD_READY_TIMEOUT_SECONDS: optional(
		boundedNumber('must be a number of seconds', [5, 'must be at least 5'], [3600, 'must be at most 3600']),
	).transform((seconds) => (seconds ?? 120) * 1000),
});

/** A slice of the shards needs both variables, each valid, the ids within the count. */
function shardSliceOf(
	idsText: string | undefined,
	count: number | undefined,
	problem: (variable: string, message: string) => void,
): ShardSlice | undefined {
	if (idsText === undefined && count === undefined) return undefined;
	if (idsText === undefined) {
		problem('SHARD_IDS', "must be set with SHARD_COUNT: this host's shards, such as 0,1 or 0-3");
		return undefined;
	}
	const ids = parseShardIds(idsText);
	if (!ids.ok) {
		problem('SHARD_IDS', ids.problem);
		return undefined;
	}
	if (count === undefined) {
		problem('SHARD_COUNT', 'must be set with SHARD_IDS: the number of shards across all hosts');
		return undefined;
	}
	const outside = shardsOutsideCount(ids.value, count);
	if (outside !== undefined) {
		problem('SHARD_IDS', outside);
		return undefined;
	}
	return { ids: ids.value, count };
}

/**
 * A bot token's first part is the bot's user id in base64, which is also its application id.
 * Returns undefined for anything that doesn't decode to a snowflake.
 */
export function applicationIdFromToken(token: string): string | undefined {
	const [first] = token.split('.');
	if (!first) return undefined;
	const decoded = Buffer.from(first, 'base64').toString('utf8');
	return SNOWFLAKE.test(decoded) ? decoded : undefined;
}

let dotenvLoaded = false;

/**
 * Reads the configuration from the environment (and, for `process.env`, once from `.env`).
 * Throws a ConfigError naming each bad variable; values are never echoed, so a token can't leak.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	if (env === process.env && !dotenvLoaded) {
		dotenv.config({ quiet: true });
		dotenvLoaded = true;
	}
	const result = schema.safeParse(env);
	const problems = result.success
		? []
		: result.error.issues.map((issue) => {
				const [name, index] = issue.path;
				return `${String(name)}${index === undefined ? '' : ` (item ${Number(index) + 1})`}: ${issue.message}`;
			});
	// Checked together, and even when other variables are wrong; a bad SHARD_COUNT is said once, above.
	// In a shard process the ShardingManager has set SHARD_COUNT (and SHARDS) itself, for discord.js'
	// client: the slice is the manager's business, not the shard's.
	const count = schema.shape.SHARD_COUNT.safeParse(env.SHARD_COUNT);
	const ids = schema.shape.SHARD_IDS.safeParse(env.SHARD_IDS);
	const shardSlice =
		count.success && ids.success && env.SHARDING_MANAGER === undefined
			? shardSliceOf(ids.data, count.data, (variable, message) => problems.push(`${variable}: ${message}`))
			: undefined;
	if (!result.success || problems.length > 0) throw new ConfigError(problems);
	const vars = result.data;
	return {
		token: vars.DISCORD_TOKEN,
		applicationId:
			vars.DISCORD_APPLICATION_ID ??
			(vars.DISCORD_TOKEN ? applicationIdFromToken(vars.DISCORD_TOKEN) : undefined),
		guildId: vars.DISCORD_GUILD_ID,
		answerChannelIds: vars.ANSWER_CHANNEL_IDS,
		autoAnswerThreshold: vars.AUTO_ANSWER_THRESHOLD,
		moderatorRoleIds: vars.MODERATOR_ROLE_IDS,
		helperRoleIds: vars.HELPER_ROLE_IDS,
		knowledgeDir: vars.KNOWLEDGE_DIR,
		logLevel: vars.LOG_LEVEL,
		logFormat: vars.LOG_FORMAT,
		apiUrl: vars.DISCORD_API_URL,
		cooldownQuestions: vars.COOLDOWN_QUESTIONS,
		cooldownSeconds: vars.COOLDOWN_SECONDS,
		messageContentIntent: vars.MESSAGE_CONTENT_INTENT,
		metricsPort: vars.METRICS_PORT,
		dataDir: vars.DATA_DIR,
		databaseUrl: vars.DATABASE_URL,
		retentionDays: vars.RETENTION_DAYS,
		learningQueueLimit: vars.LEARNING_QUEUE_LIMIT,
		feedbackSecret: vars.FEEDBACK_SECRET,
		shardSlice,
		redisUrl: vars.REDIS_URL,
		hostId: vars.HOST_ID ?? defaultHostId(),
		redisPrefix: vars.REDIS_PREFIX,
		reloadDeadlineMs: vars.RELOAD_DEADLINE_SECONDS,
		shardReadyTimeoutMs: vars.SHARD_READY_TIMEOUT_SECONDS,
	};
}

/**
 * Settings that are valid one by one but do nothing together, in one line each, for the log at
 * start. (Discord itself says nothing: without the intent, guild messages simply arrive empty.)
 */
export function configWarnings(config: Config): string[] {
	const warnings: string[] = [];
	if (config.answerChannelIds.length > 0 && !config.messageContentIntent)
		warnings.push(
			'ANSWER_CHANNEL_IDS: text channels are ignored and forum posts are read by their title only without MESSAGE_CONTENT_INTENT=true: enable "Message Content Intent" on the Discord Developer Portal\'s Bot page (Privileged Gateway Intents), then set MESSAGE_CONTENT_INTENT=true in .env',
		);
	if (config.databaseUrl !== undefined && config.feedbackSecret === undefined)
		warnings.push(
			'DATABASE_URL is set without FEEDBACK_SECRET: each host generates its own feedback key in DATA_DIR, so one user voting on two hosts counts twice — set the same FEEDBACK_SECRET on every host',
		);
	return warnings;
}
