/**
 * Starts the real bot (real KnowledgeService over a temporary knowledge folder, real discord.js
 * client) against the Discord stand-in, with the slash commands deployed the way
 * `npm run deploy-commands` does it; for the tests and for bench/discord-latency.ts.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import type { ClientOptions } from 'discord.js';
import { KnowledgeService } from '../src/answer/service.js';
import { loadConfig, type Config } from '../src/config.js';
import { startBot, type RunningBot } from '../src/discord/bot.js';
import { deployCommands } from '../src/discord/deploy.js';
import { createLogger, type Logger } from '../src/logger.js';
import { Permission, startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from './fake-discord.js';

export const REAL_KNOWLEDGE_DIR = join(import.meta.dirname, '..', 'knowledge');

/** A temporary knowledge folder: a copy of the real knowledge, plus or instead of given files (paths may name subfolders). */
export async function makeKnowledgeDir(
	files: Record<string, string> = {},
	{ copyReal = true }: { copyReal?: boolean } = {},
): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'faq-bot-knowledge-'));
	if (copyReal) await cp(REAL_KNOWLEDGE_DIR, dir, { recursive: true });
	for (const [name, text] of Object.entries(files)) {
		await mkdir(dirname(join(dir, name)), { recursive: true });
		await writeFile(join(dir, name), text);
	}
	return dir;
}

/** A film document in the knowledge Markdown format. */
export function filmMarkdown({
	title,
	releaseDate = '2024-03-15',
	director = 'Mira Costa',
	cast = [{ actor: 'Theo Park', role: 'Captain Elias' }],
	sections = { 'The Story': 'A lighthouse keeper finds smugglers using his beacon to signal their boats.' },
	faq = {},
}: {
	title: string;
	releaseDate?: string;
	director?: string;
	cast?: { actor: string; role?: string }[];
	sections?: Record<string, string>;
	faq?: Record<string, string>;
}): string {
	const castYaml = cast
		.map((c) => `  - actor: ${c.actor}${c.role ? `\n    role: ${c.role}` : ''}`)
		.join('\n');
	const body = Object.entries(sections).map(([heading, text]) => `## ${heading}\n\n${text}\n`);
	const faqBody = Object.entries(faq).map(([question, answer]) => `### ${question}\n\n${answer}\n`);
	return [
		'---',
		`title: "${title}"`,
		'aliases: []',
		'kind: film',
		`releaseDate: "${releaseDate}"`,
		`director: ${director}`,
		'cast:',
		castYaml,
		'composers: [Ola Brandt]',
		'runtimeMinutes: 104',
		'---',
		'',
		...body,
		...(faqBody.length > 0 ? ['## FAQ', '', ...faqBody] : []),
	].join('\n');
}

export interface LogLine {
	level: number;
	msg?: string;
	[key: string]: unknown;
}

