import {
	ApplicationCommandType,
	REST,
	Routes,
	type APIApplication,
	type APIApplicationCommand,
} from 'discord.js';
import type { Config } from '../config.js';
import { commands } from './commands/index.js';
import { messageCommands } from './message-commands/index.js';

export interface DeployResult {
	scope: 'guild' | 'global';
	applicationId: string;
	guildId?: string;
	registered: APIApplicationCommand[];
}

/** A REST client for the configured API base, authorised with the bot token. */
export function createRest(config: Config & { token: string }): REST {
	return new REST({ api: config.apiUrl }).setToken(config.token);
}

/** The application id from the configuration (or token), else asked from `/applications/@me`. */
export async function resolveApplicationId(config: Config, rest: REST): Promise<string> {
	if (config.applicationId) return config.applicationId;
	const application = (await rest.get(Routes.currentApplication())) as APIApplication;
	return application.id;
}

/**
 * Registers every command (slash and message commands) in one bulk overwrite: to DISCORD_GUILD_ID
 * when set (instant, for a test server), globally otherwise. Commands no longer defined here are
 * removed by the overwrite.
 */
export async function deployCommands(
	config: Config & { token: string },
	rest = createRest(config),
): Promise<DeployResult> {
	const applicationId = await resolveApplicationId(config, rest);
	const body = [...commands, ...messageCommands].map((command) => command.data);
	const route = config.guildId
		? Routes.applicationGuildCommands(applicationId, config.guildId)
		: Routes.applicationCommands(applicationId);
	const registered = (await rest.put(route, { body })) as APIApplicationCommand[];
	return {
		scope: config.guildId ? 'guild' : 'global',
		applicationId,
		...(config.guildId ? { guildId: config.guildId } : {}),
		registered,
	};
}

/** How a user finds a registered command: `/name` for a slash command, the menu entry for a message command. */
export function commandLabel(command: Pick<APIApplicationCommand, 'name' | 'type'>): string {
	return command.type === ApplicationCommandType.Message
		? `“${command.name}” (message command)`
		: `/${command.name}`;
}
