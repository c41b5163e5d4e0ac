import { ConfigError, loadConfig } from '../config.js';

/** `npm run deploy-commands`: registers the slash commands (guild when DISCORD_GUILD_ID is set, else global). */
async function main(): Promise<number> {
	let config;
	try {
		config = loadConfig();
	} catch (error) {
		if (error instanceof ConfigError) {
			console.error(`${error.message}\nSee .env.example for every variable.`);
			return 1;
		}
		throw error;
	}
	const { token } = config;
	if (!token) {
		console.error('DISCORD_TOKEN: required to register commands (see .env.example).');
		return 1;
	}
	// Loaded after the checks above, so a configuration mistake is reported without loading discord.js.
	const { deployCommands } = await import('../discord/deploy.js');
	const result = await deployCommands({ ...config, token });
	const names = result.registered.map((c) => `/${c.name}`).join(', ');
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
