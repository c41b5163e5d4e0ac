/**
 * One size of the scale benchmark, in its own process so memory peaks don't accumulate:
 *
 *   node --expose-gc --import tsx bench/scale-worker.ts <size> prepare --dir <folder>
 *   node --expose-gc --import tsx bench/scale-worker.ts <size> engine [--dir <folder>] [--extra <json>]
 *   node --expose-gc --import tsx bench/scale-worker.ts <size> fuse [--fuse-budget-ms N] [--fuse-max N]
 *
 * `prepare` generates the knowledge and writes it as one YAML FAQ list per document to
 * `<folder>/knowledge/`, with the questions to ask in `<folder>/questions.json`. `engine` then
 * serves that folder the way the bot does — `KnowledgeService.open`, questions, `reload()` — in a
 * process that never held the generated knowledge, so its memory is the bot's: modules, then the
 * loaded knowledge and the engine. (Without `--dir` it prepares a temp folder itself first.)
 *
 * Prints one JSON object (a WorkerResult, or a PrepareResult) on stdout; progress goes to stderr.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { buildEngine } from '../src/answer/engine.js';
import { KnowledgeService, type ReloadReport } from '../src/answer/service.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { KnowledgeBase } from '../src/knowledge/types.js';
import { DEFAULT_CLINC_PATH } from './lib/clinc-data.js';
import type { BenchQuestion } from './lib/generate.js';
import {
	QUESTION_COUNT,
	SIZES,
	type EditCheck,
	type EngineResult,
	type FuseResult,
	type Latency,
	type Memory,
	type PrepareResult,
	type SizeName,
} from './lib/scale-types.js';
import { writeFaqFiles, type FaqFile } from '../testkit/faq-files.js';
import { median, percentile, timed, timedAsync } from '../testkit/stats.js';

const KNOWLEDGE_SEED = 20_251_125;
const QUESTION_SEED = 7;
/** How many times each question is asked; its median time counts. */
const PASSES = 3;
/** No further pass once the passes so far took this long. */
const PASS_BUDGET_MS = 15_000;
/** Reload rounds (one with nothing changed, one after an edit): at most this many… */
const RELOAD_ROUNDS = 3;
/** …and no further round once the rounds so far took this long. */
const RELOAD_BUDGET_MS = 20_000;

const MiB = 1024 * 1024;

function memory(): Memory {
	global.gc?.();
	global.gc?.();
	const m = process.memoryUsage();
	return { rssMiB: m.rss / MiB, heapUsedMiB: m.heapUsed / MiB, externalMiB: m.external / MiB };
}

const peakRssMiB = () => process.resourceUsage().maxRSS / 1024;

function latencyOf(all: number[]): Latency {
	return {
		questions: all.length,
		p50: percentile(all, 50),
		p99: percentile(all, 99),
		max: percentile(all, 100),
		mean: all.reduce((s, v) => s + v, 0) / Math.max(1, all.length),
		all,
	};
}

function log(message: string): void {
	process.stderr.write(`  [${process.argv[2]} ${process.argv[3]}] ${message}\n`);
}

/** The generator and the CLINC reader are loaded only where used: the engine worker's memory is the bot's. */
async function knowledgeFor(size: SizeName, clincPath: string): Promise<KnowledgeBase> {
	const spec = SIZES[size];
	if (spec === undefined) {
		const { clincKnowledge, loadClinc } = await import('./lib/clinc-data.js');
		return clincKnowledge(await loadClinc(clincPath));
	}
	const { generateKnowledge } = await import('./lib/generate.js');
	return generateKnowledge({ ...spec, seed: KNOWLEDGE_SEED }).knowledge;
}

interface QuestionsFile {
	questions: BenchQuestion[];
	warmUp: string[];
}

const knowledgeDir = (folder: string) => path.join(folder, 'knowledge');
const questionsFile = (folder: string) => path.join(folder, 'questions.json');
const preparedFile = (folder: string) => path.join(folder, 'prepared.json');

