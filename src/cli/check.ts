/**
 * `npm run check [-- --dir <path>]`: validates the knowledge folder and prints every problem as
 * `file:line: field: message`, then a summary. Exits 1 when there is any problem, 2 on bad usage.
 */
import { z } from 'zod';
import { loadKnowledge } from '../knowledge/load.js';
import { formatProblem, summarizeKnowledge } from '../knowledge/report.js';
import { loadConfigOrExit, unusableKnowledge } from '../startup.js';

const USAGE =
	'usage: npm run check -- [--dir <knowledge folder>]\nValidates the knowledge folder (default: KNOWLEDGE_DIR from the environment or .env, else knowledge/); exits 1 on any problem.';

const argsSchema = z.strictObject({
	dir: z
		.string({ error: '--dir needs a folder path, e.g. --dir knowledge' })
		.min(1, { error: '--dir needs a folder path, e.g. --dir knowledge' })
		.optional(),
	help: z.literal(true).optional(),
});

type CheckArgs = z.output<typeof argsSchema>;

/** Parses `--dir <path>`, `--dir=<path>` and `--help`; returns an error message for anything else. */
function parseArgs(argv: readonly string[]): { ok: true; args: CheckArgs } | { ok: false; error: string } {
	const raw: Record<string, unknown> = {};
	for (let index = 0; index < argv.length; index++) {
		const token = argv[index] ?? '';
		if (token === '-h') {
			raw.help = true;
			continue;
		}
		if (!token.startsWith('--')) return { ok: false, error: `unexpected argument '${token}'` };
		const equals = token.indexOf('=');
		const name = token.slice(2, equals === -1 ? undefined : equals);
		if (equals !== -1) {
			raw[name] = token.slice(equals + 1);
		} else if (name === 'help') {
			raw[name] = true;
		} else {
			const next = argv[index + 1];
			raw[name] = next === undefined || next.startsWith('--') ? true : next;
			if (raw[name] !== true) index++;
		}
	}
	const result = argsSchema.safeParse(raw);
	if (result.success) return { ok: true, args: result.data };
	const messages = result.error.issues.flatMap((issue) =>
		issue.code === 'unrecognized_keys'
			? issue.keys.map((key) => `unknown option '--${key}' — allowed: --dir, --help`)
			: [issue.message],
	);
	return { ok: false, error: messages.join('\n') };
}

async function main(): Promise<number> {
	const parsed = parseArgs(process.argv.slice(2));
	if (!parsed.ok) {
		console.error(`${parsed.error}\n${USAGE}`);
		return 2;
	}
	if (parsed.args.help) {
		console.log(USAGE);
		return 0;
	}
	const directory = parsed.args.dir ?? loadConfigOrExit().knowledgeDir;
	const { knowledge, problems } = await loadKnowledge(directory);
	for (const problem of problems) console.log(formatProblem(problem, directory));
	// An empty folder has no problem file by file, but the bot would refuse to start on it.
	const empty = problems.length === 0 && unusableKnowledge(directory, knowledge.documents.length, problems);
	if (empty) console.log(empty);
	console.log(summarizeKnowledge(knowledge, problems.length + (empty ? 1 : 0)));
	return problems.length > 0 || empty ? 1 : 0;
}

process.exitCode = await main();
