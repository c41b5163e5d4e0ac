import type { Client } from 'discord.js';
import type { KnowledgeService, ReloadReport } from '../answer/service.js';
import type { Logger } from '../logger.js';
import type { BotMetrics, ReloadRequestResult } from '../metrics/bot-metrics.js';

/** One process's (one client's) outcome of a reload. */
export interface ShardReloadResult {
	shardIds: number[];
	report: ReloadReport;
	/** The knowledge version served after it (the old one when refused), as hosts compare them. */
	version: string;
	/** When it finished (this process's clock). */
	at: number;
}

export interface ReloadSummary {
	/** Shards the bot runs in total. */
	shardCount: number;
	/** One entry per client that was reached, in shard order. */
	results: ShardReloadResult[];
	/** Clients that could not be reached, with why. */
	unreachable: string[];
}

/**
 * The property a client carries its reload function under. `broadcastEval` sends a function's
 * source text to every shard process, where it runs against that process's client: it can't close
 * over anything here, so it finds the reload function on the client by this literal name.
 */
const HOOK = 'faqBotReload';

interface ReloadHookHolder {
	faqBotReload(): Promise<ShardReloadResult>;
	/** The last reload this client did, whoever asked for it. */
	faqBotLastReload?: ShardReloadResult;
}

/** Gives a client the reload function other shards' `broadcastEval` calls reach. */
export function installReloadHook(
	client: Client,
	service: KnowledgeService,
	logger: Logger,
	metrics?: BotMetrics,
): void {
	const reload = async (): Promise<ShardReloadResult> => {
		const shardIds = [...client.ws.shards.keys()];
		const report = await service.reload();
		// The request itself is counted once, by whoever made it (requestCounted).
		if (report.ok) metrics?.knowledgeLoaded();
		logger.info(
			report.ok
				? { shardIds, counts: report.counts, diff: report.diff }
				: { shardIds, problems: report.problems },
			report.ok ? 'knowledge reloaded' : 'knowledge reload refused; keeping the current knowledge',
		);
		const result = { shardIds, report, version: service.version, at: Date.now() };
		Object.defineProperty(client, LAST, { value: result, configurable: true, writable: true });
		return result;
	};
	Object.defineProperty(client, HOOK, { value: reload, configurable: true });
}

const LAST = 'faqBotLastReload';

/** The last reload this client did (through its hook: its own /reload, a broadcast or a cross-host request). */
export function lastReloadOf(client: Client): ShardReloadResult | undefined {
	return (client as unknown as Partial<ReloadHookHolder>).faqBotLastReload;
}

/** A client's own reload function (installed by installReloadHook). */
export function reloadHookOf(client: Client): () => Promise<ShardReloadResult> {
	const holder = client as unknown as Partial<ReloadHookHolder>;
	if (typeof holder.faqBotReload !== 'function') throw new Error('reload hook not installed on this client');
	return () => holder.faqBotReload!();
}

const BROADCAST_TIMEOUT_MS = 30_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Reloads on every shard. Under a ShardingManager each shard process reloads its own
 * KnowledgeService through `client.shard.broadcastEval`; a lone client just reloads itself.
 */
export async function reloadEverywhere(client: Client): Promise<ReloadSummary> {
	const shard = client.shard;
	if (!shard) {
		const result = await reloadHookOf(client)();
		return { shardCount: client.options.shardCount ?? 1, results: [result], unreachable: [] };
	}
	try {
		const results = await withTimeout(
			// Runs inside each shard process; keep it self-contained (see HOOK).
			shard.broadcastEval((c) => (c as unknown as ReloadHookHolder).faqBotReload()),
			BROADCAST_TIMEOUT_MS,
			'reload broadcast',
		);
		return {
			shardCount: shard.count,
			results: results.sort((a, b) => (a.shardIds[0] ?? 0) - (b.shardIds[0] ?? 0)),
			unreachable: [],
		};
	} catch (error) {
		// Some shard didn't answer (restarting, hung): still reload here and say what is known.
		const result = await reloadHookOf(client)();
		return {
			shardCount: shard.count,
			results: [result],
			unreachable: [error instanceof Error ? error.message : String(error)],
		};
	}
}

/** What a reload across this host's shards came to, for `faq_bot_reloads_total`. */
export function reloadRequestResult(summary: ReloadSummary): ReloadRequestResult {
	if (summary.results.some((result) => !result.report.ok)) return 'refused';
	return summary.unreachable.length > 0 ? 'partial' : 'ok';
}

/** `reload`, counting each call once in `faq_bot_reloads_total` by what it came to. */
export function requestCounted<T>(
	reload: () => Promise<T>,
	resultOf: (summary: T) => ReloadRequestResult,
	metrics: BotMetrics,
): () => Promise<T> {
	return async () => {
		const summary = await reload();
		metrics.reloadRequested(resultOf(summary));
		return summary;
	};
}

/**
 * Reloads one shard process (under a ShardingManager) through its hook: `evalOn` is the manager's
 * `shard.eval` or a shard's `broadcastEval(…, { shard })`. Both carry the function's source text,
 * so it finds the hook on the client by its literal name.
 */
export async function reloadShardThrough(
	evalOn: (script: (client: Client) => Promise<ShardReloadResult>) => Promise<unknown>,
	timeoutMs = BROADCAST_TIMEOUT_MS,
): Promise<ShardReloadResult> {
	// What comes back is our own hook's result from our own child process, as JSON over its IPC channel.
	return withTimeout(
		evalOn((c) => (c as unknown as ReloadHookHolder).faqBotReload()) as Promise<ShardReloadResult>,
		timeoutMs,
		"the shard's reload",
	);
}
