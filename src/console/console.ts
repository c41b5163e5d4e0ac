/**
 * The local console: the same engine and commands as the Discord bot, in a terminal, so the bot
 * is useful (and testable) before anyone has a token. Interactive on a TTY; fed from a pipe it
 * answers each line and ends with the input.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { describeCast, formatReleaseDate } from '../answer/facts.js';
import { renderAnswerText } from '../answer/render-text.js';
import type { KnowledgeService, ReloadReport } from '../answer/service.js';
import { formatProblem } from '../knowledge/report.js';

export interface ConsoleOptions {
	input: Readable;
	output: Writable;
	/** Show a prompt; true on a terminal. */
	interactive: boolean;
}

export const CONSOLE_BANNER = [
	'Local console (no DISCORD_TOKEN set). To connect to Discord, put DISCORD_TOKEN=... in .env (see .env.example) and run `npm start` again.',
	'Type a question, or /help for the commands (/release, /cast, /faq, /reload); quit to leave.',
].join('\n');

/**
 * Typed alone, these words are what someone means as the command, not a question to the
 * knowledge ("help" answered as "I don't know" was the first thing new users hit).
 */
const BARE_COMMANDS = new Set(['help', 'reload', 'quit', 'exit']);

const HELP = [
	'Ask any question, or use a command:',
	'  /release [title]  release date',
	'  /cast [title]     cast and director',
	'  /faq [title]      the FAQ questions',
	'  /reload           reload the knowledge folder',
	'  /help             this help;  /quit  leave',
	'(help, reload, quit and exit also work without the slash)',
].join('\n');

export function describeReload(report: ReloadReport): string {
	if (!report.ok) {
		const problems = report.problems.map((problem) => `  ${formatProblem(problem)}`);
		return [
			`Reload refused: ${report.problems.length} problem(s); still serving the previous knowledge.`,
			...problems,
		].join('\n');
	}
	const { counts, diff } = report;
	const changes = (
		[
			['document', diff.documents],
			['section', diff.sections],
			['FAQ', diff.faqEntries],
		] as const
	).flatMap(([label, named]) => [
		...named.added.map((n) => `  + ${label} ${n}`),
		...named.removed.map((n) => `  - ${label} ${n}`),
		...named.changed.map((n) => `  ~ ${label} ${n}`),
	]);
	return [
		`Reloaded: ${counts.documents} document(s), ${counts.sections} section(s), ${counts.faqEntries} FAQ entries.`,
		...(changes.length > 0 ? changes : ['  no changes']),
	].join('\n');
}

/** Handles one line; returns the text to print, or undefined to quit. */
export async function handleConsoleLine(
	service: KnowledgeService,
	line: string,
): Promise<string | undefined> {
	const text = line.trim();
	if (text === '') return '';
	const bare = text.toLowerCase();
	const command = BARE_COMMANDS.has(bare) ? ['', bare, ''] : /^\/(\w+)\s*(.*)$/.exec(text);
	if (!command) return renderAnswerText(service.engine.ask(text));
	const [, name = '', argument = ''] = command;
	const engine = service.engine;
	const documentId = argument ? engine.findDocument(argument) : engine.documents()[0]?.id;
	const unknownTitle = `No document called "${argument}". Known: ${
		engine
			.documents()
			.map((d) => d.title)
			.join(', ') || 'none'
	}.`;
	switch (name.toLowerCase()) {
		case 'quit':
		case 'exit':
			return undefined;
		case 'help':
			return HELP;
		case 'reload':
			return describeReload(await service.reload());
		case 'release': {
			const facts = documentId && engine.facts(documentId);
			if (!documentId) return unknownTitle;
			return facts && facts.releaseDate
				? `Release date: ${formatReleaseDate(facts.releaseDate)}`
				: 'The knowledge has no release date for that.';
		}
		case 'cast': {
			const facts = documentId && engine.facts(documentId);
			if (!documentId) return unknownTitle;
			if (!facts || (facts.cast.length === 0 && facts.directors.length === 0))
				return 'The knowledge names no cast for that.';
			const lines = describeCast(facts).map((c) => `  • ${c}`);
			if (facts.directors.length > 0)
				lines.push(`Directed by ${facts.directors.map((d) => d.name).join(', ')}`);
			return ['Cast:', ...lines].join('\n');
		}
		case 'faq': {
			if (!documentId) return unknownTitle;
			const questions = engine.faqQuestions(documentId);
			return questions.length > 0 ? questions.map((q, i) => `${i + 1}. ${q}`).join('\n') : 'No FAQ entries.';
		}
		default:
			return `Unknown command /${name}. ${HELP}`;
	}
}

export async function runConsole(service: KnowledgeService, options: ConsoleOptions): Promise<void> {
	const print = (text: string) => options.output.write(`${text}\n`);
	print(CONSOLE_BANNER);
	const lines = createInterface({ input: options.input, terminal: false, crlfDelay: Infinity });
	const prompt = () => options.interactive && options.output.write('> ');
	prompt();
	for await (const line of lines) {
		const reply = await handleConsoleLine(service, line);
		if (reply === undefined) break;
		if (reply !== '') print(reply);
		prompt();
	}
	lines.close();
}
