/**
 * The engine's answers, byte for byte, against a record made from `main` before the knowledge was
 * stored compactly (packed FAQ texts, a rewritten index builder, narrower index arrays): how the
 * knowledge is kept in memory must never change what a user reads.
 *
 * Three knowledge sets, each loaded through `KnowledgeService.open` as the bot loads it, once in
 * the loading thread and once through the parse workers: the repository's own knowledge folder
 * (Markdown sections, facts, known gaps, synonyms), the fixture folder `good` (FAQ lists, JSON,
 * guides in a subfolder) and 1,000 generated FAQ entries written as YAML FAQ lists. The questions
 * are derived from the knowledge itself (its questions, alternates and headings, and variants of
 * them with words dropped or swapped), plus the scale benchmark's questions for the generated set
 * and a few fixed off-topic and small-talk lines; autocomplete is checked on prefixes of them.
 *
 * `GOLDEN_ANSWERS=write npx vitest run tests/answer/golden-answers.test.ts` rewrites the record.
 * Do that only on code whose answers are known to be right (e.g. `main`): the record is the
 * reference every later change is held to.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeService } from '../../src/answer/service.js';
import type { AnswerEngine } from '../../src/answer/types.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { benchQuestions, generateKnowledge } from '../../bench/lib/generate.js';
import { writeFaqFiles } from '../../testkit/faq-files.js';
import { Random } from '../../testkit/random.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RECORD = path.join(ROOT, 'tests/fixtures/golden-answers.json');
const WRITE = process.env.GOLDEN_ANSWERS === 'write';

/**
 * Per set: a digest of the files loaded (so a changed input is told apart from a changed answer),
 * and a digest of each answer's JSON and each autocomplete list, in question order (the questions
 * are derived again from the same knowledge, so they need no record; a failure names them).
 */
interface SetRecord {
	files: string;
	answers: string[];
	completions: string[];
}
type Record = { [set: string]: SetRecord };

const OFF_TOPIC = [
	'',
	'hi',
	'thanks!',
	'what is the weather tomorrow in Lisbon',
	'how do I bake sourdough bread',
	'??',
	'what is it about',
	'who is in it',
	'when did it come out',
	'<@123456789012345678> help',
	'Ça coûte combien ?',
	'how much does it cost',
	'can you tell me everything',
];

/** Digest of every file under `dir`, by relative path. */
async function digestOfFolder(dir: string): Promise<string> {
	const hash = createHash('sha256');
	const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
		.sort();
	for (const file of files) hash.update(`${file}\u0000`).update(await readFile(path.join(dir, file)));
	return hash.digest('hex').slice(0, 16);
}

/** A text with one word dropped, or two neighbouring words swapped, chosen by `random`. */
function variant(text: string, random: Random): string {
	const words = text.split(' ');
	if (words.length < 3) return `${text} please`;
	const at = random.int(words.length - 1);
	if (random.int(2) === 0) words.splice(at, 1);
	else [words[at], words[at + 1]] = [words[at + 1]!, words[at]!];
	return words.join(' ');
}

