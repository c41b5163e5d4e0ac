import dotenv from 'dotenv';
import { z } from 'zod';

/** pino's levels, plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
	/** Without a token, `npm start` runs the local console instead of the Discord bot. */
	token: string | undefined;
	/** From DISCORD_APPLICATION_ID, else decoded from the token; resolve the rest via `/applications/@me`. */
	applicationId: string | undefined;
	/** Register commands to this guild only (instant); globally when undefined. */
	guildId: string | undefined;
	/** Channels where every message is a question (needs the Message Content intent). */
	answerChannelIds: string[];
	/** Roles allowed to `/reload` besides members with Manage Server. */
	moderatorRoleIds: string[];
	knowledgeDir: string;
	logLevel: LogLevel;
	/** REST base, e.g. `https://discord.com/api`; the gateway URL comes from its `GET /gateway/bot`. */
	apiUrl: string;
	cooldownSeconds: number;
	messageContentIntent: boolean;
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

const schema = z.object({
	DISCORD_TOKEN: optional(
		z
			.string()
			.refine((token) => !/^Bot\s/i.test(token), {
				error: 'must be the bare token, without a "Bot " prefix',
				abort: true,
			})
			.refine((token) => !/\s/.test(token), 'must not contain spaces'),
	),
	DISCORD_APPLICATION_ID: optional(snowflake),
	DISCORD_GUILD_ID: optional(snowflake),
	ANSWER_CHANNEL_IDS: snowflakeList,
	MODERATOR_ROLE_IDS: snowflakeList,
	KNOWLEDGE_DIR: optional(z.string()).transform((dir) => dir ?? 'knowledge'),
	LOG_LEVEL: optional(
		z.preprocess(
			(value) => (typeof value === 'string' ? value.toLowerCase() : value),
			z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }),
		),
	).transform((level) => level ?? 'info'),
	DISCORD_API_URL: optional(
		z
			.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://discord.com/api' })
			.transform((url) => url.replace(/\/+$/, '')),
	).transform((url) => url ?? 'https://discord.com/api'),
	COOLDOWN_SECONDS: optional(
		z.coerce
			.number({ error: 'must be a number of seconds' })
			.refine(Number.isFinite, 'must be a number of seconds')
			.min(0, 'must be 0 (off) or more')
			.max(3600, 'must be at most 3600'),
	).transform((seconds) => seconds ?? 5),
	MESSAGE_CONTENT_INTENT: optional(booleanFlag).transform(
		(flag) => flag !== undefined && ['true', '1', 'yes', 'on'].includes(flag),
	),
});

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
	if (!result.success) {
		throw new ConfigError(
			result.error.issues.map((issue) => {
				const [name, index] = issue.path;
				return `${String(name)}${index === undefined ? '' : ` (item ${Number(index) + 1})`}: ${issue.message}`;
			}),
		);
	}
	const vars = result.data;
	return {
		token: vars.DISCORD_TOKEN,
		applicationId:
			vars.DISCORD_APPLICATION_ID ??
			(vars.DISCORD_TOKEN ? applicationIdFromToken(vars.DISCORD_TOKEN) : undefined),
		guildId: vars.DISCORD_GUILD_ID,
		answerChannelIds: vars.ANSWER_CHANNEL_IDS,
		moderatorRoleIds: vars.MODERATOR_ROLE_IDS,
		knowledgeDir: vars.KNOWLEDGE_DIR,
		logLevel: vars.LOG_LEVEL,
		apiUrl: vars.DISCORD_API_URL,
		cooldownSeconds: vars.COOLDOWN_SECONDS,
		messageContentIntent: vars.MESSAGE_CONTENT_INTENT,
	};
}
