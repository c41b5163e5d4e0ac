import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { renderAnswerText } from '../answer/render-text.js';
import { formatProblem } from '../knowledge/report.js';
import { loadConfigOrExit, openKnowledgeOrExit } from '../startup.js';
import { blankLineJson, toAnswerJson } from './answer-json.js';
import { parseCliArgs } from './args.js';

/**
 * `npm run ask -- "question"` (human-readable), `--json "question"` (one JSON object) or
 * `--jsonl` (one question per line on stdin, one JSON object per line on stdout, in order).
 */
const usage = [
	'npm run ask -- [--json] [--dir <knowledge>] "question"  |  npm run ask -- --jsonl [--dir <knowledge>] < questions.txt',
	'Answers from the knowledge folder (default: KNOWLEDGE_DIR from the environment or .env, else knowledge/).',
	'  --json   one JSON object: question, kind (answer | abstain | smalltalk), answered, answer, source, score, suggestions, abstention (why it abstained)',
	'  --jsonl  one question per stdin line, one JSON object per line, in order (a blank line gets an abstention)',
].join('\n');

const args = parseCliArgs(
	() => {
		const { values, positionals } = parseArgs({
			allowPositionals: true,
			options: {
				json: { type: 'boolean', default: false },
				jsonl: { type: 'boolean', default: false },
				dir: { type: 'string' },
			},
		});
		return { ...values, question: positionals.join(' ') };
	},
	z
		.object({
			json: z.boolean(),
			jsonl: z.boolean(),
			dir: z.string().min(1, '--dir needs a folder path').optional(),
			question: z.string(),
		})
		.refine((a) => a.jsonl || a.question.trim() !== '', {
			message: 'give a question, or --jsonl to read stdin',
		})
		.refine((a) => !(a.jsonl && a.question.trim() !== ''), {
			message: '--jsonl reads questions from stdin only',
		}),
	usage,
);

const directory = args.dir ?? loadConfigOrExit().knowledgeDir;
const { service, problems } = await openKnowledgeOrExit(directory);
for (const problem of problems) console.error(`warning: ${formatProblem(problem, directory)}`);

if (args.jsonl) {
	for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
		// Still one object per line, so output line n always belongs to input line n.
		const json = line.trim() === '' ? blankLineJson(line) : toAnswerJson(service.engine.ask(line));
		process.stdout.write(`${JSON.stringify(json)}\n`);
	}
} else {
	const answer = service.engine.ask(args.question);
	console.log(args.json ? JSON.stringify(toAnswerJson(answer)) : renderAnswerText(answer));
}
