import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUILD, startHarness, type Harness } from '../../testkit/bot-harness.js';
import type { InteractionHandle } from '../../testkit/fake-discord.js';

const PREMIERE = 'Can I tell @everyone about the premiere?';

/** A second document whose FAQ question and answer both say @everyone. */
const SERVER_FAQ = `title: Server FAQ
faq:
  - question: "${PREMIERE}"
    answer: "Yes — tell @everyone: the premiere screening is on Friday in the Stage channel."
`;

describe('/faq topic: user:', () => {
	let h: Harness;

	beforeAll(async () => {
		h = await startHarness({ files: { 'server.yaml': SERVER_FAQ } });
	});
	afterAll(async () => {
		await h.stop();
	});

	/** Who the message an interaction posted notified, as Discord computes it. */
	function notifiedBy(handle: InteractionHandle) {
		const created = h.discord.gateway.find((g) => {
			const d = g.d as { interaction_metadata?: { id?: string } } | undefined;
			return g.t === 'MESSAGE_CREATE' && d?.interaction_metadata?.id === handle.id;
		});
		return h.discord.notified((created!.d as { id: string }).id);
	}

	it('offers FAQ questions and section titles as topics while typing', async () => {
		const premiere = await h.discord
			.sendAutocomplete({
				user: 'alice',
				guild: GUILD,
				name: 'faq',
				focused: 'topic',
				options: { topic: 'premiere' },
			})
			.choices();
		expect(premiere.map((c) => c.name)).toContain(PREMIERE);
		const soundtrack = await h.discord
			.sendAutocomplete({
				user: 'alice',
				guild: GUILD,
				name: 'faq',
				focused: 'topic',
				options: { topic: 'soundtrack' },
			})
			.choices();
		expect(soundtrack.map((c) => c.name)).toContain('A Killer Soundtrack');
		// `title` still completes document titles.
		const titles = await h.discord
			.sendAutocomplete({
				user: 'alice',
				guild: GUILD,
				name: 'faq',
				focused: 'title',
				options: { title: 'serv' },
			})
			.choices();
		expect(titles.map((c) => c.name)).toEqual(['Server FAQ']);
	});

	it('posts the topic’s answer publicly, pinging exactly the given user — not @everyone in the knowledge', async () => {
		const bob = h.discord.user('bob').id;
		const handle = h.discord.sendCommand({
			user: 'mod',
			guild: GUILD,
			name: 'faq',
			options: { topic: PREMIERE, user: bob },
		});
		const shown = await handle.reply();
		expect(shown.ephemeral).toBe(false);
		expect(shown.content).toBe(`<@${bob}>, this answers “${PREMIERE}”:`);
		expect(shown.embeds?.[0]?.description).toContain('tell @everyone');
		expect(shown.allowed_mentions).toEqual({ parse: [], users: [bob], replied_user: false });
		expect(notifiedBy(handle)).toEqual({ everyone: false, users: [bob], roles: [] });
	});

	it('without user, posts the answer and pings no one', async () => {
		const handle = h.discord.sendCommand({
			user: 'alice',
			guild: GUILD,
			name: 'faq',
			options: { topic: 'when is Ballerina released?' },
		});
		const shown = await handle.reply();
		expect(shown.ephemeral).toBe(false);
		expect(shown.content).toBeUndefined();
		expect(shown.embeds?.[0]?.description).toContain('June 6, 2025');
		expect(notifiedBy(handle)).toEqual({ everyone: false, users: [], roles: [] });
	});

	it('tells the user privately when no topic answers what they typed', async () => {
		const shown = await h.discord
			.sendCommand({ user: 'alice', guild: GUILD, name: 'faq', options: { topic: 'best pizza in town' } })
			.reply();
		expect(shown).toMatchObject({ ephemeral: true });
		expect(shown.content).toMatch(/^No FAQ topic answers “best pizza in town”/);
	});

	it('without topic, keeps today’s private list', async () => {
		const shown = await h.discord
			.sendCommand({ user: 'alice', guild: GUILD, name: 'faq', options: { title: 'Server FAQ' } })
			.reply();
		expect(shown.ephemeral).toBe(true);
		expect(shown.content).toBe(`**FAQ — Server FAQ**\n1. ${PREMIERE}\nAsk any of them with \`/ask\`.`);
	});

	it('made no request Discord would reject or not know, and logged no error', () => {
		expect(h.discord.unknownRequests).toEqual([]);
		expect(h.discord.failedRequests).toEqual([]);
		expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
	});
});
