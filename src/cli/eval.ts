import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { KnowledgeService } from '../answer/service.js';
import { scoreAnswers, type EvalCase } from './eval-score.js';
import { formatProblem } from '../knowledge/report.js';
import { parseCliArgs } from './args.js';

/**
 * `npm run eval`: scores the engine on a question set by the rule in ../shared/eval/README.md and
 * prints in-scope accuracy, wrong answers and abstention rates.
 */
const evalCaseSchema = z.object({
	q: z.string(),
	kind: z.enum(['in', 'oos', 'oos-hard']),
	expect: z.array(z.array(z.string()).min(1)).nullable(),
});

const args = parseCliArgs(
	() =>
		parseArgs({
			options: {
				set: { type: 'string', default: '../shared/eval/dev.jsonl' },
				dir: { type: 'string', default: process.env.KNOWLEDGE_DIR ?? 'knowledge' },
				verbose: { type: 'boolean', short: 'v', default: false },
			},
		}).values,
	z.object({ set: z.string(), dir: z.string(), verbose: z.boolean() }),
	'npm run eval -- [--set <file.jsonl>] [--dir <knowledge>] [--verbose]',
);

const lines = (await readFile(args.set, 'utf8')).split('\n').filter((line) => line.trim() !== '');
const cases: EvalCase[] = lines.map((line, i) => {
	const parsed = evalCaseSchema.safeParse(JSON.parse(line));
	if (!parsed.success) {
		console.error(`${args.set}:${i + 1}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
		process.exit(1);
	}
	return parsed.data;
});

const { service, problems } = await KnowledgeService.open(args.dir);
for (const problem of problems) console.error(formatProblem(problem, args.dir));
const report = scoreAnswers(cases, (q) => service.engine.ask(q));

if (args.verbose) {
	for (const row of report.rows) {
		if (row.outcome === 'right') continue;
		console.log(`${row.outcome.toUpperCase().padEnd(6)} [${row.kind}] ${row.question}`);
		console.log(
			`        -> (${row.answer.score}) ${row.answer.source?.title ?? '-'}: ${row.answer.text.slice(0, 100)}`,
		);
	}
}
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(
	`questions: ${cases.length} (in ${report.inScope.total}, oos ${report.oos.total}, oos-hard ${report.oosHard.total})`,
);
console.log(
	`in-scope accuracy: ${pct(report.inScope.rate)} (${report.inScope.right}/${report.inScope.total}), wrong answers: ${report.wrong}, misses (abstained): ${report.missed}`,
);
console.log(
	`abstention: oos ${pct(report.oos.rate)} (${report.oos.right}/${report.oos.total}), oos-hard ${pct(report.oosHard.rate)} (${report.oosHard.right}/${report.oosHard.total})`,
);
