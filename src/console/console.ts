/**
 * The local console: the same engine and commands as the Discord bot, in a terminal, so the bot
 * is useful (and testable) before anyone has a token. Interactive on a TTY; fed from a pipe it
 * answers each line and ends with the input.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import {
	castResult,
	COMMANDS,
	factKind,
	faqResult,
	helpResult,
	releaseResult,
	reloadResult,
	type HelpResult,
	type ReloadResult,
} from '../answer/commands.js';
import { castLine, formatReleaseDate } from '../answer/facts.js';
import { renderAnswerText } from '../answer/render-text.js';
import type { KnowledgeService } from '../answer/service.js';
import type { BotMetrics } from '../metrics/bot-metrics.js';
import { renderStatsText, renderUnansweredText } from '../learning-loop/render-text.js';
import { DEFAULT_UNANSWERED_DAYS, MAX_DAYS, statsReport, unansweredReport } from '../learning-loop/review.js';
import type { LearningStore } from '../storage/store.js';

export interface ConsoleOptions {
	input: Readable;
	output: Writable;
	/** Show a prompt; true on a terminal. */
	interactive: boolean;
	/** The learning database /unanswered and /stats read (the console records nothing into it). */
	learningStore?: ReportStore;
	/** With METRICS_PORT: questions, fact commands and reloads are counted as the bot counts them. */
	metrics?: BotMetrics;
}

/** What the console's /unanswered and /stats read. */
export type ReportStore = Pick<LearningStore, 'questions' | 'outcomeCounts' | 'votesByTopic'>;

const NO_STORE = 'The learning database is not open here, so there is nothing to report.';

/** `/unanswered [days]` and `/stats`, rendered as `npm run unanswered` and `npm run stats` print them. */
async function learningReport(
	store: ReportStore | undefined,
	name: 'unanswered' | 'stats',
	argument: string,
): Promise<string> {
	if (!store) return NO_STORE;
	try {
		if (name === 'stats') return renderStatsText(await statsReport(store));
		const days = argument === '' ? DEFAULT_UNANSWERED_DAYS : Number(argument);
		if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)
			return `/unanswered takes a whole number of days from 1 to ${MAX_DAYS} (default ${DEFAULT_UNANSWERED_DAYS}).`;
		return renderUnansweredText(await unansweredReport(store, days));
	} catch (error) {
		return `The learning database cannot be read now: ${error instanceof Error ? error.message : String(error)}`;
	}
}

export const CONSOLE_BANNER = [
	'Local console (no DISCORD_TOKEN set). To connect to Discord, put DISCORD_TOKEN=... in .env (see .env.example) and run `npm start` again.',
	`Type a question, or /help for the commands (${COMMANDS.map((c) => `/${c.name}`).join(', ')}); quit to leave.`,
].join('\n');

/**
 * Typed alone, these words are what someone means as the command, not a question to the
 * knowledge ("help" answered as "I don't know" was the first thing new users hit).
 */
const BARE_COMMANDS = new Set(['help', 'reload', 'quit', 'exit']);

function renderHelp({ titles, commands }: HelpResult): string {
	return [
		titles.length > 0 ? `I know about: ${titles.join(', ')}.` : 'No knowledge is loaded right now.',
		'Ask any question, or use a command:',
		...commands.map((c) => `  ${`/${c.name}${c.takesTitle ? ' [title]' : ''}`.padEnd(18)}${c.does}`),
		`  ${'/help'.padEnd(18)}this help;  /quit  leave`,
		'(help, reload, quit and exit also work without the slash)',
	].join('\n');
}

function renderReload(result: ReloadResult): string {
	if (!result.ok) {
		return [
			`Reload refused: ${result.problems.length} problem(s); still serving the previous knowledge.`,
			...result.problems.map((problem) => `  ${problem}`),
		].join('\n');
	}
	return [`Reloaded: now serving ${result.serving}.`, ...result.changes.map((line) => `  ${line}`)].join(
		'\n',
	);
}

/** Handles one line; returns the text to print, or undefined to quit. */
export async function handleConsoleLine(
	service: KnowledgeService,
	line: string,
	learningStore?: ReportStore,
	metrics?: BotMetrics,
): Promise<string | undefined> {
	const text = line.trim();
	if (text === '') return '';
	const bare = text.toLowerCase();
	const command = BARE_COMMANDS.has(bare) ? ['', bare, ''] : /^\/(\w+)\s*(.*)$/.exec(text);
	const answered = metrics?.startAnswer();
	if (!command) {
		const answer = service.engine.ask(text);
		answered?.(answer.kind);
		return renderAnswerText(answer);
	}
	const [, name = '', argument = ''] = command;
	const engine = service.engine;
	const title = argument === '' ? undefined : argument;
	switch (name.toLowerCase()) {
		case 'quit':
		case 'exit':
			return undefined;
		case 'help':
			return renderHelp(helpResult(engine));
		case 'reload': {
			const report = await service.reload();
			metrics?.reloadedAlone(report.ok);
			return renderReload(reloadResult(report));
		}
		case 'unanswered':
		case 'stats':
			return learningReport(learningStore, name.toLowerCase() as 'unanswered' | 'stats', argument);
		case 'release': {
			const result = releaseResult(engine, title);
			answered?.(factKind(result));
			if (!result.ok) return result.notice;
			return `${result.document.title} — release date: ${formatReleaseDate(result.releaseDate)}`;
		}
		case 'cast': {
			const result = castResult(engine, title);
			answered?.(factKind(result));
			if (!result.ok) return result.notice;
			const lines = [
				`Cast — ${result.document.title}`,
				...result.cast.map((member) => `  • ${castLine(member)}`),
			];
			if (result.directors.length > 0)
				lines.push(`Directed by ${result.directors.map((d) => d.name).join(', ')}`);
			return lines.join('\n');
		}
		case 'faq': {
			const result = faqResult(engine, title);
			answered?.(factKind(result));
			if (!result.ok) return result.notice;
			return [`FAQ — ${result.document.title}`, ...result.questions.map((q, i) => `${i + 1}. ${q}`)].join(
				'\n',
			);
		}
		default:
			return `Unknown command /${name}. ${renderHelp(helpResult(engine))}`;
	}
}

export async function runConsole(service: KnowledgeService, options: ConsoleOptions): Promise<void> {
	const print = (text: string) => options.output.write(`${text}\n`);
	print(CONSOLE_BANNER);
	const lines = createInterface({ input: options.input, terminal: false, crlfDelay: Infinity });
	const prompt = () => options.interactive && options.output.write('> ');
	prompt();
	for await (const line of lines) {
		const reply = await handleConsoleLine(service, line, options.learningStore, options.metrics);
		if (reply === undefined) break;
		if (reply !== '') print(reply);
		prompt();
	}
	lines.close();
}
