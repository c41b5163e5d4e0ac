/**
 * Where the engine's time and memory go at a given generated size (a companion to `npm run bench`):
 * build time of each part of the index, postings per query term, and candidates per question.
 *
 *   node --expose-gc --import tsx bench/diagnose.ts [entries=100000] [perDocument=500] [question ...]
 */
import { documentTargets } from '../src/answer/targets.js';
import type { SearchIndex } from '../src/search/search-index.js';
import { indexEntries } from '../testkit/search-index.js';
import { analyseQuestion, indexedWords } from '../src/search/query.js';
import { rank } from '../src/search/rank.js';
import { benchQuestions, generateKnowledge } from './lib/generate.js';
import { median, timed } from '../testkit/stats.js';

const [entriesArg = '100000', perDocumentArg = '500', ...questionArgs] = process.argv.slice(2);
const heap = () => {
	global.gc?.();
	return process.memoryUsage().heapUsed / 2 ** 20;
};

const { knowledge } = generateKnowledge({
	entries: Number(entriesArg),
	perDocument: Number(perDocumentArg),
	seed: 20_251_125,
});
const synonyms = {
	global: knowledge.synonyms,
	byScope: new Map(knowledge.documents.map((d) => [d.id, d.synonyms])),
};
const h0 = heap();
const targets = timed(() => knowledge.documents.flatMap((d) => documentTargets(d).entries));
const h1 = heap();
const full = timed(() => indexEntries(targets.value, synonyms));
const h2 = heap();
const index = full.value;
const stopWordIndex = index.stopWordIndex!;
/** Units of a term over all segments. */
const postingsOf = (term: string): number[] =>
	index.segments.flatMap((segment, n) => {
		const id = index.termId(term);
		const local = id === undefined ? undefined : segment.localId(id);
		if (local === undefined) return [];
		const units = segment.postingUnits.subarray(segment.postingStart[local], segment.postingStart[local + 1]);
		return Array.from(units, (unit) => index.unitBase[n]! + unit);
	});
const termsOf = (search: SearchIndex) =>
	new Set(search.segments.flatMap((segment) => Array.from(segment.termIds, (id) => search.lexicon.text(id))));
console.log(`documents ${knowledge.documents.length}, entries ${targets.value.length}`);
console.log(`search entries ${targets.ms.toFixed(0)} ms (+${(h1 - h0).toFixed(0)} MiB heap)`);
console.log(
	`SearchIndex (content index + stop-word index), built as the engine builds it: ${full.ms.toFixed(0)} ms (+${(h2 - h1).toFixed(0)} MiB); content ${index.unitCount} units, ${termsOf(index).size} terms; stop-word index ${stopWordIndex.unitCount} units, ${termsOf(stopWordIndex).size} terms`,
);
console.log('10 longest posting lists (units):');
console.log(
	[...termsOf(index)]
		.map((term) => [term, index.unitFrequency(term)] as const)
		.sort((a, b) => b[1] - a[1])
		.slice(0, 10)
		.map(([term, units]) => `${term} ${units}`)
		.join(', '),
);

const questions =
	questionArgs.length > 0 ? questionArgs : benchQuestions(knowledge, 20, 7).map((q) => q.text);
const median3 = (fn: () => unknown) => median([0, 1, 2].map(() => timed(fn).ms));
// Warm up the ranking code first, so the figures are those of a running bot.
for (const q of benchQuestions(knowledge, 30, 8)) rank(index, q.text);
const oneScope = [index.scopes[0]!];
console.log(
	'rank ms, median of 3: all documents | one document only | units sharing a term | [term:postings] question',
);
for (const question of questions) {
	const terms = indexedWords(index, analyseQuestion(index, question));
	const lists = terms.map((t) => `${t.stem}${t.similarity < 1 ? '~' : ''}:${index.unitFrequency(t.stem)}`);
	const union = new Set(terms.flatMap((t) => postingsOf(t.stem)));
	const all = median3(() => rank(index, question));
	const one = median3(() => rank(index, question, { scopes: oneScope }));
	console.log(
		`${all.toFixed(1).padStart(7)} | ${one.toFixed(1).padStart(7)} | ${String(union.size).padStart(7)} | [${lists.join(' ')}] ${question}`,
	);
}
