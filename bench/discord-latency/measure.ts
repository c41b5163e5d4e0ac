/**
 * The Discord latency benchmark's measuring part: the real bot on the CLINC150 knowledge through
 * the test harness and the loopback stand-in, each question timed from the gateway dispatch to the
 * reply request, split where the discord.js client saw it and where the bot's handler finished,
 * with the engine's own time, garbage collections and (optionally) a CPU profile. Returns the
 * samples; bench/discord-latency/report.ts writes them up.
 */
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Events } from 'discord.js';
import { crowd, startLoadHarness, userName, type Harness } from '../../testkit/bot-harness.js';
import { shuffled } from '../../testkit/random.js';
import { clincKnowledge, loadClinc } from '../lib/clinc-data.js';
import { machine } from '../lib/machine.js';
import { profiled, type ProfileSummary } from './profile.js';

/** Warm-up questions before the measured runs (not counted). */
export const WARM_UP = 100;
/** How many users ask, in turn. */
export const USERS = 50;
const SEED = 20261125;

export interface LatencyOptions {
	/** The CLINC150 data file. */
	data: string;
	/** How many questions each run asks ('all': every test and oos_test utterance). */
	paced: number | 'all';
	/** Questions per second in the paced run. */
	rate: number;
	backToBack: number | 'all';
	/** Further back-to-back questions under the CPU profiler (0: none). */
	profile: number | 'all';
}

export interface Sample {
	question: string;
	oos: boolean;
	/** Dispatch -> reply request at the stand-in. */
	ms: number;
	/** `engine.ask` alone, same question, measured right after. */
	engineMs: number;
	/** Dispatch -> the client emitting the raw packet (socket, frame, JSON). */
	toClientMs: number;
	/** Raw packet -> the bot's message handler has run (discord.js' Message, the handler, engine, reply built). */
	handlerMs: number;
	/** Handler done -> the reply request at the stand-in (discord.js' REST queue, undici, HTTP). */
	restMs: number;
	/** `performance.now()` of the dispatch, to line the message up with GC pauses. */
	startHr: number;
	/** What the reply was: an answer (embed), an abstention (buttons) or text. */
	kind: string;
}

export interface RunSummary {
	name: string;
	samples: Sample[];
	wallMs: number;
	/** CPU time the process used (user + system) during the run. */
	cpuMs: number;
}

export interface LatencyRun {
	options: LatencyOptions;
	/** When the run ended (ISO 8601). */
	finished: string;
	machine: { node: string; cpus: number; cpuModel: string; loadBefore: number; loadAfter: number };
	knowledge: { entries: number; alternates: number; jsonBytes: number };
	/** Bot start-up on this knowledge: load + index + gateway login. */
	startMs: number;
	/** The paced run, then the back-to-back run. */
	runs: RunSummary[];
	/** Garbage collections during the whole benchmark (`performance.now()` start, duration ms). */
	gcPauses: { start: number; duration: number }[];
	profile?: ProfileSummary;
}

type Question = { text: string; oos: boolean };
type Timed = Pick<Sample, 'ms' | 'kind' | 'toClientMs' | 'handlerMs' | 'restMs' | 'startHr'>;
/** When the client saw each message: the raw gateway packet, and after the bot's handler ran. */
type Seen = Map<string, { raw?: number; handled?: number }>;

function seenOf(seen: Seen, id: string) {
	let entry = seen.get(id);
	if (!entry) seen.set(id, (entry = {}));
	return entry;
}

/** Sends one question and waits for the reply; returns the latency measured by the stand-in. */
async function one(h: Harness, seen: Seen, question: string, user: number): Promise<Timed> {
	const sent = h.discord.sendMessage({
		author: userName(user % USERS),
		content: `<@${h.discord.botUser.id}> ${question}`,
	});
	const dispatch = h.discord.gateway.findLast(
		(g) =>
			g.direction === 'out' && g.t === 'MESSAGE_CREATE' && (g.d as { id?: string }).id === sent.message.id,
	);
	if (!dispatch) throw new Error('the stand-in did not dispatch the message');
	const reply = await sent.reply(10_000);
	if (reply.status !== 200)
		throw new Error(`reply refused: ${reply.status} ${JSON.stringify(reply.response)}`);
	const body = reply.body;
	const kind = body.embeds?.length ? 'answer' : body.components?.length ? 'abstain' : 'text';
	const at = seen.get(sent.message.id) ?? {};
	seen.delete(sent.message.id);
	const raw = at.raw ?? Number.NaN;
	const handled = at.handled ?? Number.NaN;
	return {
		ms: reply.hr - dispatch.hr,
		startHr: dispatch.hr,
		kind,
		toClientMs: raw - dispatch.hr,
		handlerMs: handled - raw,
		restMs: reply.hr - handled,
	};
}

