/**
 * What every entry point (the bot, the console, the shards, the CLI commands) does before its own
 * work, done one way: read the configuration (`.env` included) and open the knowledge, and when
 * either cannot work, say why in plain words and exit non-zero instead of starting half-broken.
 */
import { KnowledgeService } from './answer/service.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { formatProblem } from './knowledge/report.js';
import type { KnowledgeProblem } from './knowledge/types.js';

/** The configuration, or a list of what is wrong with it on stderr and exit 1. */
export function loadConfigOrExit(): Config {
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

/**
 * The configuration of a command that cannot work without the bot token (`purpose` says what
 * for), or the reason on stderr and exit 1. The token itself is never printed.
 */
export function loadConfigWithTokenOrExit(purpose: string): Config & { token: string } {
	const config = loadConfigOrExit();
	const { token } = config;
	if (!token) {
		console.error(`DISCORD_TOKEN: required to ${purpose} (see .env.example).`);
		process.exit(1);
	}
	return { ...config, token };
}

/**
 * Why the knowledge cannot be served at all, or undefined when it can. A missing folder or one
 * without a single usable document would give a bot that abstains on everything while looking
 * healthy; a folder with some broken files still serves the rest.
 */
export function unusableKnowledge(
	directory: string,
	documentCount: number,
	problems: readonly KnowledgeProblem[],
): string | undefined {
	const folderProblem = problems.find((problem) => problem.file === '.');
	if (folderProblem) return folderProblem.message;
	if (documentCount > 0) return undefined;
	const lines = [
		`the knowledge folder ${directory} has no usable document — add a .md, .yaml or .json file (see "Use your own FAQ" in README.md) and run \`npm run check\``,
		...problems.map((problem) => `  ${formatProblem(problem, directory)}`),
	];
	return lines.join('\n');
}

export interface OpenedKnowledge {
	service: KnowledgeService;
	/** Files left out; the caller reports them its own way (stderr, or the log). */
	problems: KnowledgeProblem[];
}

/** Opens the knowledge, or prints why it cannot be served and exits 1. */
export async function openKnowledgeOrExit(directory: string): Promise<OpenedKnowledge> {
	const opened = await KnowledgeService.open(directory);
	const fatal = unusableKnowledge(directory, opened.service.knowledge.documents.length, opened.problems);
	if (fatal !== undefined) {
		console.error(`Cannot start: ${fatal}`);
		process.exit(1);
	}
	return opened;
}

/** The one line for a failed login or an unreachable API: the user's to fix, so no stack trace. */
export function connectFailure(apiUrl: string, error: unknown): string {
	const reason = error instanceof Error ? error.message : String(error);
	return `could not connect to Discord at ${apiUrl}: ${reason}`;
}