/** `prepare`: the knowledge on disk and the questions to ask it, for an `engine` worker. */
async function prepare(size: SizeName, folder: string, clincPath: string): Promise<PrepareResult> {
	const knowledge = await knowledgeFor(size, clincPath);
	const { benchQuestions } = await import('./lib/generate.js');
	const written = await timedAsync(() => writeFaqFiles(knowledge, knowledgeDir(folder)));
	const questions: QuestionsFile = {
		questions: benchQuestions(knowledge, QUESTION_COUNT, QUESTION_SEED),
		warmUp: benchQuestions(knowledge, 40, QUESTION_SEED + 1).map((q) => q.text),
	};
	await writeFile(questionsFile(folder), JSON.stringify(questions));
	log(`wrote ${written.value.files} files (${(written.value.bytes / MiB).toFixed(1)} MiB)`);
	const result = { files: written.value.files, mib: written.value.bytes / MiB, writeMs: written.ms };
	await writeFile(preparedFile(folder), JSON.stringify(result));
	return result;
}

/** The document edited by the reload benchmark: the middle one, so neither end is favoured. */
async function fileToEdit(directory: string): Promise<string> {
	const files = (await readdir(directory)).filter((f) => f.endsWith('.yaml')).sort();
	const file = files[Math.floor(files.length / 2)];
	if (!file) throw new Error(`no YAML knowledge file in ${directory}`);
	return path.join(directory, file);
}

/**
 * The edit of reload round `round` in one file: its first entry gets a new answer, and one FAQ
 * entry is added (the entries added by earlier rounds stay).
 */
async function editDocument(
	file: string,
	round: number,
): Promise<{ title: string; edited: { question: string; marker: string }; added: string }> {
	const yaml = parse(await readFile(file, 'utf8')) as FaqFile;
	const first = yaml.faq[0];
	if (!first) throw new Error(`${file} has no FAQ entry to edit`);
	const marker = `reload-check-${round}`;
	first.answer = `${first.answer.replace(/ \(Edited: reload-check-\d+\.\)$/, '')} (Edited: ${marker}.)`;
	const added = `How do I calibrate the quorvane flux beacon ${round} in the benchmark lab?`;
	yaml.faq.push({
		id: `bench-reload-check-${round}`,
		question: added,
		answer: `Hold the quorvane beacon ${round} until it glows, then press calibrate (${marker}).`,
		alternates: [`quorvane beacon ${round} calibration`, `calibrate flux beacon ${round}`],
	});
	await writeFile(file, stringify(yaml, { lineWidth: 0 }));
	return { title: yaml.title, edited: { question: first.question, marker }, added };
}

/** A reload report's diff in a line: "faqEntries +1 (…)", or "no changes". */
function describeDiff(report: ReloadReport): string {
	if (!report.ok) return `refused: ${report.problems.length} problems`;
	const parts: string[] = [];
	for (const [kind, changes] of Object.entries(report.diff) as [string, Record<string, string[]>][])
		for (const [change, names] of Object.entries(changes))
			if (names.length > 0)
				parts.push(
					`${kind} ${change}: ${names
						.slice(0, 2)
						.map((n) => `“${n}”`)
						.join(', ')}${names.length > 2 ? ` and ${names.length - 2} more` : ''}`,
				);
	return parts.length === 0 ? 'no changes' : parts.join('; ');
}

/** Names in a reload report's diff, all kinds together. */
function diffNames(report: ReloadReport & { ok: true }): string[] {
	return Object.values(report.diff as unknown as Record<string, Record<string, string[]>>).flatMap(
		(changes) => Object.values(changes).flat(),
	);
}

