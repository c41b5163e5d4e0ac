import { loadConfigWithTokenOrExit } from '../startup.js';
import { parseNoArgs } from './args.js';

/** `npm run deploy-commands`: registers the slash and message commands (guild when DISCORD_GUILD_ID is set, else global). */
async function main(): Promise<number> {
	parseNoArgs(
		[
			'npm run deploy-commands',
			'Registers the slash commands and the message command: to the server DISCORD_GUILD_ID when set (instant), else globally (can take up to an hour to appear).',
			'Needs DISCORD_TOKEN (in the environment or .env).',
		].join('\n'),
	);
	const config = loadConfigWithTokenOrExit('register commands');
	// Loaded after the checks above, so a configuration mistake is reported without loading discord.js.
	const { commandLabel, deployCommands } = await import('../discord/deploy.js');
	const result = await deployCommands(config);
	const names = result.registered.map(commandLabel).join(', ');
	console.log(
		result.scope === 'guild'
			? `Registered ${result.registered.length} commands to guild ${result.guildId}: ${names}`
			: `Registered ${result.registered.length} global commands: ${names} (may take a while to show up everywhere)`,
	);
	return 0;
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		// DiscordAPIError messages carry no token; print them for the operator.
		console.error(
			`Could not register the commands: ${error instanceof Error ? error.message : String(error)}`,
		);
		process.exitCode = 1;
	},
);
