/**
 * The onboarding text in README.md held against the code, so it cannot drift: the invite
 * permissions it quotes, the intents it names, and the FAQ example a new owner copies.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GatewayIntentBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { KnowledgeService } from '../src/answer/service.js';
import { loadConfig } from '../src/config.js';
import { clientOptions } from '../src/discord/bot.js';
import { BOT_PERMISSION_BITS, inviteUrl } from '../src/discord/permissions.js';

const README = await readFile(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');

function section(heading: string): string {
	const start = README.indexOf(`## ${heading}\n`);
	expect(start, `README has a "## ${heading}" section`).toBeGreaterThan(-1);
	const end = README.indexOf('\n## ', start + 1);
	return README.slice(start, end === -1 ? undefined : end);
}

/** Discord's names for the permissions, as the Developer Portal and server settings show them. */
const DISPLAY_NAMES: Record<string, string> = {
	ViewChannel: 'View Channels',
	SendMessages: 'Send Messages',
	SendMessagesInThreads: 'Send Messages in Threads',
	EmbedLinks: 'Embed Links',
	AddReactions: 'Add Reactions',
	ReadMessageHistory: 'Read Message History',
};

describe('README "Connect it to Discord"', () => {
	const connect = section('Connect it to Discord');

	it('quotes the permission integer npm run invite asks for, and lists exactly those permissions', () => {
		expect(connect).toContain(`\`${BOT_PERMISSION_BITS}\``);
		expect(inviteUrl('123456789012345678')).toBe(
			`https://discord.com/oauth2/authorize?client_id=123456789012345678&scope=bot+applications.commands&permissions=${BOT_PERMISSION_BITS}`,
		);
		const granted = new PermissionsBitField(BOT_PERMISSION_BITS).toArray();
		const listed = [...connect.matchAll(/^ {3}\| ([A-Z][^|]+?) \| /gm)].map((m) => m[1]);
		expect(listed.filter((name) => name !== 'permission').sort()).toEqual(
			granted.map((flag) => DISPLAY_NAMES[flag]).sort(),
		);
	});

	it('names the intents the client asks for, Message Content only with MESSAGE_CONTENT_INTENT=true', () => {
		const base = loadConfig({});
		const intents = (config: typeof base) =>
			(clientOptions(config).intents as number[]).map((bit) => GatewayIntentBits[bit]);
		expect(intents(base)).toEqual(['Guilds', 'GuildMessages', 'DirectMessages']);
		expect(intents({ ...base, messageContentIntent: true })).toContain('MessageContent');
		expect(connect).toContain('Guilds, Guild Messages and Direct Messages');
		expect(connect).toContain('Message Content Intent');
		expect(connect).toContain('`MESSAGE_CONTENT_INTENT=true`');
	});
});

describe('README "Use your own FAQ"', () => {
	it('its YAML example loads without a problem and answers an alternate', async () => {
		const yaml = /```yaml\n([\s\S]*?)```/.exec(section('Use your own FAQ'))?.[1];
		expect(yaml).toBeDefined();
		const dir = await mkdtemp(path.join(tmpdir(), 'faq-bot-readme-'));
		try {
			await writeFile(path.join(dir, 'server.yaml'), yaml!.replace(/^ {3}/gm, ''));
			const { service, problems } = await KnowledgeService.open(dir);
			expect(problems).toEqual([]);
			const answer = service.engine.ask('how do I become an artist');
			expect(answer.kind).toBe('answer');
			expect(answer.text).toBe('Post three pieces in #showcase and ask a moderator.');
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
