/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise the local console on the same
 * engine. A broken file is reported and left out; a missing or empty knowledge folder stops here.
 */
import { configWarnings } from './config.js';
import { runConsole } from './console/console.js';
import { parseNoArgs } from './cli/args.js';
import { formatProblem } from './knowledge/report.js';
import { createLogger } from './logger.js';
import { processEndpoints, serveMetricsOrExit } from './metrics/server.js';
import { storeLocation } from './storage/connect.js';
import { openStore } from './storage/open.js';
import { connectFailure, loadConfigOrExit, openKnowledgeOrExit } from './startup.js';

parseNoArgs(
	[
		'npm start',
		'Runs the Discord bot when DISCORD_TOKEN is set (in the environment or .env), otherwise a local console on the same answers.',
		'Every setting is an environment variable: see .env.example and the Configuration table in README.md.',
	].join('\n'),
);

const config = loadConfigOrExit();
if (config.shardSlice) {
	// discord.js' Client would read SHARD_COUNT from the environment and log in as shards this host
	// was not given, beside the hosts that run them.
	console.error(
		`Cannot start: SHARD_IDS=${config.shardSlice.ids.join(',')} and SHARD_COUNT=${config.shardSlice.count} pick this host's shards for \`npm run start:sharded\`; \`npm start\` runs one unsharded bot. Run \`npm run start:sharded\` on each host, or unset SHARD_IDS and SHARD_COUNT.`,
	);
	process.exit(1);
}
const { service, problems } = await openKnowledgeOrExit(config.knowledgeDir);

if (!config.token) {
	for (const problem of problems)
		console.error(`knowledge problem (file left out): ${formatProblem(problem, config.knowledgeDir)}`);
	// Read by /unanswered and /stats; opened lazily, so a missing database costs only those two.
	const learningStore = openStore(storeLocation(config), { thread: 'here' });
	await runConsole(service, {
		input: process.stdin,
		output: process.stdout,
		interactive: process.stdin.isTTY === true,
		learningStore,
	});
	await learningStore.close();
} else {
	const logger = createLogger({ level: config.logLevel, format: config.logFormat });
	for (const warning of configWarnings(config)) logger.warn(warning);
	for (const problem of problems)
		logger.warn(
			{ problem },
			`knowledge problem (file left out): ${formatProblem(problem, config.knowledgeDir)}`,
		);
	// Loaded only here, so the console starts without discord.js.
	const { startBot } = await import('./discord/bot.js');
	const bot = await startBot(config, service, logger).catch((error: unknown) => {
		logger.fatal(connectFailure(config.apiUrl, error));
		process.exit(1);
	});
	const metricsServer =
		config.metricsPort === undefined
			? undefined
			: await serveMetricsOrExit(
					config.metricsPort,
					processEndpoints(bot.metrics.registry, () => bot.health()),
					logger,
				);
	// `once`: a second Ctrl-C or SIGTERM during the (bounded) wait ends the process at once.
	const shutdown = (signal: NodeJS.Signals) => {
		logger.info({ signal }, 'shutting down: no new questions, finishing the ones in flight');
		// /healthz says "shutting down" (503) until the questions in flight are answered.
		void bot
			.stop()
			.then(() => metricsServer?.close())
			.finally(() => process.exit(0));
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}
