/**
 * End-to-end reply latency of the real bot on the CLINC150 knowledge (`npx tsx bench/discord-latency.ts`):
 * the 150-intent FAQ (14,850 phrasings) is written to a temporary knowledge folder as a JSON FAQ
 * list, the real bot starts on it through the test harness (real KnowledgeService, real discord.js
 * client) against the loopback Discord stand-in, and each question is timed from the gateway
 * MESSAGE_CREATE dispatch to the reply's `POST /channels/:id/messages` arriving at the stand-in.
 * Cooldown 0. Writes bench/results/discord-latency.md.
 *
 *   npx tsx bench/discord-latency.ts [--data <path>] [--paced N] [--rate R] [--back-to-back N]
 *     [--profile N] [--out <file.md>]
 *
 * Two runs over a seeded mix of test and oos_test utterances (4:1, as in the data):
 *  - paced: one question at a time at R per second (default 40), under Discord's 50 requests/s,
 *    the way questions arrive in a busy channel;
 *  - back-to-back: the next question as soon as the previous reply arrived (every utterance by default).
 * Where the time goes: each latency is split at the moment the discord.js client emits the raw
 * gateway packet and at the moment the bot's (synchronous) message handler has run, the engine's
 * own time (`engine.ask`, measured separately) is reported beside it, and a further N back-to-back
 * questions (default 1000) run under the V8 CPU profiler, summarised by component.
 */
import { Session } from 'node:inspector/promises';
import { PerformanceObserver } from 'node:perf_hooks';
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { Events } from 'discord.js';
import { startHarness, type Harness } from '../testkit/bot-harness.js';
import type { RecordedRequest } from '../testkit/fake-discord.js';
import { clincKnowledge, DEFAULT_CLINC_PATH, loadClinc } from './lib/clinc-data.js';
import { Random } from '../testkit/random.js';

const { values: args } = parseArgs({
	options: {
		data: { type: 'string', default: DEFAULT_CLINC_PATH },
		paced: { type: 'string', default: '1200' },
		rate: { type: 'string', default: '40' },
		'back-to-back': { type: 'string', default: 'all' },
		profile: { type: 'string', default: '1000' },
		out: { type: 'string', default: 'bench/results/discord-latency.md' },
	},
	strict: true,
});

const TARGET_P99_MS = 20;
const WARM_UP = 100;
const USERS = 50;
const SEED = 20261125;

