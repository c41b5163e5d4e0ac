/**
 * The local console and the Discord bot give the same result for the same command: both only
 * render what src/answer/commands.ts computes. Each is driven through its real entry point (the
 * console's read-answer loop, the bot through the Discord stand-in) over the same knowledge.
 */
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/answer/commands.js';
import { KnowledgeService } from '../../src/answer/service.js';
import { runConsole } from '../../src/console/console.js';
import { filmMarkdown, startHarness, type Harness } from '../../testkit/bot-harness.js';

const guild = 'Film Club';

/** A second document that is also called "Ballerina", so that title names two documents. */
const BALLET_CLUB = [
	'title: Ballerina Dance Club',
	'aliases: [Ballerina]',
	'faq:',
	'  - question: When are the classes?',
	'    answer: Tuesdays at 18:00.',
	'',
].join('\n');

describe('the console and Discord, command by command', () => {
	let h: Harness;
	let service: KnowledgeService;

	beforeAll(async () => {
		h = await startHarness({
			files: {
				'harbor-lights.md': filmMarkdown({
					title: 'Harbor Lights',
					releaseDate: '2024-03-15',
					cast: [{ actor: 'Theo Park', role: 'Captain Elias' }, { actor: 'Lena Marsh' }],
					faq: { 'Is it scary?': 'Not really.', 'Is there a sequel?': 'Not yet.' },
				}),
				'ballet-club.yaml': BALLET_CLUB,
			},
		});
		// The console serves the same folder with its own service, as `npm start` without a token would.
		({ service } = await KnowledgeService.open(h.knowledgeDir));
	});
	afterAll(async () => {
		await h.stop();
	});

	/** What the console prints for `line`: each reply is one write of runConsole's loop. */
	async function typed(line: string): Promise<string> {
		const input = new PassThrough();
		const writes: string[] = [];
		const output = new Writable({
			write(chunk: Buffer, _encoding, done) {
				writes.push(chunk.toString('utf8'));
				done();
			},
		});
		input.end(`${line}\n`);
		await runConsole(service, { input, output, interactive: false });
		const [, reply] = writes;
		expect(writes).toHaveLength(2); // the banner, then the one reply
		return reply!.replace(/\n$/, '');
	}

	const discord = (name: string, title?: string) =>
		h.discord
			.sendCommand({ user: 'alice', guild, name, ...(title === undefined ? {} : { options: { title } }) })
			.reply();

	it.each([
		['/release', /^Which one\? Name a title: /],
		['/cast Ballerina', /^Which one\? “Ballerina” names several: /],
		['/faq Casablanca', /^I don't know a document called “Casablanca”\. Try /],
		[
			'/release Ballerina Dance Club',
			/^The knowledge doesn't give a release date for “Ballerina Dance Club”\.$/,
		],
	])('%s is refused in both, in the same words, privately on Discord', async (line, words) => {
		const [, name = '', title] = /^\/(\w+)(?: (.+))?$/.exec(line)!;
		const shown = await discord(name, title);
		expect(shown.ephemeral).toBe(true);
		expect(shown.content).toMatch(words);
		expect(await typed(line)).toBe(shown.content);
	});

	it('/release gives the same date', async () => {
		const shown = await discord('release', 'Harbor Lights');
		const seconds = Number(/<t:(\d+):D>/.exec(shown.content ?? '')?.[1]);
		const isoDate = new Date(seconds * 1000).toISOString().slice(0, 10);
		expect(isoDate).toBe('2024-03-15');
		expect(await typed('/release Harbor Lights')).toBe(
			`Harbor Lights — release date: March 15, 2024 (${isoDate})`,
		);
	});

	it('/cast gives the same cast lines and director, whichever document is named', async () => {
		for (const title of ['Harbor Lights', 'John Wick Ballerina']) {
			const embed = (await discord('cast', title)).embeds?.[0];
			const castLines = (embed?.description ?? '').replaceAll('**', '').split('\n');
			const director = embed?.fields?.[0]?.value;
			const printed = (await typed(`/cast ${title}`)).split('\n');
			expect(printed.filter((line) => line.startsWith('  • ')).map((line) => line.slice(4))).toEqual(
				castLines,
			);
			expect(printed.at(-1)).toBe(`Directed by ${director}`);
		}
	});

	it('/faq gives the same questions', async () => {
		const shown = await discord('faq', 'harbor-lights');
		const numbered = (text: string) => text.split('\n').filter((line) => /^\d+\. /.test(line));
		expect(numbered(shown.content ?? '')).toEqual(['1. Is it scary?', '2. Is there a sequel?']);
		expect(numbered(await typed('/faq harbor-lights'))).toEqual(numbered(shown.content ?? ''));
	});

	it('/help names the same commands, each doing the same', async () => {
		const shown = (await discord('help')).content ?? '';
		const printed = await typed('/help');
		for (const command of COMMANDS) {
			expect(shown).toMatch(new RegExp(`\`/${command.name}\` — (moderators: )?${command.does}`));
			expect(printed).toMatch(new RegExp(`/${command.name}\\b.* ${command.does}$`, 'm'));
		}
	});

	it('/reload reports the same knowledge served and the same changes', async () => {
		const shown = (await h.discord.sendCommand({ user: 'mod', guild, name: 'reload' }).reply()).content ?? '';
		const serving = /^Now serving (.+)\.$/m.exec(shown)?.[1];
		expect(serving).toBe('3 documents · 11 sections · 8 FAQ entries');
		expect(shown).toContain('\nNo changes.');
		expect(await typed('/reload')).toBe(`Reloaded: now serving ${serving}.\n  No changes.`);
	});
});
