/**
 * A V8 CPU profile of a stretch of the latency benchmark, summarised by the part of the process
 * each sample's time belongs to (engine, bot handlers, discord.js, HTTP, the stand-in, …) and by
 * function. The profile itself is saved for Chrome DevTools.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ProfileSummary {
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
	if (url.includes('/testkit/')) return 'Discord stand-in (testkit)';
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

/** Runs `work` (which sends `messages` questions) under the sampling profiler and summarises it. */
export async function profiled(messages: number, work: () => Promise<unknown>): Promise<ProfileSummary> {
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.setSamplingInterval', { interval: 200 });
	await session.post('Profiler.start');
	await work();
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
		const file = frame.url.replace(/^.*?\/(node_modules|src|testkit)\//, '$1/');
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
		messages,
		totalMs,
		byComponent: sorted(byComponent),
		topFunctions: sorted(byFunction).slice(0, 15),
		file,
	};
}
