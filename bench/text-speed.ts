/**
 * Speed of text normalisation (`foldText`, `words`, `stem`, `terms` from src/search/text.ts) on
 * the texts the engine folds: every FAQ question, alternate and answer of a generated 100k-entry
 * knowledge base (what indexing folds), and a few thousand chat questions (what answering folds).
 * Each figure is the fastest of several passes over the whole set (see `compare`). The
 * pre-optimisation `foldText` is kept below as the baseline, so before and after are measured in
 * the same process, and every text is checked to give the same words both ways.
 *
 *   node --expose-gc --import tsx bench/text-speed.ts [entries=100000] [runs=5]
 *
 * (`--expose-gc` is optional: with it, every pass starts after a full collection.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { stemmer } from 'stemmer';
import { foldText, isStopWord, stem, terms, words } from '../src/search/text.js';
import { referenceFold, referenceWords } from '../testkit/fold-reference.js';
import { benchQuestions, generateKnowledge } from './lib/generate.js';
import { DEFAULT_CLINC_PATH } from './lib/clinc-data.js';
import { Random } from '../testkit/random.js';
import { ms, percentile, textTable } from '../testkit/stats.js';

const [entriesArg = '100000', runsArg = '5'] = process.argv.slice(2);
const RUNS = Number(runsArg);

// --- Baseline: foldText / words / stem as they were before the fast path (verbatim). ---
const baselineFold = referenceFold;
const baselineWords = referenceWords;
const baselineStemCache = new Map<string, string>();
function baselineStem(word: string): string {
	let stemmed = baselineStemCache.get(word);
	if (stemmed === undefined) {
		stemmed = /^\d+$/.test(word) ? word : stemmer(word);
		if (baselineStemCache.size < 200_000) baselineStemCache.set(word, stemmed);
	}
	return stemmed;
}
function baselineTerms(text: string): string[] {
	return baselineWords(text)
		.filter((word) => !isStopWord(word))
		.map(baselineStem);
}

// --- The texts. ---
const { knowledge, entries } = generateKnowledge({ entries: Number(entriesArg), perDocument: 500, seed: 7 });
const knowledgeTexts = knowledge.documents.flatMap((d) =>
	d.faq.flatMap((e) => [e.question, ...(e.alternates ?? []), e.answer]),
);

const plainQuestions = benchQuestions(knowledge, 4000, 11).map((q) => q.text);

/**
 * The same questions as people type them in Discord: some address the bot with a mention, some
 * come from phones with curly apostrophes, capitals and emoji, a few carry accents or a
 * zero-width space pasted from the web.
 */