/** The questions asked of a knowledge base: its own phrasings, variants of them, and fixed off-topic lines. */
function questionsOf(knowledge: KnowledgeBase, limit: number, seed: number): string[] {
	const random = new Random(seed);
	const phrasings: string[] = [];
	for (const document of knowledge.documents) {
		for (const entry of document.faq) phrasings.push(entry.question, ...entry.alternates);
		for (const section of document.sections) phrasings.push(section.heading, ...section.alternates);
		phrasings.push(document.title, ...document.aliases.map((alias) => `tell me about ${alias}`));
	}
	const picked = phrasings.length <= limit ? phrasings : random.sample(phrasings, limit);
	return [...picked, ...picked.map((text) => variant(text, random)), ...OFF_TOPIC];
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** Each question with its answer's JSON, and each typed prefix with its autocomplete list's JSON. */
function answersOf(
	engine: AnswerEngine,
	questions: readonly string[],
): { answers: [string, string][]; completions: [string, string][] } {
	const answers = questions.map((q): [string, string] => [q, JSON.stringify(engine.ask(q))]);
	const typed = questions
		.slice(0, 40)
		.flatMap((q) => [q.slice(0, 3), q.slice(0, Math.ceil(q.length / 2)), `${q.split(' ')[0]} `]);
	const completions = typed.map((t): [string, string] => [t, JSON.stringify(engine.complete(t, 5))]);
	return { answers, completions };
}

interface KnowledgeSet {
	name: string;
	/** The folder to load (prepared in beforeAll for generated sets). */
	dir: () => string;
	questions: (knowledge: KnowledgeBase) => string[];
}

let scratch = '';
const generated = generateKnowledge({ entries: 1_000, perDocument: 500, seed: 20_251_125 }).knowledge;

const SETS: KnowledgeSet[] = [
	{ name: 'knowledge/', dir: () => path.join(ROOT, 'knowledge'), questions: (k) => questionsOf(k, 400, 1) },
	{
		name: 'tests/fixtures/knowledge/good',
		dir: () => path.join(ROOT, 'tests/fixtures/knowledge/good'),
		questions: (k) => questionsOf(k, 400, 2),
	},
	{
		name: 'generated 1k',
		dir: () => path.join(scratch, 'generated'),
		questions: (k) => [...questionsOf(k, 200, 3), ...benchQuestions(generated, 200, 7).map((q) => q.text)],
	},
];

const record: Record = WRITE ? {} : (JSON.parse(await readFile(RECORD, 'utf8').catch(() => '{}')) as Record);

describe('answers are what main answered, however the knowledge is stored', () => {
	beforeAll(async () => {
		scratch = await mkdtemp(path.join(tmpdir(), 'faq-golden-'));
		await writeFaqFiles(generated, path.join(scratch, 'generated'));
	});

	afterAll(async () => {
		if (WRITE) await writeFile(RECORD, `${JSON.stringify(record, null, '\t')}\n`);
		if (scratch) await rm(scratch, { recursive: true, force: true });
	});

	for (const set of SETS) {
		// The first run writes the record; the second (the other parse path) must already match it.
		for (const parse of ['in the loading thread', 'in parse workers'] as const) {
			it(`${set.name}, parsed ${parse}`, async () => {
				const dir = set.dir();
				const files = await digestOfFolder(dir);
				// A cold start through the workers (workerThreshold 0), or all in this thread.
				const { service, problems } = await KnowledgeService.open(
					dir,
					{},
					{
						workerThreshold: parse === 'in parse workers' ? 0 : Number.POSITIVE_INFINITY,
					},
				);
				expect(problems).toEqual([]);
				const questions = set.questions(service.knowledge);
				const got = answersOf(service.engine, questions);
				if (WRITE)
					record[set.name] ??= {
						files,
						answers: got.answers.map(([, answer]) => digest(answer)),
						completions: got.completions.map(([, suggestions]) => digest(suggestions)),
					};
				const expected = record[set.name];
				if (!expected)
					throw new Error(`no record for '${set.name}': write it on main (see the top of this file)`);
				expect(
					files,
					`the files of '${set.name}' changed since the record was made: write it again on main`,
				).toBe(expected.files);
				expect(got.answers.length).toBe(expected.answers.length);
				// Question by question, so a failure names the question (and shows the answer) that changed.
				got.answers.forEach(([question, answer], i) =>
					expect(digest(answer), `the answer to '${question}' changed; it is now ${answer}`).toBe(
						expected.answers[i],
					),
				);
				expect(got.completions.length).toBe(expected.completions.length);
				got.completions.forEach(([typed, suggestions], i) =>
					expect(digest(suggestions), `autocomplete of '${typed}' changed; it is now ${suggestions}`).toBe(
						expected.completions[i],
					),
				);
			}, 120_000);
		}
	}
});