function whole(name: 'paced' | 'rate' | 'back-to-back' | 'profile', all: number): number {
	const raw = args[name];
	if (raw === 'all') return all;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number or "all"`);
	return value;
}

const shuffled = <T>(items: readonly T[], seed: number): T[] => new Random(seed).shuffle(items);

function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const f = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

interface Sample {
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
	kind: string;
}

interface Summary {
	name: string;
	samples: Sample[];
	wallMs: number;
	/** CPU time the process used (user + system) during the run. */
	cpuMs: number;
}

function stats(values: number[]) {
	const sorted = [...values].sort((a, b) => a - b);
	return {
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		max: sorted.at(-1) ?? Number.NaN,
		mean: values.reduce((s, v) => s + v, 0) / Math.max(1, values.length),
	};
}

/** When the client saw each message: the raw gateway packet, and after the bot's handler ran. */
const seen = new Map<string, { raw?: number; handled?: number }>();
const seenOf = (id: string) => {
	let entry = seen.get(id);
	if (!entry) seen.set(id, (entry = {}));
	return entry;
};

type Timed = Pick<Sample, 'ms' | 'kind' | 'toClientMs' | 'handlerMs' | 'restMs' | 'startHr'>;

/** Garbage collections (start, duration in ms), from the `gc` performance entries. */
const gcPauses: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
	for (const entry of list.getEntries()) gcPauses.push({ start: entry.startTime, duration: entry.duration });
}).observe({ entryTypes: ['gc'] });

/** GC time that fell inside a message's dispatch -> reply window. */
function gcWithin(x: Sample): number {
	const end = x.startHr + x.ms;
	let total = 0;
	for (const gc of gcPauses) {
		const overlap = Math.min(end, gc.start + gc.duration) - Math.max(x.startHr, gc.start);
		if (overlap > 0) total += overlap;
	}
	return total;
}

/** Sends one question and waits for the reply; returns the latency measured by the stand-in. */
async function one(h: Harness, question: string, user: number): Promise<Timed> {
	const sent = h.discord.sendMessage({
		author: `user-${String(user % USERS).padStart(3, '0')}`,
		guild: 'Bench',
		channel: 'questions',
		content: `<@${h.discord.botUser.id}> ${question}`,
	});
	const dispatch = h.discord.gateway.findLast(
		(g) =>
			g.direction === 'out' && g.t === 'MESSAGE_CREATE' && (g.d as { id?: string }).id === sent.message.id,
	);
	if (!dispatch) throw new Error('the stand-in did not dispatch the message');
	const reply: RecordedRequest = await sent.reply(10_000);
	if (reply.status !== 200)
		throw new Error(`reply refused: ${reply.status} ${JSON.stringify(reply.response)}`);
	const body = reply.body as { embeds?: unknown[]; components?: unknown[] };
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
	name: string,
	questions: { text: string; oos: boolean }[],
	perSecond: number | undefined,
): Promise<Summary> {
	const samples: Sample[] = [];
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	for (const [i, q] of questions.entries()) {
		if (perSecond !== undefined) {
			const due = started + (i * 1000) / perSecond;
			const wait = due - performance.now();
			if (wait > 0) await sleep(wait);
		}
		const timed = await one(h, q.text, i);
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

const data = await loadClinc(args.data);
const knowledge = clincKnowledge(data);
const document = knowledge.documents[0]!;
const faqList = {
	title: document.title,
	faq: document.faq.map((e) => ({
		id: e.id,
		question: e.question,
		answer: e.answer,
		alternates: e.alternates,
	})),
};
const json = JSON.stringify(faqList);

const mixed = shuffled(
	[
		...data.test.map(([text]) => ({ text, oos: false })),
		...data.oos_test.map(([text]) => ({ text, oos: true })),
	],
	SEED,
);
const pacedCount = whole('paced', mixed.length);
const rate = whole('rate', 1000);
const backCount = whole('back-to-back', mixed.length);

console.log(
	`CLINC150 knowledge: ${document.faq.length} FAQ entries, ${json.length} bytes of JSON; starting the bot…`,
);
const loadStarted = performance.now();
const h = await startHarness({
	files: { 'clinc150.json': json },
	copyReal: false,
	community: {
		users: Array.from({ length: USERS }, (_, i) => ({ username: `user-${String(i).padStart(3, '0')}` })),
		guilds: [
			{
				name: 'Bench',
				channels: [{ name: 'questions' }],
				members: Array.from({ length: USERS }, (_, i) => ({ user: `user-${String(i).padStart(3, '0')}` })),
			},
		],
	},
	env: { COOLDOWN_SECONDS: '0', LOG_LEVEL: 'info' },
	// discord.js queues requests beyond Discord's 50/s global limit; the back-to-back run goes faster
	// than that on loopback and would measure the queue. The paced run stays under it regardless.
	client: (discord) => ({ rest: { api: discord.restUrl, globalRequestsPerSecond: 1_000_000 } }),
});
const loadMs = performance.now() - loadStarted;
console.log(`bot ready in ${loadMs.toFixed(0)} ms (knowledge load + index + login)`);
// Registered after the bot's own listeners, so `handled` is taken once the bot's handler has run.
h.bot.client.on(Events.Raw, (packet: { t?: string; d?: { id?: unknown } }) => {
	if (packet.t === 'MESSAGE_CREATE' && typeof packet.d?.id === 'string')
		seenOf(packet.d.id).raw = performance.now();
});
h.bot.client.on(Events.MessageCreate, (message) => {
	seenOf(message.id).handled = performance.now();
});

interface ProfileSummary {
	messages: number;
	totalMs: number;
	byComponent: [string, number][];
	topFunctions: [string, number][];
	file: string;
}

/** Which part of the process a profiled function belongs to. */
function componentOf(url: string, name: string): string {
	if (name === '(garbage collector)') return 'garbage collector';
	if (name === '(idle)') return 'idle (waiting on I/O)';
	if (name === '(program)' || name === '(root)') return 'V8 / native (program)';
	if (/\/src\/(search|answer|knowledge)\//.test(url)) return 'engine (src/search, src/answer)';
	if (url.includes('/src/discord/')) return 'bot handlers (src/discord)';
	if (url.includes('/tests/support/')) return 'Discord stand-in (tests/support)';
	if (
		/node_modules\/(discord\.js|@discordjs|@sapphire|discord-api-types|lodash\.snakecase|magic-bytes)/.test(
			url,
		)
	)
		return 'discord.js (client, ws, rest)';
	if (url.includes('undici') || url.startsWith('node:_http') || url.startsWith('node:http'))
		return 'HTTP (undici client, node:http server)';
	if (url.includes('/node_modules/ws/')) return 'ws (WebSocket frames)';
	if (url.includes('pino')) return 'logging (pino)';
	if (url.startsWith('node:')) return 'Node internals (streams, net, timers)';
	if (url === '') return 'V8 / native (program)';
	return 'other';
}

async function profile(h: Harness, questions: { text: string; oos: boolean }[]): Promise<ProfileSummary> {
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.setSamplingInterval', { interval: 200 });
	await session.post('Profiler.start');
	await run(h, 'profiled', questions, undefined);
	const { profile: cpu } = await session.post('Profiler.stop');
	session.disconnect();
	const file = path.join(tmpdir(), `discord-latency-${Date.now()}.cpuprofile`);
	await writeFile(file, JSON.stringify(cpu));
	const nodes = new Map(cpu.nodes.map((n) => [n.id, n]));
	const parentOf = new Map<number, number>();
	for (const n of cpu.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
	/** A native frame (no URL) belongs to the nearest JavaScript caller. */
	const jsCaller = (id: number) => {
		for (let at = parentOf.get(id); at !== undefined; at = parentOf.get(at)) {
			const frame = nodes.get(at)!.callFrame;
			if (frame.url) return frame;
		}
		return undefined;
	};
	const self = new Map<number, number>();
	const samples = cpu.samples ?? [];
	const deltas = cpu.timeDeltas ?? [];
	for (let i = 0; i < samples.length; i++)
		self.set(samples[i]!, (self.get(samples[i]!) ?? 0) + (deltas[i] ?? 0) / 1000);
	const byComponent = new Map<string, number>();
	const byFunction = new Map<string, number>();
	let totalMs = 0;
	for (const [id, ms] of self) {
		const frame = nodes.get(id)!.callFrame;
		let component: string;
		if (frame.url || frame.functionName.startsWith('('))
			component = componentOf(frame.url, frame.functionName);
		else if (/^write(v|Buffer|\w*String)$/.test(frame.functionName)) component = 'socket writes (native)';
		else {
			const caller = jsCaller(id);
			// The profiler collecting itself (Profiler.stop) is not the bot's time.
			if (caller?.url === 'node:inspector') continue;
			component = caller ? componentOf(caller.url, caller.functionName) : componentOf('', frame.functionName);
		}
		totalMs += ms;
		byComponent.set(component, (byComponent.get(component) ?? 0) + ms);
		// tsx-compiled files report no useful line; dependencies do.
		const file = frame.url.replace(/^.*?\/(node_modules|src|tests)\//, '$1/');
		const where = !frame.url
			? ''
			: file.startsWith('node_modules/')
				? `${file}:${frame.lineNumber + 1}`
				: file;
		const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
		byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
	}
	const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
	return {
		messages: questions.length,
		totalMs,
		byComponent: sorted(byComponent),
		topFunctions: sorted(byFunction).slice(0, 15),
		file,
	};
}

const loadBefore = loadavg();
let summaries: Summary[];
let profiled: ProfileSummary | undefined;
try {
	await run(h, 'warm-up', mixed.slice(-WARM_UP), undefined);
	h.discord.clearHistory();
	const paced = await run(h, `paced ${rate}/s`, mixed.slice(0, pacedCount), rate);
	h.discord.clearHistory();
	const back = await run(h, 'back-to-back', mixed.slice(0, backCount), undefined);
	summaries = [paced, back];
	if (h.discord.failedRequests.length > 0) throw new Error('the stand-in refused a request');
	const profileCount = whole('profile', mixed.length);
	if (profileCount > 0) {
		h.discord.clearHistory();
		profiled = await profile(h, mixed.slice(0, profileCount));
	}
} finally {
	await h.stop();
}
const loadAfter = loadavg();

const lines: string[] = [];
const print = (line = '') => {
	lines.push(line);
	console.log(line);
};
const cpu = cpus()[0]?.model ?? 'unknown CPU';

print('# Discord reply latency on the CLINC150 knowledge');
print();
print(
	`Generated by \`npx tsx bench/discord-latency.ts\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpu}.`,
);
print();
print('## Method');
print();
print(
	`- Knowledge: CLINC150 (\`${args.data}\`) as one JSON FAQ list in a temporary knowledge folder: ${document.faq.length} entries (one per intent), question = first train utterance, alternates = the other train utterances (${document.faq.reduce((s, e) => s + e.alternates.length, 0)}), answer = the intent name. The bot serves it with its default engine settings, as \`npm start\` would.`,
);
print(
	'- The real bot (`startBot`: real KnowledgeService, real discord.js client, `COOLDOWN_SECONDS=0`, `LOG_LEVEL=info`) connected to the loopback Discord stand-in (`tests/support/fake-discord.ts`), all in one Node process.',
);
print(
	"- Latency = from the stand-in sending the MESSAGE_CREATE on the gateway (`performance.now()` just before serialising it) to the reply `POST /channels/:id/messages` arriving at the stand-in's REST (before its body is read). It includes the gateway frame, discord.js parsing and caching, the bot's handler and engine, discord.js' REST queue and the HTTP request — everything but the network.",
);
print(
	`- Questions: a seeded shuffle of test (4,500) + oos_test (1,000) utterances; each one mentions the bot, from one of ${USERS} users; ${WARM_UP} warm-up questions first (not counted). "engine" = \`engine.ask\` alone on the same question, timed right after.`,
);
print(
	`- discord.js' client-side global limit (50 requests/s) is raised so the back-to-back run measures the bot, not that queue; the paced run (${rate}/s) stays under 50/s anyway.`,
);
print();
print('## Results (ms)');
print();
print(
	'| run | messages | wall s | process CPU | p50 | p95 | p99 | max | mean | engine p50 | engine p99 | engine max |',
);
print('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const s of summaries) {
	const e2e = stats(s.samples.map((x) => x.ms));
	const engine = stats(s.samples.map((x) => x.engineMs));
	print(
		`| ${s.name} | ${s.samples.length} | ${(s.wallMs / 1000).toFixed(1)} | ${((s.cpuMs / s.wallMs) * 100).toFixed(0)}% | ${f(e2e.p50)} | ${f(e2e.p95)} | **${f(e2e.p99)}** | ${f(e2e.max)} | ${f(e2e.mean)} | ${f(engine.p50)} | ${f(engine.p99)} | ${f(engine.max)} |`,
	);
}
print();
for (const s of summaries) {
	const inScope = stats(s.samples.filter((x) => !x.oos).map((x) => x.ms));
	const oos = stats(s.samples.filter((x) => x.oos).map((x) => x.ms));
	const kinds = new Map<string, number>();
	for (const x of s.samples) kinds.set(x.kind, (kinds.get(x.kind) ?? 0) + 1);
	print(
		`- ${s.name}: in-scope p50 ${f(inScope.p50)} / p99 ${f(inScope.p99)}; oos p50 ${f(oos.p50)} / p99 ${f(oos.p99)}; replies: ${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}.`,
	);
}
print();
print(
	'"process CPU" is the CPU time the process used over the run\'s wall time; in the back-to-back run the process is never waiting on anything but itself, so well under 100% means other processes had the cores.',
);
print();
const worst = summaries
	.flatMap((s) => s.samples.map((x) => ({ ...x, run: s.name })))
	.sort((a, b) => b.ms - a.ms);
