import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filmMarkdown, startHarness, type Harness } from '../../testkit/bot-harness.js';
import { RUNTIME_QUESTION } from '../support/questions.js';

const EPHEMERAL = 64;
/** 2025-06-06T00:00:00Z, the real knowledge's release date. */
const BALLERINA_RELEASE = 1_749_168_000;

describe('slash commands with one document', () => {
	let h: Harness;
	const guild = 'Film Club';

	beforeAll(async () => {
		h = await startHarness();
	});
	afterAll(async () => {
		await h.stop();
	});

	it('registers the commands as plain data, /reload for moderators only', () => {
		const names = h.discord.commands.global.filter((c) => (c.type ?? 1) === 1).map((c) => c.name);
		expect(names).toEqual(['ask', 'release', 'cast', 'faq', 'help', 'reload', 'unanswered', 'stats']);
		const reload = h.discord.commands.global.find((c) => c.name === 'reload');
		expect(reload).toMatchObject({ default_member_permissions: '32', dm_permission: false, contexts: [0] });
		const ask = h.discord.commands.global.find((c) => c.name === 'ask');
		expect(ask?.options).toEqual([
			expect.objectContaining({ name: 'question', required: true, autocomplete: true }),
		]);
	});

	it('/ask answers publicly with the sourced embed', async () => {
		const shown = await h.discord
			.sendCommand({ user: 'alice', guild, name: 'ask', options: { question: 'Is Keanu Reeves in it?' } })
			.reply();
		expect(shown.ephemeral).toBe(false);
		expect(shown.allowed_mentions).toEqual({ parse: [], replied_user: false });
		expect(shown.embeds?.[0]?.description).toContain('Keanu Reeves');
		expect(shown.embeds?.[0]?.fields?.[0]?.name).toBe('Source');
		expect(shown.embeds?.[0]?.fields?.[0]?.value).toMatch(
			/^From the World of John Wick: Ballerina › .*Keanu/,
		);
	});

	it('/ask works in a DM too', async () => {
		const shown = await h.discord
			.sendCommand({ user: 'bob', name: 'ask', options: { question: RUNTIME_QUESTION } })
			.reply();
		expect(shown.embeds?.[0]?.description).toContain('120');
	});

	it('autocompletes /ask questions from the knowledge topics', async () => {
		const choices = await h.discord
			.sendAutocomplete({
				user: 'alice',
				guild,
				name: 'ask',
				focused: 'question',
				options: { question: 'keanu' },
			})
			.choices();
		expect(choices.length).toBeGreaterThan(0);
		expect(choices.length).toBeLessThanOrEqual(25);
		expect(choices.map((c) => c.name)).toContain('Does Keanu Reeves play a major role in the movie?');
		for (const choice of choices) {
			expect(choice.name.length).toBeLessThanOrEqual(100);
			expect(String(choice.value).length).toBeLessThanOrEqual(100);
		}
		const empty = await h.discord
			.sendAutocomplete({ user: 'alice', guild, name: 'ask', focused: 'question' })
			.choices();
		expect(empty.length).toBeGreaterThan(5);
		expect(empty.length).toBeLessThanOrEqual(25);
	});

	it('/release gives the date as Discord timestamps, for the only document by default', async () => {
		const shown = await h.discord.sendCommand({ user: 'alice', guild, name: 'release' }).reply();
		expect(shown.content).toBe(
			`**From the World of John Wick: Ballerina** — release date: <t:${BALLERINA_RELEASE}:D> (<t:${BALLERINA_RELEASE}:R>).`,
		);
		expect(shown.ephemeral).toBe(false);
	});

	it('/cast lists actors with their roles, what they are known for, and the director', async () => {
		const shown = await h.discord.sendCommand({ user: 'alice', guild, name: 'cast' }).reply();
		const embed = shown.embeds?.[0];
		expect(embed?.title).toBe('Cast — From the World of John Wick: Ballerina');
		expect(embed?.description?.split('\n')).toEqual([
			'**Ana de Armas** as Rooney (known for Knives Out and No Time to Die)',
			'**Keanu Reeves** as John Wick',
			'**Ian McShane**',
			'**Norman Reedus**',
			'**Anjelica Huston** as The Director',
		]);
		expect(embed?.fields).toEqual([{ name: 'Director', value: 'Len Wiseman' }]);
	});

	it('/faq lists the FAQ questions to the asker only', async () => {
		const shown = await h.discord.sendCommand({ user: 'alice', guild, name: 'faq' }).reply();
		expect(shown.ephemeral).toBe(true);
		expect(shown.flags).toBe(EPHEMERAL);
		expect(shown.content).toContain('1. Is Ballerina connected to the John Wick films?');
		expect(shown.content).toContain('5. Is Ballerina worth watching?');
	});

	it('/help explains itself privately', async () => {
		const shown = await h.discord.sendCommand({ user: 'alice', guild, name: 'help' }).reply();
		expect(shown.ephemeral).toBe(true);
		expect(shown.content).toContain('/ask');
		expect(shown.content).toContain('From the World of John Wick: Ballerina');
	});

	it('an unknown title is the user’s mistake, told privately', async () => {
		const shown = await h.discord
			.sendCommand({ user: 'alice', guild, name: 'release', options: { title: 'Casablanca' } })
			.reply();
		expect(shown.ephemeral).toBe(true);
		expect(shown.content).toContain("I don't know a document called “Casablanca”");
	});

	it('made no request Discord would reject or not know', () => {
		expect(h.discord.unknownRequests).toEqual([]);
		expect(h.discord.failedRequests).toEqual([]);
	});
});

