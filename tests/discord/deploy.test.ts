import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { commands } from '../../src/discord/commands/index.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { messageCommands } from '../../src/discord/message-commands/index.js';
import { shardExecArgv } from '../../src/discord/shard-manager.js';
import { startFakeDiscord, type FakeDiscord } from '../../testkit/fake-discord.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');

/** `npm run deploy-commands` as a user runs it: a separate process configured by environment variables. */
async function deployCli(env: Record<string, string>) {
	try {
		const { stdout, stderr } = await run(
			process.execPath,
			[...shardExecArgv(), join(ROOT, 'src', 'cli', 'deploy-commands.ts')],
			{
				cwd: ROOT,
				env: {
					PATH: process.env.PATH ?? '',
					DISCORD_TOKEN: '',
					DISCORD_APPLICATION_ID: '',
					DISCORD_GUILD_ID: '',
					...env,
				},
			},
		);
		return { code: 0, stdout, stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
	}
}

describe('deploying the slash commands', () => {
	let discord: FakeDiscord;

	beforeAll(async () => {
		discord = await startFakeDiscord({ guilds: [{ name: 'Film Club' }] });
	});
	afterAll(async () => {
		await discord.close();
	});

	it('registers every command to DISCORD_GUILD_ID through DISCORD_API_URL, and names a missing token', async () => {
		const guildId = discord.guild('Film Club').id;
		const [result, missing] = await Promise.all([
			deployCli({
				DISCORD_TOKEN: discord.token,
				DISCORD_API_URL: discord.restUrl,
				DISCORD_GUILD_ID: guildId,
			}),
			deployCli({ DISCORD_API_URL: discord.restUrl }),
		]);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(
			`Registered ${commands.length + messageCommands.length} commands to guild ${guildId}: ${commands.map((c) => `/${c.data.name}`).join(', ')}, ${messageCommands.map((c) => `“${c.data.name}” (message command)`).join(', ')}`,
		);
		expect(discord.commands.guilds.get(guildId)?.map((c) => [c.name, c.type])).toEqual([
			...commands.map((c) => [c.data.name, 1]),
			...messageCommands.map((c) => [c.data.name, 3]),
		]);
		expect(discord.commands.global).toEqual([]);

		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('DISCORD_TOKEN: required');
	}, 20_000);

	it('registers globally without a guild', async () => {
		const config = loadConfig({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.restUrl });
		const result = await deployCommands({ ...config, token: discord.token });
		expect(result.scope).toBe('global');
		expect(discord.commands.global.map((c) => c.name)).toEqual(
			[...commands, ...messageCommands].map((c) => c.data.name),
		);
	});

	it('asks /applications/@me when the application id is neither configured nor in the token', async () => {
		const config = loadConfig({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.restUrl });
		const result = await deployCommands({ ...config, applicationId: undefined, token: discord.token });
		expect(result.applicationId).toBe(discord.applicationId);
		expect(discord.requests.some((r) => r.route === 'GET /applications/@me')).toBe(true);
		// Every registration passed the stand-in's checks of Discord's command limits.
		expect(discord.failedRequests).toEqual([]);
		expect(discord.unknownRequests).toEqual([]);
	});
});
