import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AnswerKind } from '../answer/types.js';

/** Prometheus names the outcomes the way operators read them. */
const OUTCOME: Record<AnswerKind, string> = {
	answer: 'answered',
	abstain: 'abstained',
	smalltalk: 'small_talk',
};

/**
 * What the metrics read at scrape time instead of being told about every change. Each is given once
 * it exists (see {@link BotMetrics.observe}): the registry is served from the start of the process,
 * before the knowledge is loaded or the gateway connected.
 */
export interface MetricsSources {
	/** Entries of the knowledge being served now. */
	knowledgeCounts?(): { documents: number; sections: number; faqEntries: number };
	/** Heartbeat round trip per shard of this process, in ms (-1 before the first heartbeat). */
	gatewayPings?(): Map<number, number>;
	/** The learning loop's records: waiting to be written, and given up on since start. */
	learningRecords?(): { queued: number; dropped: number };
}

/**
 * What one reload request (a `/reload`, or an "add as alternate", which reloads) came to on the
 * shards it reached: `ok` every one took the new knowledge; `refused` at least one kept the old
 * because of problems; `partial` none refused but some shard did not answer.
 */
export type ReloadRequestResult = 'ok' | 'refused' | 'partial';
const RELOAD_RESULTS: readonly ReloadRequestResult[] = ['ok', 'refused', 'partial'];

/**
 * One process's metrics in their own registry (not prom-client's global one), so tests and the
 * shard manager can hold several. Gauges say how shards add up: counts of the same knowledge are
 * the same on every shard (`max`), pings are per shard (their label keeps them apart).
 */
export class BotMetrics {
	readonly registry = new Registry();
	readonly #questions = new Counter({
		name: 'faq_bot_questions_total',
		help: 'Questions answered from the knowledge, abstained on, or met with small talk',
		labelNames: ['outcome'] as const,
		registers: [this.registry],
	});
	readonly #latency = new Histogram({
		name: 'faq_bot_answer_duration_seconds',
		help: 'From receiving a question to Discord accepting the reply',
		buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
		registers: [this.registry],
	});
	readonly #reloads = new Counter({
		name: 'faq_bot_reloads_total',
		help: 'Reload requests (/reload, "add as alternate"), once each however many shards they reached, by result (ok, refused because of problems, partial when a shard did not answer)',
		labelNames: ['result'] as const,
		registers: [this.registry],
	});
	readonly #commands = new Counter({
		name: 'faq_bot_commands_total',
		help: 'Slash and message commands used, by name (only the commands this build registers)',
		labelNames: ['command'] as const,
		registers: [this.registry],
	});
	readonly #refusals = new Counter({
		name: 'faq_bot_cooldown_refusals_total',
		help: 'Questions refused by the per-user cooldown',
		registers: [this.registry],
	});
	/** Successful loads so far (the start counts as the first), so a reload shows as a step. */
	#version = 1;
	readonly #sources: MetricsSources = {};

	constructor(sources: MetricsSources = {}) {
		this.observe(sources);
		for (const outcome of Object.values(OUTCOME)) this.#questions.labels(outcome).inc(0);
		for (const result of RELOAD_RESULTS) this.#reloads.labels(result).inc(0);
		const version = () => this.#version;
		const current = this.#sources;
		new Gauge({
			name: 'faq_bot_knowledge_version',
			help: 'Successful knowledge loads since start (1 = the knowledge loaded at start, 0 = not loaded yet)',
			aggregator: 'max',
			registers: [this.registry],
			collect() {
				this.set(current.knowledgeCounts ? version() : 0);
			},
		});
		new Gauge({
			name: 'faq_bot_knowledge_entries',
			help: 'Entries of the knowledge being served, by kind',
			labelNames: ['kind'] as const,
			aggregator: 'max',
			registers: [this.registry],
			collect() {
				// Nothing to say before the knowledge is loaded (no sample rather than a false 0).
				const counts = current.knowledgeCounts?.();
				if (!counts) return;
				this.labels('documents').set(counts.documents);
				this.labels('sections').set(counts.sections);
				this.labels('faq_entries').set(counts.faqEntries);
			},
		});
		new Gauge({
			name: 'faq_bot_gateway_ping_seconds',
			help: 'Gateway heartbeat round trip, per shard',
			labelNames: ['shard'] as const,
			registers: [this.registry],
			collect() {
				this.reset();
				for (const [shard, ms] of current.gatewayPings?.() ?? [])
					if (ms >= 0) this.labels(String(shard)).set(ms / 1000);
			},
		});
		new Gauge({
			name: 'faq_bot_learning_records_queued',
			help: 'Learning records waiting to be written (they pile up while the database is unreachable)',
			registers: [this.registry],
			collect() {
				const records = current.learningRecords?.();
				if (records) this.set(records.queued);
			},
		});
		// The recorder keeps the count; the counter shows it at scrape time.
		let droppedShown = 0;
		new Counter({
			name: 'faq_bot_learning_records_dropped_total',
			help: 'Learning records given up on: the queue was full while the database was unreachable, or the bot closed first',
			registers: [this.registry],
			collect() {
				const dropped = current.learningRecords?.().dropped ?? 0;
				if (dropped > droppedShown) this.inc(dropped - droppedShown);
				droppedShown = dropped;
			},
		});
	}

	/** Call when a question arrives; call the result once it is answered. */
	startAnswer(): (kind: AnswerKind) => void {
		const stop = this.#latency.startTimer();
		return (kind) => {
			stop();
			this.#questions.labels(OUTCOME[kind]).inc();
		};
	}

	/** Gives the metrics what they read at scrape time, as each comes to exist. */
	observe(sources: MetricsSources): void {
		Object.assign(this.#sources, sources);
	}

	/** This process loaded new knowledge (whoever asked): the version steps. */
	knowledgeLoaded(): void {
		this.#version++;
	}

	/** One reload request, counted once by the process that made it (not by every shard it reached). */
	reloadRequested(result: ReloadRequestResult): void {
		this.#reloads.labels(result).inc();
	}

	/** A reload request carried out by this process alone (the console): a load and a request. */
	reloadedAlone(ok: boolean): void {
		if (ok) this.knowledgeLoaded();
		this.reloadRequested(ok ? 'ok' : 'refused');
	}

	/** A command was used; `command` must be one this build registers (bounded label values). */
	commandUsed(command: string): void {
		this.#commands.labels(command).inc();
	}

	cooldownRefused(): void {
		this.#refusals.inc();
	}
}
