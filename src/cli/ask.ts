import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { renderAnswerText, toAnswerJson } from '../answer/render-text.js';
import { KnowledgeService } from '../answer/service.js';
import { formatProblem } from '../knowledge/report.js';
import { parseCliArgs } from './args.js';

/**
 * `npm run ask -- "question"` (human-readable), `--json "question"` (one JSON object) or
 * `--jsonl` (one question per line on stdin, one JSON object per line on stdout, in order).
 */
const usage =
	'npm run ask -- [--json] [--dir <knowledge>] "question"  |  npm run ask -- --jsonl < questions.txt';

const args = parseCliArgs(
	() => {
		const { values, positionals } = parseArgs({
			allowPositionals: true,
			options: {
				json: { type: 'boolean', default: false },
				jsonl: { type: 'boolean', default: false },
				dir: { type: 'string', default: process.env.KNOWLEDGE_DIR ?? 'knowledge' },
			},
		});
		return { ...values, question: positionals.join(' ') };
	},
	z
		.object({ json: z.boolean(), jsonl: z.boolean(), dir: z.string().min(1), question: z.string() })
		.refine((a) => a.jsonl || a.question.trim() !== '', {
			message: 'give a question, or --jsonl to read stdin',
		})
		.refine((a) => !(a.jsonl && a.question.trim() !== ''), {
			message: '--jsonl reads questions from stdin only',
		}),
	usage,
);

const { service, problems } = await KnowledgeService.open(args.dir);
for (const problem of problems) console.error(`warning: ${formatProblem(problem, args.dir)}`);

if (args.jsonl) {
	for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
		if (line.trim() === '') continue;
		process.stdout.write(`${JSON.stringify(toAnswerJson(service.engine.ask(line)))}\n`);
	}
} else {
	const answer = service.engine.ask(args.question);
	console.log(args.json ? JSON.stringify(toAnswerJson(answer)) : renderAnswerText(answer));
}