async function run(
	h: Harness,
	seen: Seen,
	name: string,
	questions: Question[],
	perSecond: number | undefined,
): Promise<RunSummary> {
	const samples: Sample[] = [];
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	for (const [i, q] of questions.entries()) {
		if (perSecond !== undefined) {
			const due = started + (i * 1000) / perSecond;
			const wait = due - performance.now();
			if (wait > 0) await sleep(wait);
		}
		const timed = await one(h, seen, q.text, i);
		const t0 = performance.now();
		h.service.engine.ask(q.text);
		const engineMs = performance.now() - t0;
		samples.push({ question: q.text, oos: q.oos, engineMs, ...timed });
		// The stand-in keeps every request for assertions and scans them per wait: keep that short.
		if (i % 200 === 199) h.discord.clearHistory();
		if (i % 500 === 499) process.stdout.write(`  ${name}: ${i + 1}/${questions.length}\n`);
	}
	const cpu = process.cpuUsage(cpuBefore);
	return { name, samples, wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const countOf = (value: number | 'all', all: number) => (value === 'all' ? all : value);

export async function measureLatency(options: LatencyOptions): Promise<LatencyRun> {
	const gcPauses: LatencyRun['gcPauses'] = [];
	const observer = new PerformanceObserver((list) => {
		for (const entry of list.getEntries())
			gcPauses.push({ start: entry.startTime, duration: entry.duration });
	});
	observer.observe({ entryTypes: ['gc'] });

	const data = await loadClinc(options.data);
	const document = clincKnowledge(data).documents[0]!;
	const json = JSON.stringify({
		title: document.title,
		faq: document.faq.map((e) => ({
			id: e.id,
			question: e.question,
			answer: e.answer,
			alternates: e.alternates,
		})),
	});
	const mixed = shuffled<Question>(
		[
			...data.test.map(([text]) => ({ text, oos: false })),
			...data.oos_test.map(([text]) => ({ text, oos: true })),
		],
		SEED,
	);

	console.log(
		`CLINC150 knowledge: ${document.faq.length} FAQ entries, ${json.length} bytes of JSON; starting the bot…`,
	);
	const loadStarted = performance.now();
	const h = await startLoadHarness({
		files: { 'clinc150.json': json },
		copyReal: false,
		community: crowd(USERS),
		env: { COOLDOWN_SECONDS: '0', LOG_LEVEL: 'info' },
	});
	const startMs = performance.now() - loadStarted;
	console.log(`bot ready in ${startMs.toFixed(0)} ms (knowledge load + index + login)`);
	const seen: Seen = new Map();
	// Registered after the bot's own listeners, so `handled` is taken once the bot's handler has run.
	h.bot.client.on(Events.Raw, (packet: { t?: string; d?: { id?: unknown } }) => {
		if (packet.t === 'MESSAGE_CREATE' && typeof packet.d?.id === 'string')
			seenOf(seen, packet.d.id).raw = performance.now();
	});
	h.bot.client.on(Events.MessageCreate, (message) => {
		seenOf(seen, message.id).handled = performance.now();
	});

	const loadBefore = loadavg()[0]!;
	const rate = options.rate;
	let runs: RunSummary[];
	let profile: ProfileSummary | undefined;
	try {
		await run(h, seen, 'warm-up', mixed.slice(-WARM_UP), undefined);
		h.discord.clearHistory();
		const paced = await run(
			h,
			seen,
			`paced ${rate}/s`,
			mixed.slice(0, countOf(options.paced, mixed.length)),
			rate,
		);
		h.discord.clearHistory();
		const back = await run(
			h,
			seen,
			'back-to-back',
			mixed.slice(0, countOf(options.backToBack, mixed.length)),
			undefined,
		);
		runs = [paced, back];
		if (h.discord.failedRequests.length > 0) throw new Error('the stand-in refused a request');
		const profileCount = countOf(options.profile, mixed.length);
		if (profileCount > 0) {
			h.discord.clearHistory();
			const questions = mixed.slice(0, profileCount);
			profile = await profiled(questions.length, () => run(h, seen, 'profiled', questions, undefined));
		}
	} finally {
		await h.stop();
		observer.disconnect();
	}
	return {
		options,
		finished: new Date().toISOString(),
		machine: { ...machine(), loadBefore, loadAfter: loadavg()[0]! },
		knowledge: {
			entries: document.faq.length,
			alternates: document.faq.reduce((s, e) => s + e.alternates.length, 0),
			jsonBytes: json.length,
		},
		startMs,
		runs,
		gcPauses,
		...(profile ? { profile } : {}),
	};
}