print('Slowest messages (both runs):');
print();
print('| run | ms | engine ms | question |');
print('| --- | ---: | ---: | --- |');
for (const w of worst.slice(0, 8))
	print(`| ${w.run} | ${f(w.ms)} | ${f(w.engineMs)} | ${JSON.stringify(w.question)} |`);
print();
const verdicts = summaries.map((s) => {
	const p99 = stats(s.samples.map((x) => x.ms)).p99;
	return `${s.name}: p99 ${f(p99)} ms — ${p99 <= TARGET_P99_MS ? 'PASS' : 'MISS'}`;
});
print(`Target p99 ≤ ${TARGET_P99_MS} ms: ${verdicts.join('; ')}.`);
print();
print('## Where the time goes');
print();
print(
	"Each latency split in three: the stand-in's dispatch to the client emitting the raw packet (WebSocket frame, JSON), then to the bot's message handler having run (discord.js building the Message, the handler, the engine, the reply body), then to the reply request at the stand-in (discord.js' REST queue, undici, HTTP).",
);
print();
print('| run | stage | p50 | p95 | p99 | max |');
print('| --- | --- | ---: | ---: | ---: | ---: |');
for (const s of summaries) {
	const stages: [string, (x: Sample) => number][] = [
		['gateway → client', (x) => x.toClientMs],
		['client → handler done', (x) => x.handlerMs],
		['handler done → REST', (x) => x.restMs],
		['engine alone', (x) => x.engineMs],
	];
	for (const [label, pick] of stages) {
		const st = stats(s.samples.map(pick).filter(Number.isFinite));
		print(`| ${s.name} | ${label} | ${f(st.p50)} | ${f(st.p95)} | ${f(st.p99)} | ${f(st.max)} |`);
	}
}
print();
const tail = summaries
	.at(-1)!
	.samples.filter((x) => x.ms > stats(summaries.at(-1)!.samples.map((y) => y.ms)).p99);
