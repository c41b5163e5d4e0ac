import { KnowledgeService } from './answer/service.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { runConsole } from './console/console.js';
import { formatProblem } from './knowledge/report.js';
import { createLogger } from './logger.js';

/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise the local console on the same
 * engine. Both serve whatever knowledge is valid; problems are reported, never fatal.
 */
function readConfig(): Config {
	try {
		return loadConfig();
	} catch (error) {
		if (error instanceof ConfigError) {
			console.error(`${error.message}\nSee .env.example for every variable.`);
			process.exit(1);
		}
		throw error;
	}
}

const config = readConfig();
const { service, problems } = await KnowledgeService.open(config.knowledgeDir);

if (!config.token) {
	for (const problem of problems)
		console.error(`knowledge problem (file left out): ${formatProblem(problem, config.knowledgeDir)}`);
	await runConsole(service, {
		input: process.stdin,
		output: process.stdout,
		interactive: process.stdin.isTTY === true,
	});
} else {
	const logger = createLogger({ level: config.logLevel });
	for (const problem of problems)
		logger.warn(
			{ problem },
			`knowledge problem (file left out): ${formatProblem(problem, config.knowledgeDir)}`,
		);
	// Loaded only here, so the console starts without discord.js.
	const { startBot } = await import('./discord/bot.js');
	const bot = await startBot(config, service, logger).catch((error: unknown) => {
		// Login failures (wrong token, unreachable API) are the user's to fix: say so, no stack trace.
		const reason = error instanceof Error ? error.message : String(error);
		logger.fatal(`could not connect to Discord at ${config.apiUrl}: ${reason}`);
		process.exit(1);
	});
	const shutdown = (signal: NodeJS.Signals) => {
		logger.info({ signal }, 'shutting down');
		void bot.stop().finally(() => process.exit(0));
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}
