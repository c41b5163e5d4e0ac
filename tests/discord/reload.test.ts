import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filmMarkdown, startHarness, type Harness } from '../../testkit/bot-harness.js';
import { Permission } from '../../testkit/fake-discord.js';

const guild = 'Film Club';

describe('/reload', () => {
	let h: Harness;
	const harbor = () => join(h.knowledgeDir, 'harbor-lights.md');
	const ask = (question: string, user = 'carol') =>
		h.discord.sendCommand({ user, guild, name: 'ask', options: { question } }).reply();

	beforeAll(async () => {
		h = await startHarness();
	});
	afterAll(async () => {
		await h.stop();
	});

	it('refuses a member who is neither moderator nor server manager', async () => {
		const before = h.service.knowledge;
		await writeFile(harbor(), filmMarkdown({ title: 'Harbor Lights' }));
		const shown = await h.discord.sendCommand({ user: 'alice', guild, name: 'reload' }).reply();
		expect(shown.ephemeral).toBe(true);
		expect(shown.content).toContain('Only moderators can reload');
		expect(h.service.knowledge).toBe(before);
		await rm(harbor());
	});

	it('lets a moderator role reload: the reply lists counts and what changed, new knowledge is served', async () => {
		const question = 'Is Harbor Lights scary?';
		expect((await ask(question)).embeds ?? []).toEqual([]);

		await writeFile(
			harbor(),
			filmMarkdown({
				title: 'Harbor Lights',
				sections: { 'The Story': 'A lighthouse keeper finds smugglers using his beacon.' },
				faq: { 'Is Harbor Lights scary?': 'It is tense rather than scary, with two jump scares.' },
			}),
		);
		const handle = h.discord.sendCommand({ user: 'mod', guild, name: 'reload' });
		const callback = await handle.callback();
		expect(callback.body).toEqual({ type: 5, data: { flags: 64 } });
		const shown = await handle.reply();
		expect(shown.ephemeral).toBe(true);
		expect(shown.via).toBe('deferred-edit');
		expect(shown.content).toContain('✅ Knowledge reloaded on 1 of 1 shard.');
		expect(shown.content).toContain('Now serving 2 documents · 11 sections · 6 FAQ entries.');
		expect(shown.content).toContain('+ document: Harbor Lights');
		expect(shown.content).toContain('+ section: Harbor Lights › The Story');
		expect(shown.content).toContain('+ FAQ: Harbor Lights › Is Harbor Lights scary?');

		const answer = await ask(question);
		expect(answer.embeds?.[0]?.description).toBe('It is tense rather than scary, with two jump scares.');
		expect(answer.embeds?.[0]?.fields?.[0]).toEqual({
			name: 'Source',
			value: 'Harbor Lights › Is Harbor Lights scary?',
		});

		// An edited answer keeps its name: the moderator sees it as changed, not as "No changes".
		await writeFile(
			harbor(),
			filmMarkdown({
				title: 'Harbor Lights',
				sections: { 'The Story': 'A lighthouse keeper finds smugglers using his beacon.' },
				faq: { 'Is Harbor Lights scary?': 'Not really: it is a slow-burn thriller.' },
			}),
		);
		const edited = await h.discord.sendCommand({ user: 'mod', guild, name: 'reload' }).reply();
		expect(edited.content).toContain('~ FAQ: Harbor Lights › Is Harbor Lights scary?');
		expect(edited.content).not.toContain('+ FAQ');
		expect((await ask(question)).embeds?.[0]?.description).toBe('Not really: it is a slow-burn thriller.');
	});

	it('lets a member with Manage Server reload, and shows removals', async () => {
		await rm(harbor());
		const shown = await h.discord.sendCommand({ user: 'admin', guild, name: 'reload' }).reply();
		expect(shown.content).toContain('✅ Knowledge reloaded');
		expect(shown.content).toContain('− document: Harbor Lights');
		expect(shown.content).toContain('− FAQ: Harbor Lights › Is Harbor Lights scary?');
	});

	it('checks permissions at run time too (a server may have granted the command more widely)', async () => {
		const shown = await h.discord
			.sendCommand({ user: 'bob', guild, name: 'reload', permissions: Permission.ViewChannel })
			.reply();
		expect(shown.content).toContain('Only moderators can reload');
		const granted = await h.discord
			.sendCommand({ user: 'bob', guild, name: 'reload', permissions: Permission.Administrator })
			.reply();
		expect(granted.content).toContain('✅ Knowledge reloaded');
	});

	it('with broken knowledge, shows file:line problems and keeps serving the old knowledge', async () => {
		await writeFile(
			join(h.knowledgeDir, 'broken.md'),
			'---\ntitle: Broken\nkind: film\nreleaseDate: "sometime"\n---\n\n## Section\n\nText.\n',
		);
		await writeFile(harbor(), filmMarkdown({ title: 'Harbor Lights' }));
		const before = h.service.knowledge;

		const shown = await h.discord.sendCommand({ user: 'mod', guild, name: 'reload' }).reply();
		expect(shown.ephemeral).toBe(true);
		expect(shown.content).toContain('❌ Reload refused — the current knowledge keeps serving');
		expect(shown.content).toMatch(/• broken\.md:4: releaseDate: .*sometime/);
		expect(h.service.knowledge).toBe(before);

		// Old answers still come, and the valid new file was not half-applied either.
		const answer = await ask('When is Ballerina released?');
		expect(answer.embeds?.[0]?.description).toContain('June 6, 2025');
		const harborAnswer = await ask('What is the story of Harbor Lights?');
		expect(harborAnswer.embeds?.[0]?.fields?.[0]?.value ?? '').not.toContain('Harbor Lights ›');
	});

	it('made no request Discord would reject or not know', () => {
		expect(h.discord.unknownRequests).toEqual([]);
		expect(h.discord.failedRequests).toEqual([]);
	});
});
