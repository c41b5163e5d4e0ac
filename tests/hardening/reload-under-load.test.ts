/**
 * `/reload` while questions stream in from many users. A moderator alternates between valid new
 * knowledge (a ferry timetable FAQ whose version A and version B differ in the document title, the
 * source line and the answer text together) and broken knowledge (the other version plus a file
 * with a bad date). Every question gets exactly one reply, never an error; every ferry answer is
 * wholly version A or wholly version B; a question dispatched after a reload's confirmation is
 * answered from that reload's version and one dispatched before it started from the previous one;
 * during a reload the switch happens once; the documents a reload does not touch (the review) get
 * the same reply throughout, as before the first reload; broken reloads are refused with file:line
 * in the ephemeral reply and change nothing.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUILD, crowd, startLoadHarness, userName, type Harness } from '../../testkit/bot-harness.js';
import type { SentBody, SentEmbed, SentMessage } from '../../testkit/fake-discord.js';
import {
	LONG,
	dispatchTimes,
	expectValidReply,
	isMessagePost,
	responsesByMessage,
	waitUntil,
} from './helpers.js';

type Version = 'A' | 'B';

const USERS = 50;
/** Valid reloads (alternating B, A, B, …), each followed by a broken one except the last. */
const VALID_RELOADS = LONG ? 10 : 3;
/** Questions sent per tick of the stream, and the tick. */
const PER_TICK = 3;
const TICK_MS = 8;

const VERSIONS = {
	A: {
		title: 'Ferry Timetable Alpha',
		leaves: '[A] The ferry leaves at nine from pier one.',
		tickets: '[A] Tickets are sold at kiosk one, cash only.',
	},
	B: {
		title: 'Ferry Timetable Bravo',
		leaves: '[B] The ferry leaves at ten from pier two.',
		tickets: '[B] Tickets are sold at kiosk two, cards only.',
	},
} as const;

const ferryYaml = (v: Version) =>
	[
		`title: ${VERSIONS[v].title}`,
		'faq:',
		'  - question: When does the ferry leave?',
		`    answer: "${VERSIONS[v].leaves}"`,
		'    alternates: [What time is the ferry?, When is the next ferry?]',
		'  - question: Where do I buy ferry tickets?',
		`    answer: "${VERSIONS[v].tickets}"`,
		'    alternates: [How do I pay for the ferry?]',
		'',
	].join('\n');

/** Line 4 has a date that isn't one: the whole reload must be refused. */
const BROKEN_MD = '---\ntitle: Broken\nkind: film\nreleaseDate: "sometime"\n---\n\n## Section\n\nText.\n';

const FERRY_QUESTIONS = [
	'When does the ferry leave?',
	'what time is the ferry?',
	'when is the next ferry',
	'Where do I buy ferry tickets?',
	'how do I pay for the ferry?',
];
const OTHER_QUESTIONS = [
	'which director made the Ballerina film?',
	'when is Ballerina released?',
	'how do I bake bread?',
	'thanks!',
];

interface Asked {
	sent: SentMessage;
	question: string;
	ferry: boolean;
}

/** What a user sees of a reply: its text, embed (without the confidence, which idf may nudge) and buttons. */
function shownOf(body: SentBody): string {
	const embed = body.embeds?.[0];
	return JSON.stringify({
		content: body.content,
		author: embed?.author?.name,
		description: embed?.description,
		fields: embed?.fields,
		buttons: body.components?.flatMap((row) => row.components.map((button) => button.label)),
	});
}

/** Which version a ferry reply came from ('A' or 'B'), or why it is not wholly one version. */
function versionOf(embed: SentEmbed | undefined): string {
	if (!embed) return 'no embed';
	const source = embed.fields?.find((f) => f.name === 'Source')?.value ?? '';
	const marks = (['A', 'B'] as const).map((v) => ({
		v,
		author: embed.author?.name === VERSIONS[v].title,
		source: source.startsWith(`${VERSIONS[v].title} › `),
		text: embed.description?.startsWith(`[${v}] `) === true,
	}));
	for (const m of marks) if (m.author && m.source && m.text) return m.v;
	return `mixed or foreign: author ${embed.author?.name ?? '-'} / source ${source} / text ${embed.description?.slice(0, 40) ?? '-'}`;
}

interface ReloadStep {
	kind: 'valid' | 'broken';
	/** The version serving once the step is done. */
	serving: Version;
	/** The ferry file written for the step (for a broken one, the version it must not apply). */
	written: Version;
	startHr: number;
	doneHr: number;
}

