/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise the local console on the same
 * engine. A broken file is reported and left out; a missing or empty knowledge folder stops here.
 */
import { configWarnings } from './config.js';
import { runConsole } from './console/console.js';
import { parseNoArgs } from './cli/args.js';
import { formatProblem } from './knowledge/report.js';
import { countKnowledge } from './answer/service.js';
import { createLogger, type Logger } from './logger.js';
import type { ProcessMetrics } from './metrics/process-metrics.js';
import { connecting, consoleHealth } from './metrics/server.js';
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

let logger: Logger | undefined;
/** The bot's log, made once. */
function botLogger(): Logger {
	return (logger ??= createLogger({ level: config.logLevel, format: config.logFormat }));
}

/**
 * METRICS_PORT's server, started at once; prom-client is loaded only when it is asked for. The
 * console's stdout carries its answers, so there what the server says goes to stderr.
 */
async function serveMetricsFirst(port: number): Promise<ProcessMetrics> {
	const { serveProcessMetrics } = await import('./metrics/process-metrics.js');
	const log = config.token
		? botLogger()
		: createLogger({ level: config.logLevel, format: config.logFormat, destination: process.stderr });
	return serveProcessMetrics(port, log);
}
// Served before anything slow (loading the knowledge, connecting), so that a probe during the
// start gets a 503 saying what it waits for rather than "connection refused".
const served = config.metricsPort === undefined ? undefined : await serveMetricsFirst(config.metricsPort);
const { service, problems } = await openKnowledgeOrExit(config.knowledgeDir);
const documents = () => service.knowledge.documents.length;
served?.metrics.observe({ knowledgeCounts: () => countKnowledge(service.knowledge) });

if (!config.token) {
	for (const problem of problems)
		console.error(`knowledge problem (file left out): ${formatProblem(problem, config.knowledgeDir)}`);
	served?.setHealth(() => consoleHealth(documents()));
	// Read by /unanswered and /stats; opened lazily, so a missing database costs only those two.
	const learningStore = openStore(storeLocation(config), { thread: 'here' });
	await runConsole(service, {
		input: process.stdin,
		output: process.stdout,
		interactive: process.stdin.isTTY === true,
		learningStore,
		...(served ? { metrics: served.metrics } : {}),
	});
	await learningStore.close();
	await served?.server.close();
} else {
	const logger = botLogger();
	for (const warning of configWarnings(config)) logger.warn(warning);
	for (const problem of problems)
		logger.warn(
			{ problem },
			`knowledge problem (file left out): ${formatProblem(problem, config.knowledgeDir)}`,
		);
	served?.setHealth(() => connecting(documents()));
	// Loaded only here, so the console starts without discord.js.
	const { startBot } = await import('./discord/bot.js');
	const bot = await startBot(config, service, logger, {}, served ? { metrics: served.metrics } : {}).catch(
		(error: unknown) => {
			logger.fatal(connectFailure(config.apiUrl, error));
			process.exit(1);
		},
	);
	served?.setHealth(() => bot.health());
	// `once`: a second Ctrl-C or SIGTERM during the (bounded) wait ends the process at once.
	const shutdown = (signal: NodeJS.Signals) => {
		logger.info({ signal }, 'shutting down: no new questions, finishing the ones in flight');
		// /healthz says "shutting down" (503) until the questions in flight are answered.
		void bot
			.stop()
			.then(() => served?.server.close())
			.finally(() => process.exit(0));
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}
