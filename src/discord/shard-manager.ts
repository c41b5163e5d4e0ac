/**
 * `npm run start:sharded`: a discord.js ShardingManager running one process per shard
 * (src/discord/shard-process.ts): every shard, or this host's slice of them (SHARD_IDS of
 * SHARD_COUNT). Each shard has its own KnowledgeService; `/reload` on any of them reloads all
 * through broadcastEval, or, with REDIS_URL, every shard of every host through the bus this
 * manager answers for its shards (src/discord/host-coordination.ts).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Routes, ShardingManager, type APIGatewayBotInfo } from 'discord.js';
import { parseNoArgs } from '../cli/args.js';
import { configWarnings, type Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { listKnowledgeFiles } from '../knowledge/files.js';
import { serveMetricsOrExit } from '../metrics/server.js';
import { shardManagerEndpoints } from '../metrics/shards.js';
import { connectFailure, loadConfigWithTokenOrExit, unusableKnowledge } from '../startup.js';
import { createRest } from './deploy.js';
import { startHostCoordination, startupLine, type HostCoordination } from './host-coordination.js';
import { SHUTDOWN_GRACE_MS } from './in-flight.js';
import { BOT_V8_OPTIONS } from '../v8-options.js';

/**
 * `shard-process.js` when this module runs compiled (`npm run start:sharded`, from dist/),
 * `shard-process.ts` when it runs from TypeScript source (tsx, vitest): the shard file is always
 * this module's own kind.
 */
const EXTENSION = path.extname(fileURLToPath(import.meta.url));
export const SHARD_SCRIPT = fileURLToPath(new URL(`./shard-process${EXTENSION}`, import.meta.url));

/**
 * What shard processes run `node` with: the bot's V8 options (v8-options.ts), as `npm start`
 * gives the bot; and tsx's loader for TypeScript source (resolved here, not from the cwd, and only
 * then: compiled code never needs tsx).
 */
export function shardExecArgv(): string[] {
	if (EXTENSION !== '.ts') return [...BOT_V8_OPTIONS];
	const loader = createRequire(import.meta.url).resolve('tsx');
	return [...BOT_V8_OPTIONS, '--import', pathToFileURL(loader).href];
}

export interface ShardManagerOptions {
	/**
	 * Defaults to SHARD_COUNT when the configuration gives this host a slice, else to what Discord
	 * recommends in `GET /gateway/bot` (asked at DISCORD_API_URL).
	 */
	totalShards?: number;
	/** Extra environment for the shard processes, on top of this process's. */
	env?: Record<string, string>;
	respawn?: boolean;
}

export async function createShardManager(
	config: Config & { token: string },
	logger: Logger,
	options: ShardManagerOptions = {},
): Promise<ShardingManager> {
	const slice = config.shardSlice;
	// discord.js' own "auto" asks discord.com directly; ask the configured API instead.
	const totalShards =
		options.totalShards ??
		slice?.count ??
		((await createRest(config).get(Routes.gatewayBot())) as APIGatewayBotInfo).shards;
	const shardList = slice?.ids ?? Array.from({ length: totalShards }, (_, id) => id);
	const manager = new ShardingManager(SHARD_SCRIPT, {
		token: config.token,
		totalShards,
		shardList,
		mode: 'process',
		respawn: options.respawn ?? true,
		execArgv: shardExecArgv(),
	});
	// All shards of a host share its id (computed once, here) and know which shards are its own.
	const hostEnv = { HOST_ID: config.hostId, HOST_SHARD_IDS: shardList.join(',') };
	manager.on('shardCreate', (shard) => {
		Object.assign(shard.env as Record<string, string>, hostEnv, options.env);
		logger.info({ shardId: shard.id, totalShards }, 'shard created');
		shard.on('death', () => logger.warn({ shardId: shard.id }, 'shard process exited'));
		shard.on('ready', () => logger.info({ shardId: shard.id }, 'shard ready'));
	});
	return manager;
}

async function main(): Promise<void> {
	parseNoArgs(
		[
			'npm run start:sharded',
			"Runs the bot under discord.js's ShardingManager, one process per shard (as many as Discord recommends).",
			'Needs DISCORD_TOKEN; every setting is an environment variable (see .env.example).',
		].join('\n'),
	);
	const config = loadConfigWithTokenOrExit('run the sharded bot');
	// Each shard opens the knowledge itself; the manager only makes sure there is some, so that a
	// wrong KNOWLEDGE_DIR stops here once instead of every shard exiting and being respawned.
	const listing = await listKnowledgeFiles(config.knowledgeDir);
	const fatal = unusableKnowledge(
		config.knowledgeDir,
		listing.files.filter((file) => file.kind !== 'synonyms').length,
		listing.problems,
	);
	if (fatal !== undefined) {
		console.error(`Cannot start: ${fatal}`);
		process.exit(1);
	}
	const logger = createLogger({
		level: config.logLevel,
		format: config.logFormat,
		base: { role: 'shard-manager' },
	});
	// Said once here rather than once per shard.
	for (const warning of configWarnings(config)) logger.warn(warning);
	const manager = await createShardManager(config, logger).catch((error: unknown) => {
		// Asking Discord for the shard count is the first request: a wrong token or an unreachable
		// API fails here, and gets the same one line as `npm start`.
		logger.fatal(connectFailure(config.apiUrl, error));
		process.exit(1);
	});
	const shardIds = manager.shardList === 'auto' ? [] : manager.shardList;
	const coordination: HostCoordination | undefined = config.redisUrl
		? startHostCoordination(manager, shardIds, { ...config, redisUrl: config.redisUrl }, logger)
		: undefined;
	logger.info(await startupLine(config, shardIds, manager.totalShards as number, coordination?.connection));
	// Served before the shards start, so /healthz says 503 with why until all of them are up.
	const metricsServer =
		config.metricsPort === undefined
			? undefined
			: await serveMetricsOrExit(config.metricsPort, shardManagerEndpoints(manager), logger);
	// Each shard finishes its questions in flight on SIGTERM (src/discord/shard-process.ts); the manager
	// waits for them, so that once it has exited no shard is still connected.
	const shutdown = (signal: NodeJS.Signals) => {
		logger.info({ signal }, 'shutting down shards');
		manager.respawn = false;
		const exits: Promise<unknown>[] = [];
		for (const shard of manager.shards.values()) {
			const child = shard.process;
			if (child && child.exitCode === null) exits.push(new Promise((resolve) => child.once('exit', resolve)));
			shard.kill();
		}
		const bound = new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS + 5_000).unref());
		void Promise.race([Promise.all(exits), bound])
			.then(() => metricsServer?.close())
			.then(() => coordination?.close())
			.finally(() => process.exit(0));
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
	// Keep Discord's 5 s identify spacing between shard processes (the default delay). The ready
	// timeout also applies to every respawn (discord.js keeps it for the shard).
	await manager.spawn({ timeout: config.shardReadyTimeoutMs }).catch((error: unknown) => {
		logger.fatal(`a shard could not start: ${error instanceof Error ? error.message : String(error)}`);
		for (const shard of manager.shards.values()) shard.kill();
		process.exit(1);
	});
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