if (tail.length > 0) {
	const part = (pick: (x: Sample) => number) => stats(tail.map(pick).filter(Number.isFinite)).mean;
	const rest = summaries.at(-1)!.samples.filter((x) => !tail.includes(x));
	const withGc = (list: Sample[]) => list.filter((x) => gcWithin(x) > 0).length / Math.max(1, list.length);
	print(
		`The ${tail.length} back-to-back messages above p99 spent on average ${f(part((x) => x.toClientMs))} ms reaching the client, ${f(part((x) => x.handlerMs))} ms in discord.js + the handler (engine alone: ${f(part((x) => x.engineMs))} ms) and ${f(part((x) => x.restMs))} ms in the REST hop. ` +
			`A garbage collection ran inside ${(withGc(tail) * 100).toFixed(0)}% of them (${f(part(gcWithin))} ms of GC on average), against ${(withGc(rest) * 100).toFixed(1)}% of the other messages; ${gcPauses.length} collections in all, longest ${f(Math.max(0, ...gcPauses.map((g) => g.duration)))} ms.`,
	);
	print();
}
if (profiled) {
	print(
		`CPU profile of ${profiled.messages} further back-to-back questions (V8 sampling profiler, 200 µs; self time, ${(profiled.totalMs / 1000).toFixed(1)} s in all; the bot and the stand-in share the process):`,
	);
	print();
	print('| component | self ms | share |');
	print('| --- | ---: | ---: |');
	for (const [name, ms] of profiled.byComponent)
		print(`| ${name} | ${ms.toFixed(0)} | ${((ms / profiled.totalMs) * 100).toFixed(1)}% |`);
	print();
	print('Top functions by self time:');
	print();
	print('| function | self ms |');
	print('| --- | ---: |');
	for (const [name, ms] of profiled.topFunctions)
		print(`| \`${name.replaceAll('|', '\\|')}\` | ${ms.toFixed(0)} |`);
	print();
	print(`(Profile saved to ${profiled.file}; open it in Chrome DevTools.)`);
	print();
}
print(
	`Machine load (1-minute load average) ${loadBefore[0]!.toFixed(2)} before, ${loadAfter[0]!.toFixed(2)} after, on ${cpus().length} cores: other processes compete for the CPU when it is above the core count, and the tail latencies grow with it.`,
);
print();
print(`Bot start-up on this knowledge (load + index + gateway login): ${(loadMs / 1000).toFixed(1)} s.`);

await mkdir(path.dirname(args.out), { recursive: true });
await writeFile(args.out, `${lines.join('\n')}\n`);
console.log(`\nwrote ${args.out}`);