function discordStyled(texts: readonly string[], seed: number): string[] {
	const random = new Random(seed);
	const openers = ["what's", "can't", "i'm", "where's", "doesn't", "it's", "you're", "i've"];
	const emoji = ['😭', '🙏', '👀', '😅', ':)', '<:pepe:123456789012345678>'];
	return texts.map((text) => {
		let out = text;
		if (random.chance(0.3)) out = `${random.pick(openers)} ${out}`;
		if (random.chance(0.2)) out = out.charAt(0).toUpperCase() + out.slice(1);
		if (random.chance(0.25)) out = out.replace(/'/g, '’');
		if (random.chance(0.25)) out = `<@${1_000_000_000_000_000 + random.int(1e9)}> ${out}`;
		if (random.chance(0.15)) out = `${out} ${random.pick(emoji)}`;
		if (random.chance(0.05)) out = out.replace(/e/, 'é');
		if (random.chance(0.02)) out = out.replace(' ', '\u200B ');
		return out;
	});
}
const discordQuestions = discordStyled(plainQuestions, 12);

const sets: { name: string; texts: string[] }[] = [
	{ name: `knowledge (${entries} entries)`, texts: knowledgeTexts },
	{ name: 'chat questions, plain', texts: plainQuestions },
	{ name: 'chat questions, Discord-styled', texts: discordQuestions },
];
const clincPath = process.env.CLINC_DATA ?? DEFAULT_CLINC_PATH;
if (existsSync(clincPath)) {
	const data = JSON.parse(readFileSync(clincPath, 'utf8')) as {
		test: [string, string][];
		oos_test: [string, string][];
	};
	sets.push({ name: 'CLINC150 test utterances', texts: [...data.test, ...data.oos_test].map(([u]) => u) });
}

// --- Equivalence check before timing anything. ---
for (const { name, texts } of sets) {
	let differences = 0;
	for (const text of texts) {
		if (foldText(text) !== baselineFold(text)) differences++;
		else if (words(text).join('\u0000') !== baselineWords(text).join('\u0000')) differences++;
		else if (terms(text).join('\u0000') !== baselineTerms(text).join('\u0000')) differences++;
	}
	if (differences > 0) {
		console.error(`${name}: ${differences} texts fold differently from the baseline`);
		process.exitCode = 1;
	}
}

/**
 * One timed pass of `fn` over `texts`: milliseconds of CPU time (user + system) of this process,
 * which, unlike wall time, does not count the time other processes hold the CPU.
 */
function pass(texts: readonly string[], fn: (text: string) => unknown): number {
	global.gc?.();
	let sink = 0;
	const start = process.cpuUsage();
	for (const text of texts) {
		const value = fn(text);
		sink += typeof value === 'string' ? value.length : (value as unknown[]).length;
	}
	const { user, system } = process.cpuUsage(start);
	if (sink < 0) console.log(sink);
	return (user + system) / 1000;
}

/**
 * Before and after, timed in alternating passes (after one warm-up pass each) so that load from
 * other processes falls on both alike; the fastest pass of each is reported, as the figure least
 * disturbed by that load, with the median alongside.
 */
function compare(
	texts: readonly string[],
	before: (text: string) => unknown,
	after: (text: string) => unknown,
): { before: number[]; after: number[] } {
	pass(texts, before);
	pass(texts, after);
	const times = { before: [] as number[], after: [] as number[] };
	for (let i = 0; i < RUNS; i++) {
		times.before.push(pass(texts, before));
		times.after.push(pass(texts, after));
	}
	return times;
}

const ascii = (text: string) => [...text].every((char) => char.charCodeAt(0) < 128);
const rows: string[][] = [
	[
		'set',
		'texts',
		'words',
		'ASCII',
		'function',
		'before ms',
		'after ms',
		'speed-up',
		'median before',
		'median after',
	],
];
for (const { name, texts } of sets) {
	// Small sets are passed over repeatedly so each timing is long enough to be stable.
	const repeat = Math.max(1, Math.round(200_000 / texts.length));
	const passes = repeat > 1 ? Array.from({ length: repeat }, () => texts).flat() : texts;
	const wordCount = texts.reduce((sum, text) => sum + baselineWords(text).length, 0);
	const asciiShare = texts.filter(ascii).length / texts.length;
	let allWords: string[] | undefined = passes.flatMap(baselineWords);
	const measured: [string, { before: number[]; after: number[] }][] = [
		['stem (every word)', compare(allWords, baselineStem, stem)],
	];
	allWords = undefined;
	measured.push(
		['words', compare(passes, baselineWords, words)],
		['foldText', compare(passes, baselineFold, foldText)],
		['terms', compare(passes, baselineTerms, terms)],
	);
	measured.forEach(([fn, times], i) => {
		const before = Math.min(...times.before);
		const after = Math.min(...times.after);
		rows.push([
			i === 0 ? name : '',
			i === 0 ? String(texts.length) : '',
			i === 0 ? String(wordCount) : '',
			i === 0 ? `${(asciiShare * 100).toFixed(0)}%` : '',
			fn,
			ms(before / repeat),
			ms(after / repeat),
			`${(before / after).toFixed(2)}x`,
			ms(percentile(times.before, 50) / repeat),
			ms(percentile(times.after, 50) / repeat),
		]);
	});
}
console.log(
	`node ${process.version}, ${RUNS} alternating passes each; CPU ms per pass over the whole set (fastest pass)`,
);
console.log(textTable(rows));
