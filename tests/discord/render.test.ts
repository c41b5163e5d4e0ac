import { ButtonStyle, ComponentType } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it, vi, type Mock } from 'vitest';
import type { Answer, AnswerEngine, Suggestion } from '../../src/answer/types.js';
import {
	parseSuggestionCustomId,
	resolveSuggestion,
	suggestionCustomId,
} from '../../src/discord/custom-id.js';
import {
	BUTTON_LABEL_MAX,
	CUSTOM_ID_MAX,
	EMBED_DESCRIPTION_MAX,
	EMBED_TOTAL_MAX,
	MESSAGE_CONTENT_MAX,
} from '../../src/discord/limits.js';
import { allowedMentions } from '../../src/discord/mentions.js';
import { renderAnswer } from '../../src/discord/render.js';
import { embedLength, fitBody, type ReplyBody } from '../../src/discord/reply.js';
import { ELLIPSIS, joinLinesWithin, truncate } from '../../src/discord/truncate.js';
import { validateMessageBody } from '../../testkit/fake-discord/validation.js';

const words = fc.array(fc.stringMatching(/^[A-Za-z'’é-]{1,14}$/), { minLength: 1, maxLength: 400 });
const sentences = fc.array(
	fc.tuple(words, fc.constantFrom('.', '!', '?', '…', '."')).map(([ws, end]) => `${ws.join(' ')}${end}`),
	{ minLength: 1, maxLength: 40 },
);

describe('truncate', () => {
	it('returns text that fits unchanged', () => {
		fc.assert(fc.property(fc.string({ maxLength: 50 }), (text) => truncate(text, 50) === text));
	});

	it('stays within the limit, keeps a prefix, and never cuts inside a word', () => {
		fc.assert(
			fc.property(words, fc.integer({ min: 20, max: 3000 }), (ws, max) => {
				const text = ws.join(' ');
				const cut = truncate(text, max);
				expect(cut.length).toBeLessThanOrEqual(max);
				const body = cut.endsWith(ELLIPSIS) && !text.startsWith(cut) ? cut.slice(0, -ELLIPSIS.length) : cut;
				expect(text.startsWith(body)).toBe(true);
				// The next character in the original is a space (or the end): the last word is whole.
				const next = text[body.length];
				expect(next === undefined || next === ' ').toBe(true);
			}),
		);
	});

	it('prefers the end of a sentence when one is within reach', () => {
		fc.assert(
			fc.property(sentences, fc.integer({ min: 200, max: 2000 }), (ss, max) => {
				const text = ss.join(' ');
				const cut = truncate(text, max);
				expect(cut.length).toBeLessThanOrEqual(max);
				if (cut === text) return;
				const sentenceCut = text.startsWith(cut) && /[.!?…]"?$/.test(cut);
				if (!sentenceCut) {
					// A word cut with an ellipsis only when no sentence ended in the second half of the budget.
					expect(cut.endsWith(ELLIPSIS)).toBe(true);
					const ends = [...text.slice(0, max).matchAll(/[.!?…]"?(?= )/g)].map((m) => m.index + m[0].length);
					expect(Math.max(0, ...ends)).toBeLessThan(max / 2);
				}
			}),
		);
	});

	it('cuts a single giant word only as a last resort, not inside a surrogate pair', () => {
		expect(truncate('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}${ELLIPSIS}`);
		expect(truncate('😀'.repeat(10), 6)).toBe(`😀😀${ELLIPSIS}`);
	});

	it('joins lines within a limit and says how many were left out', () => {
		const lines = Array.from({ length: 100 }, (_, i) => `line number ${i}`);
		const joined = joinLinesWithin(lines, 200, (n) => `…and ${n} more`);
		expect(joined.length).toBeLessThanOrEqual(200);
		const shown = joined.split('\n');
		expect(shown.at(-1)).toBe(`…and ${100 - (shown.length - 1)} more`);
	});
});

const suggestionArb: fc.Arbitrary<Suggestion> = fc.record({
	title: fc.string({ minLength: 1, maxLength: 300 }),
	documentId: fc.stringMatching(/^[a-z0-9][a-z0-9|-]{0,60}$/),
	question: fc.string({ minLength: 1, maxLength: 300 }),
});

/** An engine that knows only `topics` (and their documents), and the spy counting how often it lists them. */
function fakeEngine(topics: Suggestion[]): {
	engine: AnswerEngine;
	complete: Mock<AnswerEngine['complete']>;
} {
	const complete = vi.fn<AnswerEngine['complete']>(() => topics);
	const documents = () => [...new Set(topics.map((topic) => topic.documentId))].map((id) => ({ id }));
	return { engine: { complete, documents } as unknown as AnswerEngine, complete };
}
const engineWith = (topics: Suggestion[]) => fakeEngine(topics).engine;

/** A topic whose custom id has to be hashed (the question is too long to carry). */
const longTopic = (documentId: string, question: string): Suggestion => ({
	title: question,
	documentId,
	question: `${question} ${'and why '.repeat(12)}?`,
});

describe('suggestion custom ids', () => {
	it('always fit in 100 characters, and a click resolves to the very suggestion, not a neighbour', () => {
		fc.assert(
			fc.property(suggestionArb, suggestionArb, (suggestion, decoy) => {
				fc.pre(suggestion.documentId !== decoy.documentId || suggestion.question !== decoy.question);
				const id = suggestionCustomId(suggestion);
				expect(id.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
				const direct = `dym|${suggestion.documentId}|${suggestion.question}`;
				const carried = direct.length <= CUSTOM_ID_MAX && !suggestion.documentId.includes('|');
				expect(id).toEqual(carried ? direct : expect.stringMatching(/^dyh\|[0-9a-f]{16}$/));
				const ref = parseSuggestionCustomId(id);
				expect(ref?.kind).toBe(carried ? 'direct' : 'hashed');
				const target = ref && resolveSuggestion(ref, engineWith([decoy, suggestion]));
				expect(target).toEqual({ documentId: suggestion.documentId, question: suggestion.question });
			}),
		);
	});

	it('carries the suggestion itself while it fits, up to exactly 100 characters; hashes it beyond', () => {
		const fits = { title: 'T', documentId: 'doc', question: 'q'.repeat(CUSTOM_ID_MAX - 'dym|doc|'.length) };
		expect(suggestionCustomId(fits)).toBe(`dym|doc|${fits.question}`);
		expect(suggestionCustomId({ ...fits, question: `${fits.question}q` })).toMatch(/^dyh\|[0-9a-f]{16}$/);
		// A document id with the separator in it cannot be carried, whatever its length.
		expect(suggestionCustomId({ ...fits, documentId: 'a|b', question: 'q' })).toMatch(/^dyh\|[0-9a-f]{16}$/);
	});

	it('rejects ids the bot never made', () => {
		for (const id of ['', 'dym', 'dym|x', 'dyh|xyz', 'other|a|b', 'dyh|0123456789abcdeg'])
			expect(parseSuggestionCustomId(id)).toBeUndefined();
	});

	it('resolves a hashed id against the current topics, and not once the topic is gone', () => {
		const long = longTopic('doc', 'Why');
		const ref = parseSuggestionCustomId(suggestionCustomId(long));
		expect(ref?.kind).toBe('hashed');
		expect(resolveSuggestion(ref!, engineWith([long]))).toEqual({
			documentId: 'doc',
			question: long.question,
		});
		expect(resolveSuggestion(ref!, engineWith([]))).toBeUndefined();
	});

	it('lists and hashes an engine’s topics once, however many hashed clicks it resolves', () => {
		const topics = Array.from({ length: 50 }, (_, index) =>
			longTopic(`doc-${index % 3}`, `Question ${index}`),
		);
		const refs = [topics[7]!, topics[42]!, topics[7]!].map((topic) =>
			parseSuggestionCustomId(suggestionCustomId(topic))!,
		);
		const gone = parseSuggestionCustomId(suggestionCustomId(longTopic('doc-9', 'Removed')))!;
		const { engine, complete } = fakeEngine(topics);
		expect(refs.map((ref) => resolveSuggestion(ref, engine))).toEqual(
			[topics[7]!, topics[42]!, topics[7]!].map(({ documentId, question }) => ({ documentId, question })),
		);
		expect(resolveSuggestion(gone, engine)).toBeUndefined();
		expect(complete).toHaveBeenCalledTimes(1);

		// A reloaded engine has topics of its own: its map is built from them, once.
		const reloaded = fakeEngine(topics.slice(0, 10));
		expect(resolveSuggestion(refs[0]!, reloaded.engine)).toEqual({
			documentId: topics[7]!.documentId,
			question: topics[7]!.question,
		});
		expect(resolveSuggestion(refs[1]!, reloaded.engine)).toBeUndefined();
		expect(reloaded.complete).toHaveBeenCalledTimes(1);
		expect(complete).toHaveBeenCalledTimes(1);
	});
});

const answerArb: fc.Arbitrary<Answer> = fc.record({
	question: fc.string({ maxLength: 50 }),
	kind: fc.constantFrom('answer' as const, 'abstain' as const, 'smalltalk' as const),
	answered: fc.boolean(),
	text: fc.oneof(
		fc.string({ maxLength: 9000 }),
		words.map((w) => w.join(' ')),
	),
	source: fc.record({
		documentId: fc.string({ minLength: 1, maxLength: 40 }),
		document: fc.string({ minLength: 1, maxLength: 600 }),
		title: fc.string({ minLength: 1, maxLength: 1500 }),
		kind: fc.constantFrom('faq' as const, 'section' as const, 'fact' as const),
	}),
	score: fc.double({ min: 0, max: 1, noNaN: true }),
	suggestions: fc.array(suggestionArb, { maxLength: 6 }),
});

describe('renderAnswer', () => {
	it('produces a body Discord accepts once the reply helper has fitted it, whatever the answer', () => {
		fc.assert(
			fc.property(answerArb, (answer) => {
				const body = fitBody(renderAnswer(answer));
				expect(validateMessageBody(body, { requireContent: false })).toEqual([]);
				expect((body.content ?? '').length).toBeLessThanOrEqual(MESSAGE_CONTENT_MAX);
				for (const embed of body.embeds ?? []) {
					expect(embed.description?.length ?? 0).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
					expect(embedLength(embed)).toBeLessThanOrEqual(EMBED_TOTAL_MAX);
				}
				expect((body.components ?? []).flatMap((row) => row.components).length).toBeLessThanOrEqual(3);
				for (const row of body.components ?? [])
					for (const button of row.components) {
						if (!('label' in button)) throw new Error('an answer has buttons only');
						expect(button.label?.length ?? 0).toBeLessThanOrEqual(BUTTON_LABEL_MAX);
						expect(button.custom_id.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
					}
			}),
			{ numRuns: 300 },
		);
	});
});

/** Short texts as often as long ones, so that counts (fields, buttons) reach their limits too. */
const text = (maxLength: number) =>
	fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ minLength: 1, maxLength, size: 'max' }));

/** Bodies with texts up to `long` characters, and up to `many` embeds, fields, rows and buttons. */
function bodyArb(long: number, many: number): fc.Arbitrary<ReplyBody> {
	const embed = fc.record(
		{
			title: text(Math.min(long, 300)),
			description: fc.oneof(
				text(long * 2),
				words.map((w) => w.join(' ')),
			),
			author: fc.record({ name: text(Math.min(long, 300)) }),
			footer: fc.record({ text: text(long) }),
			fields: fc.array(fc.record({ name: text(Math.min(long, 300)), value: text(long) }), {
				maxLength: many * 3,
				size: 'max',
			}),
		},
		{ requiredKeys: [] },
	);
	const rows = fc.array(fc.array(text(Math.min(long, 100)), { minLength: 1, maxLength: many }), {
		maxLength: many,
	});
	return fc.record(
		{
			content: text(long * 2),
			embeds: fc.array(embed, { maxLength: many, size: 'max' }),
			components: rows.map((labels) =>
				labels.map((row, r) => ({
					type: ComponentType.ActionRow as const,
					components: row.map((label, b) => ({
						type: ComponentType.Button as const,
						style: ButtonStyle.Secondary as const,
						label,
						custom_id: `b${r}-${b}`,
					})),
				})),
			),
		},
		{ requiredKeys: [] },
	);
}

describe('the reply helper', () => {
	it('fits any body within every limit Discord checks', () => {
		fc.assert(
			fc.property(bodyArb(2500, 11), (body) => {
				expect(validateMessageBody(fitBody(body), { requireContent: false })).toEqual([]);
			}),
			{ numRuns: 150 },
		);
	});

	it('leaves a body that already fits exactly as it is', () => {
		fc.assert(
			fc.property(bodyArb(600, 3), (body) => {
				fc.pre(validateMessageBody(body, { requireContent: false }).length === 0);
				expect(fitBody(body)).toEqual(body);
			}),
			{ numRuns: 300 },
		);
	});

	it('keeps the start of an over-long embed: title, fields, then as much description as the total leaves', () => {
		const body = fitBody({
			embeds: [
				{
					title: 'Cast',
					fields: [{ name: 'Director', value: 'Len Wiseman' }],
					description: 'word '.repeat(3000),
				},
				{ title: 'Second', description: 'more '.repeat(1000) },
			],
		});
		const [first, second] = body.embeds!;
		expect(first?.title).toBe('Cast');
		expect(first?.fields).toEqual([{ name: 'Director', value: 'Len Wiseman' }]);
		expect(first?.description?.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
		expect(embedLength(first!) + embedLength(second!)).toBeLessThanOrEqual(EMBED_TOTAL_MAX);
		expect(second?.title).toBe('Second');
	});

	it('keeps at most 10 embeds of at most 25 fields, the first ones', () => {
		const fields = Array.from({ length: 30 }, (_, i) => ({ name: `F${i}`, value: 'v' }));
		const embeds = Array.from({ length: 12 }, (_, i) => ({ title: `E${i}`, fields }));
		const fitted = fitBody({ embeds }).embeds!;
		expect(fitted.map((e) => e.title)).toEqual(embeds.slice(0, 10).map((e) => e.title));
		for (const embed of fitted) expect(embed.fields).toEqual(fields.slice(0, 25));
	});

	it('locks every mention unless users are named, and then lets only those be pinged', () => {
		expect(allowedMentions()).toEqual({ parse: [], repliedUser: false });
		expect(allowedMentions({ users: ['123456789012345678'] })).toEqual({
			parse: [],
			users: ['123456789012345678'],
			repliedUser: false,
		});
		expect(allowedMentions({ repliedUser: true })).toEqual({ parse: [], repliedUser: true });
	});
});