/** A pino logger writing JSON lines into memory, for assertions. */
export function memoryLogger(level: Config['logLevel'] = 'debug'): {
	logger: Logger;
	lines: LogLine[];
	raw: string[];
} {
	const raw: string[] = [];
	const lines: LogLine[] = [];
	const destination = new Writable({
		write(chunk: Buffer, _encoding, callback) {
			const text = chunk.toString('utf8');
			raw.push(text);
			for (const line of text.split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
			callback();
		},
	});
	return { logger: createLogger({ level, destination }), lines, raw };
}

/** The guild of the default community and of `crowd`. */
export const GUILD = 'Film Club';

/** The community the stand-in hosts by default. */
export const defaultCommunity = (): FakeDiscordOptions => ({
	users: [
		{ username: 'alice' },
		{ username: 'bob' },
		{ username: 'carol' },
		{ username: 'mod' },
		{ username: 'admin' },
		{ username: 'otherbot', bot: true },
	],
	guilds: [
		{
			name: GUILD,
			channels: [{ name: 'general' }, { name: 'ask-the-bot' }],
			roles: [
				{ name: 'Moderator' },
				{ name: 'Server Manager', permissions: Permission.ManageGuild },
				{ name: 'Regular' },
			],
			members: [
				{ user: 'alice', roles: ['Regular'] },
				{ user: 'bob' },
				{ user: 'carol' },
				{ user: 'mod', roles: ['Moderator'] },
				{ user: 'admin', roles: ['Server Manager'] },
				{ user: 'otherbot' },
			],
		},
	],
});

export const userName = (i: number) => `user-${String(i).padStart(3, '0')}`;

/** A guild with `count` ordinary members (`user-000`…), a moderator and a server manager. */
export function crowd(count: number): FakeDiscordOptions {
	const names = Array.from({ length: count }, (_, i) => userName(i));
	return {
		users: [...names.map((username) => ({ username })), { username: 'mod' }, { username: 'admin' }],
		guilds: [
			{
				name: GUILD,
				channels: [{ name: 'general' }, { name: 'ask-the-bot' }],
				roles: [{ name: 'Moderator' }, { name: 'Server Manager', permissions: Permission.ManageGuild }],
				members: [
					...names.map((user) => ({ user })),
					{ user: 'mod', roles: ['Moderator'] },
					{ user: 'admin', roles: ['Server Manager'] },
				],
			},
		],
	};
}

export interface Harness {
	discord: FakeDiscord;
	bot: RunningBot;
	service: KnowledgeService;
	config: Config;
	knowledgeDir: string;
	/** The learning loop's folder (DATA_DIR): a temporary one unless given. */
	dataDir: string;
	logs: LogLine[];
	rawLogs: string[];
	/**
	 * Stops the bot as SIGTERM does and starts a new process's worth of it (a new KnowledgeService
	 * and client) on the same stand-in, knowledge and DATA_DIR; `bot` and `service` then name the
	 * new ones.
	 */
	restartBot(): Promise<void>;
	stop(): Promise<void>;
}

export interface HarnessOptions {
	/** Extra or replacement knowledge files; the real knowledge is copied unless `copyReal: false`. */
	files?: Record<string, string>;
	copyReal?: boolean;
	community?: FakeDiscordOptions;
	/** Environment variables on top of the ones pointing the bot at the stand-in. */
	env?: Record<string, string> | ((discord: FakeDiscord) => Record<string, string>);
	/** Client option overrides; a function sees the stand-in (e.g. to keep `rest.api` when overriding `rest`). */
	client?: Partial<ClientOptions> | ((discord: FakeDiscord) => Partial<ClientOptions>);
	/** DATA_DIR to use (and keep); by default a temporary folder, removed by `stop()`. */
	dataDir?: string;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
	const discord = await startFakeDiscord(options.community ?? defaultCommunity());
	const knowledgeDir = await makeKnowledgeDir(options.files, { copyReal: options.copyReal ?? true });
	const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'faq-bot-data-')));
	const firstGuild = (options.community ?? defaultCommunity()).guilds?.[0]?.name;
	const moderatorRole = firstGuild
		? discord.guild(firstGuild).roles.find((r) => r.name === 'Moderator')
		: undefined;
	const config = loadConfig({
		DISCORD_TOKEN: discord.token,
		DISCORD_API_URL: discord.restUrl,
		KNOWLEDGE_DIR: knowledgeDir,
		MODERATOR_ROLE_IDS: moderatorRole?.id ?? '',
		COOLDOWN_SECONDS: '0',
		LOG_LEVEL: 'debug',
		DATA_DIR: dataDir,
		...(typeof options.env === 'function' ? options.env(discord) : options.env),
	});
	const { logger, lines, raw } = memoryLogger(config.logLevel);
	const client = typeof options.client === 'function' ? options.client(discord) : options.client;
	const start = async () => {
		const { service, problems } = await KnowledgeService.open(knowledgeDir);
		if (problems.length > 0) throw new Error(`fixture knowledge has problems: ${JSON.stringify(problems)}`);
		return { service, bot: await startBot(config, service, logger, client) };
	};
	const removeFolders = async () => {
		await rm(knowledgeDir, { recursive: true, force: true });
		if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
	};
	let started: Awaited<ReturnType<typeof start>>;
	try {
		// Global registration, so the commands exist in guilds and DMs alike.
		await deployCommands({ ...config, guildId: undefined, token: discord.token });
		started = await start();
	} catch (error) {
		await discord.close();
		await removeFolders();
		throw error;
	}
	const harness: Harness = {
		discord,
		bot: started.bot,
		service: started.service,
		config,
		knowledgeDir,
		dataDir,
		logs: lines,
		rawLogs: raw,
		async restartBot() {
			await harness.bot.stop();
			const next = await start();
			harness.bot = next.bot;
			harness.service = next.service;
		},
		async stop() {
			await harness.bot.stop();
			await discord.close();
			await removeFolders();
		},
	};
	return harness;
}

/**
 * The real bot on the stand-in, with discord.js' client-side global limit (50 requests/s, the
 * figure Discord enforces) raised: the stand-in doesn't rate-limit, and load tests and benchmarks
 * are about what the bot does with a flood, not about how long discord.js' queue takes to drain it.
 */
export function startLoadHarness(options: HarnessOptions = {}): Promise<Harness> {
	return startHarness({
		...options,
		client: (discord) => ({ rest: { api: discord.restUrl, globalRequestsPerSecond: 1_000_000 } }),
	});
}
