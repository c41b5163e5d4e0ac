import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger.js';

/** `/healthz` body: `ok` decides 200 or 503; `reason` says what is missing when it is not. */
export interface Health {
	ok: boolean;
	reason?: string;
	[detail: string]: unknown;
}

/** `/healthz` while the knowledge is being loaded. */
export const LOADING: Health = { ok: false, reason: 'knowledge not loaded' };

/** `/healthz` once the knowledge is loaded, while the bot logs in (until it hands over its own). */
export function connecting(documents: number): Health {
	return { ok: false, reason: 'gateway not connected (connecting)', gateway: 'Connecting', documents };
}

/**
 * `/healthz` of the console: there is no gateway to wait for, so it is healthy whenever there is
 * knowledge to answer from.
 */
export function consoleHealth(documents: number): Health {
	return documents > 0
		? { ok: true, mode: 'console', documents }
		: { ok: false, reason: 'no knowledge loaded', mode: 'console', documents };
}

export interface MetricsEndpoints {
	/** Prometheus text exposition and its content type. */
	metrics(): Promise<{ contentType: string; body: string }>;
	health(): Promise<Health>;
}

export interface MetricsServer {
	/** The port listened on (the one asked for, or the one the OS picked for 0). */
	port: number;
	close(): Promise<void>;
}

/** Serves `GET /healthz` and `GET /metrics` for probes and Prometheus; anything else is 404. */
export async function startMetricsServer(port: number, endpoints: MetricsEndpoints): Promise<MetricsServer> {
	const server = createServer((request, response) => {
		const path = new URL(request.url ?? '/', 'http://localhost').pathname;
		const respond = async () => {
			if (request.method !== 'GET' && request.method !== 'HEAD') {
				response.writeHead(405, { allow: 'GET, HEAD' }).end();
			} else if (path === '/healthz') {
				const health = await endpoints.health();
				response
					.writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' })
					.end(JSON.stringify(health));
			} else if (path === '/metrics') {
				const { contentType, body } = await endpoints.metrics();
				response.writeHead(200, { 'content-type': contentType }).end(body);
			} else {
				response
					.writeHead(404, { 'content-type': 'text/plain' })
					.end('not found: try /healthz or /metrics\n');
			}
		};
		respond().catch((error: unknown) => {
			// A failed scrape is the scraper's to see; it must not take the bot down.
			if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
			response.end(`metrics unavailable: ${error instanceof Error ? error.message : String(error)}\n`);
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, () => {
			server.off('error', reject);
			resolve();
		});
	});
	return {
		port: (server.address() as AddressInfo).port,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** The endpoints of one process: its own registry and health. */
export function processEndpoints(registry: Registry, health: () => Health): MetricsEndpoints {
	return {
		metrics: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
		health: () => Promise.resolve(health()),
	};
}

/** Starts the server for METRICS_PORT, or says in one line why it cannot (port taken) and exits 1. */
export async function serveMetricsOrExit(
	port: number,
	endpoints: MetricsEndpoints,
	logger: Logger,
): Promise<MetricsServer> {
	try {
		const server = await startMetricsServer(port, endpoints);
		logger.info({ port: server.port }, 'serving /healthz and /metrics');
		return server;
	} catch (error) {
		logger.fatal(
			`METRICS_PORT ${port}: cannot listen (${error instanceof Error ? error.message : String(error)}) — pick a free port or unset METRICS_PORT`,
		);
		process.exit(1);
	}
}
