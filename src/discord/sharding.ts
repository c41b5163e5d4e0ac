/**
 * `npm run start:sharded`: a discord.js ShardingManager running one process per shard (src/discord/shard.ts).
 * Each shard has its own KnowledgeService; `/reload` on any of them reloads all through broadcastEval.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Routes, ShardingManager, type APIGatewayBotInfo } from 'discord.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { createRest } from './deploy.js';

export const SHARD_SCRIPT = fileURLToPath(new URL('./shard.ts', import.meta.url));

/** Shard processes run TypeScript directly, through tsx's loader (resolved here, not from the cwd). */
export function tsxExecArgv(): string[] {
	const loader = createRequire(import.meta.url).resolve('tsx');
	return ['--import', pathToFileURL(loader).href];
}

export interface ShardManagerOptions {
	/** Defaults to what Discord recommends in `GET /gateway/bot` (asked at DISCORD_API_URL). */
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
	// discord.js' own "auto" asks discord.com directly; ask the configured API instead.
	const totalShards =
		options.totalShards ?? ((await createRest(config).get(Routes.gatewayBot())) as APIGatewayBotInfo).shards;
	const manager = new ShardingManager(SHARD_SCRIPT, {
		token: config.token,
		totalShards,
		shardList: Array.from({ length: totalShards }, (_, id) => id),
		mode: 'process',
		respawn: options.respawn ?? true,
		execArgv: tsxExecArgv(),
	});
	manager.on('shardCreate', (shard) => {
		if (options.env) Object.assign(shard.env as Record<string, string>, options.env);
		logger.info({ shardId: shard.id, totalShards }, 'shard created');
		shard.on('death', () => logger.warn({ shardId: shard.id }, 'shard process exited'));
		shard.on('ready', () => logger.info({ shardId: shard.id }, 'shard ready'));
	});
	return manager;
}

async function main(): Promise<void> {
	let config: Config;
	try {
		config = loadConfig();
	} catch (error) {
		if (error instanceof ConfigError) {
			console.error(`${error.message}\nSee .env.example for every variable.`);
			process.exit(1);
		}
		throw error;
	}
	const { token } = config;
	if (!token) {
		console.error('DISCORD_TOKEN: required to run the sharded bot (see .env.example).');
		process.exit(1);
	}
	const logger = createLogger({ level: config.logLevel, base: { role: 'shard-manager' } });
	const manager = await createShardManager({ ...config, token }, logger);
	const shutdown = (signal: NodeJS.Signals) => {
		logger.info({ signal }, 'shutting down shards');
		manager.respawn = false;
		for (const shard of manager.shards.values()) shard.kill();
		process.exit(0);
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
	// Keep Discord's 5 s identify spacing between shard processes (the default delay).
	await manager.spawn();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
