import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildEngine, DEFAULT_THRESHOLD } from '../answer/engine.js';
import type { Answer } from '../answer/types.js';
import { loadKnowledge } from '../knowledge/load.js';
import { formatProblem } from '../knowledge/report.js';
import { loadConfigOrExit, unusableKnowledge } from '../startup.js';
import { parseCliArgs } from './args.js';
import {
	qualityMarkdown,
	reliabilityBins,
	reliabilitySvg,
	textTable,
	type SetResult,
} from './eval-report.js';
import { missCauses, rankingCandidates, scoreAnswers, topicsOffered } from './eval-score.js';
import { EvalSetError, partOf, publicSets, readEvalSet, type EvalSet } from './eval-sets.js';

/**
 * `npm run eval`: scores the engine on every public question set (or one, with --set) by the sets'
 * own scoring rules, prints one table, and writes bench/results/quality.md with a reliability
 * diagram per set.
 */
const usage = `npm run eval -- [--set dev|dev2|stackfaq|<file.jsonl>] [--dir <knowledge>] [--part all|tune|check]
                    [--threshold <0..1>] [--shared <folder>] [--verbose]
  Scores every public set (../shared) and writes bench/results/quality.md; --set scores one.
  --dir        the knowledge folder a --set file is asked against (default: KNOWLEDGE_DIR, from .env too)
  --part       tune / check: one fixed half of each set, to check a change on questions not looked at
  --threshold  abstain below this confidence instead of the engine's default
  --verbose    list every question that was not right`;

const args = parseCliArgs(
	() =>
		parseArgs({
			options: {
				set: { type: 'string' },
				dir: { type: 'string' },
				part: { type: 'string', default: 'all' },
				threshold: { type: 'string' },
				shared: { type: 'string', default: '../shared' },
				verbose: { type: 'boolean', short: 'v', default: false },
			},
		}).values,
	z.object({
		set: z.string().min(1).optional(),
		dir: z.string().min(1).optional(),
		part: z.enum(['all', 'tune', 'check']),
		threshold: z.coerce.number().min(0).max(1).optional(),
		shared: z.string().min(1),
		verbose: z.boolean(),
	}),
	usage,
);

const ownKnowledge = args.dir ?? loadConfigOrExit().knowledgeDir;
const known = publicSets(args.shared, ownKnowledge);
const sets: EvalSet[] =
	args.set === undefined
		? known
		: [
				known.find((s) => s.name === args.set) ?? {
					name: args.set,
					about: args.set,
					file: args.set,
					knowledgeDir: ownKnowledge,
				},
			];
const threshold = args.threshold ?? DEFAULT_THRESHOLD;

async function scoreSet(set: EvalSet): Promise<SetResult> {
	const cases = partOf(await readEvalSet(set.file), args.part);
	const { knowledge, problems } = await loadKnowledge(set.knowledgeDir);
	const unusable = unusableKnowledge(set.knowledgeDir, knowledge.documents.length, problems);
	if (unusable !== undefined) throw new EvalSetError(`Cannot score ${set.name}: ${unusable}`);
	for (const problem of problems) console.error(formatProblem(problem, set.knowledgeDir));
	const engine = buildEngine(knowledge, { threshold });
	const rankingOnly = buildEngine(knowledge, { threshold: 0 });
	const report = scoreAnswers(cases, (q) => engine.ask(q));
	// The ranking alone is read for the first candidates and again for the misses' causes: each
	// question is asked of it once (the engine is deterministic).
	const rankingAnswers = new Map<string, Answer>();
	const rankingAlone = (q: string): Answer => {
		let answer = rankingAnswers.get(q);
		if (!answer) rankingAnswers.set(q, (answer = rankingOnly.ask(q)));
		return answer;
	};
	const ranking = rankingCandidates(cases, rankingAlone);
	if (args.verbose) {
		console.log(`\n${set.name}:`);
		for (const row of report.rows) {
			if (row.outcome === 'right') continue;
			console.log(`${row.outcome.toUpperCase().padEnd(6)} [${row.kind}] ${row.question}`);
			console.log(
				`        -> (${row.answer.score}) ${row.answer.source?.title ?? `[${row.answer.abstention ?? row.answer.kind}]`}: ${row.answer.text.slice(0, 100).replace(/\n/g, ' ')}`,
			);
		}
	}
	return {
		name: set.name,
		about: set.about,
		questions: cases.length,
		report,
		rankingRight: ranking.firstRight,
		candidates: ranking.candidates,
		misses: missCauses(cases, report, rankingAlone),
		// A click asks the suggestion's question within its document, as the Discord button does.
		offered: topicsOffered(cases, report, (suggestion) =>
			engine.ask(suggestion.question, { documentId: suggestion.documentId }),
		),
	};
}

try {
	const results: SetResult[] = [];
	for (const set of sets) results.push(await scoreSet(set));
	console.log(textTable(results));
	// The written report is of the whole public sets at the default threshold, never of a part.
	if (args.set === undefined && args.part === 'all' && args.threshold === undefined) {
		const folder = 'bench/results';
		await mkdir(folder, { recursive: true });
		const date = new Date().toISOString().slice(0, 10);
		await writeFile(join(folder, 'quality.md'), qualityMarkdown(results, threshold, date));
		for (const result of results) {
			const svg = reliabilitySvg(
				`${result.name}: confidence vs share right`,
				reliabilityBins(result.candidates),
				threshold,
			);
			await writeFile(join(folder, `quality-${result.name}.svg`), svg);
		}
		console.log(`\nwrote ${folder}/quality.md`);
	}
} catch (error) {
	if (!(error instanceof EvalSetError)) throw error;
	console.error(error.message);
	process.exit(1);
}