async function runEngine(
	size: SizeName,
	folder: string,
	empty: Memory,
	extraQuestions: readonly string[],
	written: PrepareResult,
): Promise<EngineResult> {
	const { questions, warmUp } = JSON.parse(await readFile(questionsFile(folder), 'utf8')) as QuestionsFile;
	const directory = knowledgeDir(folder);
	const baseline = memory();

	// Cold start: what `npm start` does before it can answer.
	const opened = await timedAsync(() => KnowledgeService.open(directory));
	const { service, problems } = opened.value;
	if (problems.length > 0) log(`loader problems, e.g. ${JSON.stringify(problems[0])}`);
	const afterOpen = memory();
	log(`open (load + build) ${opened.ms.toFixed(0)} ms; rss ${afterOpen.rssMiB.toFixed(0)} MiB`);
	const faq = service.knowledge.documents.flatMap((d) => d.faq);
	const counts = {
		documents: service.knowledge.documents.length,
		entries: faq.length,
		alternates: faq.reduce((sum, f) => sum + f.alternates.length, 0),
	};

	// Warm up on other questions, as a running bot would be.
	const engine = service.engine;
	for (const q of warmUp) engine.ask(q);
	// Each question is asked PASSES times (in passes over the whole set) and its median time kept:
	// the machine is shared, and a median of three drops one-off stalls from other processes while
	// keeping anything the engine does every time (and any GC it causes on most passes).
	const passes: number[][] = [];
	const cpuPasses: number[][] = [];
	const quality = { knownRight: 0, known: 0, offTopicAbstained: 0, offTopic: 0 };
	const askStarted = performance.now();
	for (let pass = 0; pass < PASSES; pass++) {
		// On a slow engine one pass has to do: the whole benchmark must stay within minutes.
		if (pass > 0 && performance.now() - askStarted > PASS_BUDGET_MS) break;
		const timesOfPass: number[] = [];
		const cpuOfPass: number[] = [];
		for (const q of questions) {
			const cpu = process.cpuUsage();
			const start = performance.now();
			const answer = engine.ask(q.text);
			timesOfPass.push(performance.now() - start);
			const used = process.cpuUsage(cpu);
			cpuOfPass.push((used.user + used.system) / 1000);
			if (pass > 0) continue;
			if (q.kind === 'known') {
				quality.known++;
				if (answer.answered && answer.source?.title === q.expected) quality.knownRight++;
			} else {
				quality.offTopic++;
				if (!answer.answered) quality.offTopicAbstained++;
			}
		}
		passes.push(timesOfPass);
		cpuPasses.push(cpuOfPass);
	}
	const times = questions.map((_, i) => median(passes.map((p) => p[i]!)));
	const cpuTimes = questions.map((_, i) => median(cpuPasses.map((p) => p[i]!)));
	const extra = extraQuestions.map((text) => {
		const wall: number[] = [];
		const cpuUsed: number[] = [];
		for (let pass = 0; pass < passes.length; pass++) {
			const cpu = process.cpuUsage();
			const start = performance.now();
			engine.ask(text);
			wall.push(performance.now() - start);
			const used = process.cpuUsage(cpu);
			cpuUsed.push((used.user + used.system) / 1000);
		}
		return { text, ms: median(wall), cpuMs: median(cpuUsed) };
	});
	const slowest = questions
		.map((q, i) => ({ text: q.text, kind: q.kind, ms: times[i]!, cpuMs: cpuTimes[i]! }))
		.sort((a, b) => b.ms - a.ms)
		.slice(0, 5);

	// /reload, as a moderator runs it: `service.reload()` on the folder, first with nothing
	// changed, then after one document was edited (one answer changed, one FAQ entry added).
	const unchangedMs: number[] = [];
	const editedMs: number[] = [];
	const checks: EditCheck[] = [];
	const editFile = await fileToEdit(directory);
	const reloadStarted = performance.now();
	for (let round = 1; round <= RELOAD_ROUNDS; round++) {
		if (round > 1 && performance.now() - reloadStarted > RELOAD_BUDGET_MS) break;
		const same = await timedAsync(() => service.reload());
		unchangedMs.push(same.ms);
		const sameNames = same.value.ok ? diffNames(same.value) : [];
		checks.push({
			reload: 'nothing changed',
			ok: same.value.ok && sameNames.length === 0,
			diff: describeDiff(same.value),
		});

		const edit = await editDocument(editFile, round);
		const edited = await timedAsync(() => service.reload());
		editedMs.push(edited.ms);
		const report = edited.value;
		const addedName = `${edit.title} › ${edit.added}`;
		const editedName = `${edit.title} › ${edit.edited.question}`;
		const newAnswer = service.engine.ask(edit.added);
		const editedAnswer = service.engine.ask(edit.edited.question);
		const editedEntry = service.knowledge.documents
			.find((d) => d.title === edit.title)
			?.faq.find((f) => f.question === edit.edited.question);
		const failures: string[] = [];
		if (!report.ok) failures.push('reload refused');
		else {
			// Exactly: the document changed, one entry added, the first entry's answer edited.
			const expected = {
				documents: { added: [], removed: [], changed: [edit.title] },
				sections: { added: [], removed: [], changed: [] },
				faqEntries: { added: [addedName], removed: [], changed: [editedName] },
			};
			if (JSON.stringify(report.diff) !== JSON.stringify(expected))
				failures.push(`diff is ${JSON.stringify(report.diff)}, expected ${JSON.stringify(expected)}`);
		}
		if (newAnswer.source?.title !== edit.added)
			failures.push(`new entry not answered (got ${newAnswer.kind}: ${newAnswer.source?.title ?? '–'})`);
		if (!editedEntry?.answer.includes(edit.edited.marker)) failures.push('edited answer not loaded');
		const editedServed =
			editedAnswer.source?.title === edit.edited.question
				? editedAnswer.text.includes(edit.edited.marker)
				: undefined;
		if (editedServed === false) failures.push('edited answer not served');
		checks.push({
			reload: 'one document edited',
			ok: failures.length === 0,
			diff: describeDiff(report),
			newEntryAnswered: newAnswer.source?.title === edit.added,
			...(editedServed === undefined ? {} : { editedAnswerServed: editedServed }),
			...(failures.length > 0 ? { failures } : {}),
		});
		log(
			`reload round ${round}: nothing changed ${same.ms.toFixed(0)} ms, one document edited ${edited.ms.toFixed(0)} ms${
				failures.length > 0 ? ` — CHECK FAILED: ${failures.join('; ')}` : ''
			}`,
		);
	}

	// A cold rebuild: a fresh copy loaded from disk and a new engine built from it with nothing
	// reused, while the service's engine is still alive (as during a reload). The heap growth of
	// each step is what the knowledge and the engine take.
	const beforeFresh = memory();
	const loaded = await timedAsync(() => loadKnowledge(directory));
	const afterLoad = memory();
	const rebuilt = timed(() => buildEngine(loaded.value.knowledge));
	void rebuilt.value.ask('warm');
	const afterRebuild = memory();
	log(`cold rebuild: load ${loaded.ms.toFixed(0)} ms + build ${rebuilt.ms.toFixed(0)} ms`);

	return {
		kind: 'engine',
		size,
		...counts,
		disk: { ...written, problems: problems.length },
		openMs: opened.ms,
		reload: { unchangedMs, editedMs, checks },
		fresh: { loadMs: loaded.ms, buildMs: rebuilt.ms },
		passes: passes.length,
		empty,
		baseline,
		afterOpen,
		knowledgeHeapMiB: afterLoad.heapUsedMiB - beforeFresh.heapUsedMiB,
		engineHeapMiB: afterRebuild.heapUsedMiB - afterLoad.heapUsedMiB,
		peakRssMiB: peakRssMiB(),
		latency: latencyOf(times),
		cpu: latencyOf(cpuTimes),
		slowest,
		extra,
		quality,
	};
}

