import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AnswerKind } from '../answer/types.js';

/** Prometheus names the outcomes the way operators read them. */
const OUTCOME: Record<AnswerKind, string> = {
	answer: 'answered',
	abstain: 'abstained',
	smalltalk: 'small_talk',
};

/** What the metrics read at scrape time instead of being told about every change. */
export interface MetricsSources {
	/** Entries of the knowledge being served now. */
	knowledgeCounts(): { documents: number; sections: number; faqEntries: number };
	/** Heartbeat round trip per shard of this process, in ms (-1 before the first heartbeat). */
	gatewayPings(): Map<number, number>;
	/** The learning loop's records: waiting to be written, and given up on since start. */
	learningRecords(): { queued: number; dropped: number };
}

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
		help: 'Knowledge reloads, by result (ok, or refused because of problems)',
		labelNames: ['result'] as const,
		registers: [this.registry],
	});
	readonly #refusals = new Counter({
		name: 'faq_bot_cooldown_refusals_total',
		help: 'Questions refused by the per-user cooldown',
		registers: [this.registry],
	});
	/** Successful loads so far (the start counts as the first), so a reload shows as a step. */
	#version = 1;

	constructor(sources: MetricsSources) {
		for (const outcome of Object.values(OUTCOME)) this.#questions.labels(outcome).inc(0);
		for (const result of ['ok', 'refused']) this.#reloads.labels(result).inc(0);
		const version = () => this.#version;
		new Gauge({
			name: 'faq_bot_knowledge_version',
			help: 'Successful knowledge loads since start (1 = the knowledge loaded at start)',
			aggregator: 'max',
			registers: [this.registry],
			collect() {
				this.set(version());
			},
		});
		new Gauge({
			name: 'faq_bot_knowledge_entries',
			help: 'Entries of the knowledge being served, by kind',
			labelNames: ['kind'] as const,
			aggregator: 'max',
			registers: [this.registry],
			collect() {
				const counts = sources.knowledgeCounts();
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
				for (const [shard, ms] of sources.gatewayPings())
					if (ms >= 0) this.labels(String(shard)).set(ms / 1000);
			},
		});
		new Gauge({
			name: 'faq_bot_learning_records_queued',
			help: 'Learning records waiting to be written (they pile up while the database is unreachable)',
			registers: [this.registry],
			collect() {
				this.set(sources.learningRecords().queued);
			},
		});
		// The recorder keeps the count; the counter shows it at scrape time.
		let droppedShown = 0;
		new Counter({
			name: 'faq_bot_learning_records_dropped_total',
			help: 'Learning records given up on: the queue was full while the database was unreachable, or the bot closed first',
			registers: [this.registry],
			collect() {
				const dropped = sources.learningRecords().dropped;
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

	reloaded(ok: boolean): void {
		if (ok) this.#version++;
		this.#reloads.labels(ok ? 'ok' : 'refused').inc();
	}

	cooldownRefused(): void {
		this.#refusals.inc();
	}
}