describe('slash commands with several documents', () => {
	let h: Harness;
	const guild = 'Film Club';
	const manyFaq = Object.fromEntries(
		Array.from({ length: 40 }, (_, i) => [
			`Question number ${i + 1} about the harbour, the lighthouse, the storm and a great many other things that make this title long?`,
			`Answer number ${i + 1}.`,
		]),
	);

	beforeAll(async () => {
		h = await startHarness({
			files: {
				'harbor-lights.md': filmMarkdown({
					title: 'Harbor Lights',
					releaseDate: '2024-03-15',
					cast: [{ actor: 'Theo Park', role: 'Captain Elias' }, { actor: 'Lena Marsh' }],
					faq: manyFaq,
				}),
			},
		});
	});
	afterAll(async () => {
		await h.stop();
	});

	it('asks which document when the title is left out', async () => {
		const shown = await h.discord.sendCommand({ user: 'alice', guild, name: 'release' }).reply();
		expect(shown.ephemeral).toBe(true);
		expect(shown.content).toContain('Which one?');
		expect(shown.content).toContain('“Harbor Lights”');
	});

	it('autocompletes titles and resolves the chosen one', async () => {
		const choices = await h.discord
			.sendAutocomplete({ user: 'alice', guild, name: 'cast', focused: 'title', options: { title: 'harb' } })
			.choices();
		expect(choices).toEqual([{ name: 'Harbor Lights', value: 'harbor-lights' }]);
		const shown = await h.discord
			.sendCommand({ user: 'alice', guild, name: 'cast', options: { title: String(choices[0]!.value) } })
			.reply();
		expect(shown.embeds?.[0]?.description).toBe('**Theo Park** as Captain Elias\n**Lena Marsh**');
		expect(shown.embeds?.[0]?.fields).toEqual([{ name: 'Director', value: 'Mira Costa' }]);

		const release = await h.discord
			.sendCommand({ user: 'alice', guild, name: 'release', options: { title: 'Harbor Lights' } })
			.reply();
		const unix = Date.UTC(2024, 2, 15) / 1000;
		expect(release.content).toContain(`<t:${unix}:D> (<t:${unix}:R>)`);
	});

	it('caps autocomplete at 25 choices with names of at most 100 characters', async () => {
		const choices = await h.discord
			.sendAutocomplete({
				user: 'alice',
				guild,
				name: 'ask',
				focused: 'question',
				options: { question: 'question number' },
			})
			.choices();
		expect(choices).toHaveLength(25);
		for (const choice of choices) {
			expect(choice.name.length).toBeLessThanOrEqual(100);
			expect(String(choice.value).length).toBeLessThanOrEqual(100);
			expect(choice.name.endsWith('…')).toBe(true);
		}
	});

	it('/faq keeps a long list within one message and says how many are left out', async () => {
		const shown = await h.discord
			.sendCommand({ user: 'alice', guild, name: 'faq', options: { title: 'harbor-lights' } })
			.reply();
		expect(shown.content!.length).toBeLessThanOrEqual(2000);
		expect(shown.content).toMatch(/…and \d+ more/);
		expect(shown.content).toContain('1. Question number 1 about');
	});

	it('made no request Discord would reject or not know', () => {
		expect(h.discord.unknownRequests).toEqual([]);
		expect(h.discord.failedRequests).toEqual([]);
	});
});