describe('/reload while questions stream in', () => {
	let h: Harness;
	const ferryFile = () => join(h.knowledgeDir, 'ferry.yaml');
	const brokenFile = () => join(h.knowledgeDir, 'broken.md');
	const asked: Asked[] = [];
	const steps: ReloadStep[] = [];
	let streaming = false;
	let stream: Promise<void> = Promise.resolve();

	beforeAll(async () => {
		h = await startLoadHarness({ community: crowd(USERS), files: { 'ferry.yaml': ferryYaml('A') } });
	});
	afterAll(async () => {
		streaming = false;
		await stream;
		await h.stop();
	});

	function ask(i: number): void {
		const ferry = i % 3 !== 2;
		const question = ferry
			? FERRY_QUESTIONS[i % FERRY_QUESTIONS.length]!
			: OTHER_QUESTIONS[i % OTHER_QUESTIONS.length]!;
		const sent = h.discord.sendMessage({
			author: userName(i % USERS),
			guild: GUILD,
			channel: i % 2 === 0 ? 'general' : 'ask-the-bot',
			content: `<@${h.discord.botUser.id}> ${question}`,
		});
		asked.push({ sent, question, ferry });
	}

	async function reload(kind: ReloadStep['kind'], written: Version, serving: Version): Promise<string> {
		const handle = h.discord.sendCommand({ user: 'mod', guild: GUILD, name: 'reload' });
		const startHr = performance.now();
		const shown = await handle.reply(15_000);
		const edit = await h.discord.waitForRequest(
			(r) =>
				r.route === 'PATCH /webhooks/:appId/:interactionToken/messages/:messageId' &&
				r.params.interactionToken === handle.token,
		);
		steps.push({ kind, written, serving, startHr, doneHr: edit.hr });
		expect(shown.ephemeral).toBe(true);
		expect(shown.content).toBeDefined();
		return shown.content!;
	}

	it(`serves wholly one version per reply through ${VALID_RELOADS} valid and ${VALID_RELOADS - 1} broken reloads`, async () => {
		// Before any reload: how the untouched knowledge answers each of the other questions.
		for (let i = 2; i < 2 + 3 * OTHER_QUESTIONS.length; i += 3) ask(i);
		await waitUntil(
			() => asked.every((a) => responsesByMessage(h.discord.requests).replies.has(a.sent.message.id)),
			10_000,
			'replies before the first reload',
		);
		const baseline = asked.splice(0);
		const before = new Map<string, string>();
		for (const a of baseline) {
			const reply = responsesByMessage(h.discord.requests).replies.get(a.sent.message.id)![0]!;
			before.set(a.question, shownOf(reply.body));
		}
		expect([...before.keys()].sort()).toEqual([...OTHER_QUESTIONS].sort());

		// The stream: PER_TICK questions every TICK_MS from USERS users, until the reloads are done.
		streaming = true;
		stream = (async () => {
			let i = 0;
			while (streaming) {
				for (let k = 0; k < PER_TICK; k++) ask(i++);
				await sleep(TICK_MS);
			}
		})();
		await sleep(150);

		let serving: Version = 'A';
		for (let n = 0; n < VALID_RELOADS; n++) {
			const next: Version = serving === 'A' ? 'B' : 'A';
			await rm(brokenFile(), { force: true });
			await writeFile(ferryFile(), ferryYaml(next));
			const ok = await reload('valid', next, next);
			expect(ok).toContain('✅ Knowledge reloaded on 1 of 1 shard.');
			expect(ok).toContain(`+ document: ${VERSIONS[next].title}`);
			expect(ok).toContain(`− document: ${VERSIONS[serving].title}`);
			serving = next;
			await sleep(120);
			if (n === VALID_RELOADS - 1) break;

			// Broken: the other version of the ferry file plus a bad file; nothing of it may be applied.
			await writeFile(ferryFile(), ferryYaml(serving === 'A' ? 'B' : 'A'));
			await writeFile(brokenFile(), BROKEN_MD);
			const refused = await reload('broken', serving === 'A' ? 'B' : 'A', serving);
			expect(refused).toContain('❌ Reload refused — the current knowledge keeps serving');
			expect(refused).toMatch(/• broken\.md:4: releaseDate: .*sometime/);
			expect(refused).not.toContain('Something went wrong');
			await sleep(120);
		}
		streaming = false;
		await stream;
		// After the last (valid) reload: a final batch, all from the final version.
		const finalFrom = asked.length;
		for (let i = 0; i < 40; i++) ask(i * 3); // ferry questions only
		await waitUntil(
			() => {
				const { replies } = responsesByMessage(h.discord.requests);
				return asked.every((a) => replies.has(a.sent.message.id));
			},
			30_000,
			'a reply to every question',
		);
		await sleep(200); // anything doubled arrives right behind

		const { replies, reactions } = responsesByMessage(h.discord.requests);
		const dispatched = dispatchTimes(h);
		expect(reactions.size).toBe(0);
		const counts = { A: 0, B: 0, other: 0 };
		for (const a of asked) {
			const id = a.sent.message.id;
			const list = replies.get(id) ?? [];
			expect(list, `replies to ${id}`).toHaveLength(1);
			const reply = list[0]!;
			expectValidReply(reply);
			expect(reply.body.content ?? '').not.toMatch(/Something went wrong/);
			if (!a.ferry) {
				// The review is in every reload but never edited: however the reloads go, its replies
				// do not change (an engine that briefly held only the edited file answered "I don't know").
				counts.other++;
				expect(shownOf(reply.body), `question ${id}: ${a.question}`).toBe(before.get(a.question));
				continue;
			}
			const version = versionOf(reply.body.embeds?.[0]);
			expect(['A', 'B'], `question ${id}: ${version}`).toContain(version);
			counts[version as Version]++;
		}

		// Each ferry question against the reload timeline (gateway dispatch time of the question).
		const valid = steps.filter((s) => s.kind === 'valid');
		const versionAt = (hr: number): Version | 'either' => {
			let current: Version = 'A';
			for (const step of valid) {
				if (hr > step.doneHr) current = step.serving;
				else if (hr >= step.startHr) return 'either';
				else break;
			}
			return current;
		};
		let inWindow = 0;
		for (const a of asked.filter((x) => x.ferry)) {
			const id = a.sent.message.id;
			const expected = versionAt(dispatched.get(id)!);
			const got = versionOf(replies.get(id)![0]!.body.embeds?.[0]);
			if (expected === 'either') inWindow++;
			else expect(got, `question ${id} dispatched outside any reload`).toBe(expected);
		}
		// During a reload the switch happens once: old answers, then new ones, never back.
		const inReload = (a: Asked, step: ReloadStep) => {
			const hr = dispatched.get(a.sent.message.id)!;
			return hr >= step.startHr && hr <= step.doneHr;
		};
		for (const step of valid) {
			const previous: Version = step.serving === 'A' ? 'B' : 'A';
			const during = asked
				.filter((a) => a.ferry && inReload(a, step))
				.sort((x, y) => dispatched.get(x.sent.message.id)! - dispatched.get(y.sent.message.id)!)
				.map((a) => versionOf(replies.get(a.sent.message.id)![0]!.body.embeds?.[0]));
			const switched = during.indexOf(step.serving);
			const oldOnes = switched === -1 ? during.length : switched;
			expect(during, 'ferry answers during a reload').toEqual(
				during.map((_, i) => (i < oldOnes ? previous : step.serving)),
			);
		}
		// The check of the untouched review above covered questions asked while the engine changed.
		const otherDuringReload = asked.filter((a) => !a.ferry && valid.some((step) => inReload(a, step)));
		expect(otherDuringReload.length).toBeGreaterThan(0);
		const last = valid.at(-1)!;
		for (const a of asked.slice(finalFrom))
			expect(versionOf(replies.get(a.sent.message.id)![0]!.body.embeds?.[0])).toBe(last.serving);

		// Broken reloads: nothing of the version they carried was served.
		for (const step of steps.filter((s) => s.kind === 'broken')) {
			const during = asked.filter((a) => {
				const hr = dispatched.get(a.sent.message.id)!;
				return a.ferry && hr >= step.startHr && hr <= step.doneHr + 50;
			});
			for (const a of during)
				expect(versionOf(replies.get(a.sent.message.id)![0]!.body.embeds?.[0])).toBe(step.serving);
		}

		expect(h.discord.requests.filter(isMessagePost)).toHaveLength(baseline.length + asked.length);
		expect(h.discord.failedRequests).toEqual([]);
		expect(h.discord.unknownRequests).toEqual([]);
		expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
		expect(h.logs.some((l) => l.msg === 'message handler failed')).toBe(false);
		console.log(
			`reload under load: ${asked.length} questions (${counts.A} answered from A, ${counts.B} from B, ${counts.other} others), ` +
				`${steps.length} reloads (${valid.length} valid), ${inWindow} ferry questions arrived during a valid reload; ` +
				`reload times ${steps.map((s) => `${s.kind[0]}:${(s.doneHr - s.startHr).toFixed(0)}ms`).join(' ')}`,
		);
		expect(counts.A).toBeGreaterThan(0);
		expect(counts.B).toBeGreaterThan(0);
	}, 60_000);
});
