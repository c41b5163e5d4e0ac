/**
 * The fuzz tests' slowest inputs, kept so `npm run bench` can time them again on every knowledge
 * size. A test records each input with its latency; at the end it saves the slowest few — only
 * when FUZZ_SLOWEST_OUT names a file, so a plain `npm test` (CI) never writes into the repository:
 *
 *   FUZZ_SLOWEST_OUT=bench/fuzz-slowest.json FUZZ_RUNS=3000 npx vitest run tests/answer/fuzz.test.ts
 *
 * The file is a JSON list of entries (see `SlowInput`). Several test files may write to it in one
 * vitest run (in parallel workers): each replaces only its own entries, under a lock.
 */
import { mkdir, readFile, rename, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { median } from './stats.js';

export const FUZZ_SLOWEST_ENV = 'FUZZ_SLOWEST_OUT';

/** Inputs that start alike (e.g. a phrase repeated to different lengths) are one kind of input. */
const kindOf = (input: string) => input.trim().slice(0, 24);

export const slowInputSchema = z.object({
	/** What the engine was asked. */
	input: z.string(),
	/** The latency the test saw, in ms. */
	ms: z.number().optional(),
	/** What `ms` measures. */
	measured: z.string().optional(),
	/** The test file that found it. */
	source: z.string().optional(),
	/** How many inputs that test generated in the run that found it. */
	runs: z.number().optional(),
	/** When it was recorded (ISO 8601). */
	recorded: z.string().optional(),
	note: z.string().optional(),
});

export type SlowInput = z.output<typeof slowInputSchema>;

/** What `npm run bench` accepts: a list of strings, or of entries as written here. */
export const slowInputsFileSchema = z.array(
	z.union([z.string().transform((input): SlowInput => ({ input })), slowInputSchema]),
);

export interface SlowestOptions {
	/** What the latency measures, for the reader of the file. */
	measured: string;
	/** How many inputs the test generates. */
	runs: number;
	/** How many to save (default 5). */
	keep?: number;
}

/** Records inputs with their latency and saves the slowest few when FUZZ_SLOWEST_OUT is set. */
export class SlowestInputs {
	readonly #keep: number;
	/** Slowest latency seen per distinct input; trimmed now and then to a pool of candidates. */
	#seen = new Map<string, number>();
	readonly out = process.env[FUZZ_SLOWEST_ENV]?.trim() || undefined;

	constructor(
		readonly source: string,
		readonly options: SlowestOptions,
	) {
		this.#keep = options.keep ?? 5;
	}

	get enabled(): boolean {
		return this.out !== undefined;
	}

	record(input: string, ms: number): void {
		if (!this.enabled) return;
		if (ms <= (this.#seen.get(input) ?? -1)) return;
		this.#seen.set(input, ms);
		if (this.#seen.size > this.#pool * 4) this.#seen = new Map(this.#candidates());
	}

	/** Runs `fn`, recording its latency against `input`. */
	time<T>(input: string, fn: () => T): T {
		const start = performance.now();
		const value = fn();
		this.record(input, performance.now() - start);
		return value;
	}

	get #pool(): number {
		return this.#keep * 4;
	}

	/** The slowest inputs seen, at most three of a kind, up to the pool's size. */
	#candidates(): [string, number][] {
		const ofKind = new Map<string, number>();
		const candidates: [string, number][] = [];
		for (const [input, ms] of [...this.#seen].sort((a, b) => b[1] - a[1])) {
			const kind = kindOf(input);
			const count = ofKind.get(kind) ?? 0;
			if (count === 3) continue;
			ofKind.set(kind, count + 1);
			candidates.push([input, ms]);
			if (candidates.length === this.#pool) break;
		}
		return candidates;
	}

	/**
	 * The slowest inputs. With `measure`, the candidates are first timed again (median of `times`,
	 * once the run is over and everything is warm), so an input that was merely unlucky — a GC
	 * pause, the first call of a code path — drops out.
	 */
	slowest(measure?: (input: string) => unknown, times = 5): { input: string; ms: number }[] {
		let candidates = this.#candidates();
		if (measure)
			candidates = candidates.map(([input]) => {
				const timings: number[] = [];
				for (let i = 0; i < times; i++) {
					const start = performance.now();
					measure(input);
					timings.push(performance.now() - start);
				}
				return [input, median(timings)];
			});
		// Only the slowest of each kind is kept, so the list shows different ways to be slow.
		const kinds = new Set<string>();
		const kept: { input: string; ms: number }[] = [];
		for (const [input, ms] of candidates.sort((a, b) => b[1] - a[1])) {
			const kind = kindOf(input);
			if (kinds.has(kind)) continue;
			kinds.add(kind);
			kept.push({ input, ms });
			if (kept.length === this.#keep) break;
		}
		return kept;
	}

	/** Writes the slowest inputs to FUZZ_SLOWEST_OUT (if set), replacing this source's earlier entries. */
	async save(measure?: (input: string) => unknown): Promise<void> {
		if (this.out === undefined || this.#seen.size === 0) return;
		const recorded = new Date().toISOString();
		const entries: SlowInput[] = this.slowest(measure).map(({ input, ms }) => ({
			input,
			ms: Number(ms.toFixed(3)),
			measured: this.options.measured,
			source: this.source,
			runs: this.options.runs,
			recorded,
		}));
		const file = path.resolve(process.cwd(), this.out);
		await withLock(`${file}.lock`, async () => {
			const kept = (await readEntries(file)).filter((e) => e.source !== this.source);
			const all = [...kept, ...entries].sort(
				(a, b) => (a.source ?? '').localeCompare(b.source ?? '') || (b.ms ?? 0) - (a.ms ?? 0),
			);
			await mkdir(path.dirname(file), { recursive: true });
			const temporary = `${file}.${process.pid}.tmp`;
			await writeFile(temporary, `${JSON.stringify(all, null, '\t')}\n`);
			await rename(temporary, file);
		});
		console.log(
			`${this.source}: the ${entries.length} slowest inputs (of ${this.options.runs} runs) written to ${path.relative(process.cwd(), file)}`,
		);
	}
}

/** The entries in `file`; none if it doesn't exist or isn't such a list (it is then rewritten). */
async function readEntries(file: string): Promise<SlowInput[]> {
	try {
		const parsed = slowInputsFileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
		return parsed.success ? parsed.data : [];
	} catch {
		return [];
	}
}

/** Runs `fn` holding a lock directory (mkdir is atomic); a lock older than 30 s is taken as stale. */
async function withLock<T>(lock: string, fn: () => Promise<T>): Promise<T> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		try {
			await mkdir(lock);
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const age = await stat(lock).then(
				(s) => Date.now() - s.mtimeMs,
				() => 0,
			);
			if (age > 30_000 || Date.now() > deadline) {
				await rmdir(lock).catch(() => undefined);
				continue;
			}
			await sleep(25);
		}
	}
	try {
		return await fn();
	} finally {
		await rmdir(lock).catch(() => undefined);
	}
}