async function runFuse(
	size: SizeName,
	empty: Memory,
	clincPath: string,
	budgetMs: number,
	maxQuestions: number,
): Promise<FuseResult> {
	const { default: Fuse } = await import('fuse.js');
	const { benchQuestions } = await import('./lib/generate.js');
	const knowledge = await knowledgeFor(size, clincPath);
	const questions = benchQuestions(knowledge, QUESTION_COUNT, QUESTION_SEED);
	const items = knowledge.documents.flatMap((d) =>
		d.faq.flatMap((f) => [f.question, ...f.alternates].map((text) => ({ text, question: f.question }))),
	);
	const baseline = memory();
	const built = timed(
		() => new Fuse(items, { keys: ['text'], includeScore: true, ignoreLocation: true, threshold: 0.6 }),
	);
	const fuse = built.value;
	const afterBuild = memory();
	log(`built over ${items.length} texts in ${built.ms.toFixed(0)} ms`);
	const times: number[] = [];
	const quality = { knownRight: 0, known: 0 };
	const started = performance.now();
	let capped: string | undefined;
	for (const q of questions) {
		if (times.length >= maxQuestions) {
			capped = `capped at ${maxQuestions} questions`;
			break;
		}
		if (performance.now() - started > budgetMs && times.length >= 1) {
			capped = `stopped after a ${(budgetMs / 1000).toFixed(0)} s budget`;
			break;
		}
		const start = performance.now();
		const [best] = fuse.search(q.text, { limit: 1 });
		times.push(performance.now() - start);
		if (q.kind === 'known') {
			quality.known++;
			if (best?.item.question === q.expected) quality.knownRight++;
		}
	}
	log(`${times.length} questions in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	return {
		kind: 'fuse',
		size,
		empty,
		items: items.length,
		buildMs: built.ms,
		baseline,
		afterBuild,
		peakRssMiB: peakRssMiB(),
		latency: latencyOf(times),
		...(capped ? { capped } : {}),
		quality,
	};
}

async function readExtra(file: string): Promise<string[]> {
	const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
	if (!Array.isArray(parsed) || !parsed.every((q) => typeof q === 'string')) {
		throw new Error(`${file} must hold a JSON list of strings`);
	}
	return parsed;
}

async function main(): Promise<void> {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			data: { type: 'string', default: DEFAULT_CLINC_PATH },
			/** The folder `prepare` writes and `engine` reads. */
			dir: { type: 'string' },
			'fuse-budget-ms': { type: 'string', default: '20000' },
			'fuse-max': { type: 'string', default: String(QUESTION_COUNT) },
			/** A JSON file with a list of extra questions to time (e.g. the fuzz tests' slowest inputs). */
			extra: { type: 'string' },
		},
	});
	const [size, mode] = positionals;
	if (!size || !(size in SIZES) || (mode !== 'engine' && mode !== 'fuse' && mode !== 'prepare')) {
		throw new Error(`usage: scale-worker.ts <${Object.keys(SIZES).join('|')}> <prepare|engine|fuse>`);
	}
	if (!global.gc) log('run with --expose-gc for stable memory figures');
	const name = size as SizeName;
	const empty = memory();
	let result: unknown;
	if (mode === 'prepare') {
		if (!values.dir) throw new Error('prepare needs --dir <folder>');
		result = await prepare(name, values.dir, values.data);
	} else if (mode === 'engine') {
		const extra = values.extra ? await readExtra(values.extra) : [];
		let folder = values.dir;
		let written: PrepareResult | undefined;
		if (!folder) {
			log(
				'no --dir: preparing the knowledge in this process (its memory figures then include the generator)',
			);
			folder = await mkdtemp(path.join(os.tmpdir(), 'faq-bench-'));
			written = await prepare(name, folder, values.data);
		}
		try {
			const info = written ?? (JSON.parse(await readFile(preparedFile(folder), 'utf8')) as PrepareResult);
			result = await runEngine(name, folder, empty, extra, info);
		} finally {
			if (!values.dir) await rm(folder, { recursive: true, force: true });
		}
	} else {
		result = await runFuse(
			name,
			empty,
			values.data,
			Number(values['fuse-budget-ms']),
			Number(values['fuse-max']),
		);
	}
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exitCode = 1;
});
