/**
 * METRICS_PORT for `npm start` (the bot, or the console without a token): the registry and the
 * server exist from the start of the process, before the knowledge is loaded and the gateway
 * connected, so a probe during a (long) start gets a 503 that says what it waits for instead of
 * "connection refused". Imported only when METRICS_PORT is set: prom-client is not loaded otherwise.
 */
import type { Logger } from '../logger.js';
import { BotMetrics } from './bot-metrics.js';
import { LOADING, processEndpoints, serveMetricsOrExit, type Health, type MetricsServer } from './server.js';

export interface ProcessMetrics {
	metrics: BotMetrics;
	server: MetricsServer;
	/** What `/healthz` answers from now on: each phase of the start hands over to the next. */
	setHealth: (health: () => Health) => void;
}

/** Starts serving at once (or says why it cannot and exits 1), answering {@link LOADING} until told otherwise. */
export async function serveProcessMetrics(port: number, logger: Logger): Promise<ProcessMetrics> {
	const metrics = new BotMetrics();
	let health = (): Health => LOADING;
	const server = await serveMetricsOrExit(
		port,
		processEndpoints(metrics.registry, () => health()),
		logger,
	);
	return {
		metrics,
		server,
		setHealth: (next) => {
			health = next;
		},
	};
}
