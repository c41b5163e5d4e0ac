/**
 * The REST API's HTTP side: the `/api/v10` prefix, matching a request to a route of the table
 * (rest-routes.ts), the bot token on authenticated routes, JSON and multipart bodies, Discord's
 * error bodies, and the record of every request for assertions (unknown routes answer 404).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './errors.js';
import { notifyWaiters, type StandIn } from './state.js';
import type { RecordedRequest } from './types.js';

export interface RouteContext {
	params: Record<string, string>;
	query: URLSearchParams;
	body: unknown;
	/** The status to answer with; a handler sets 204 when it returns nothing. */
	status: number;
}

export interface RouteSpec {
	/** Method and path, with `:name` parameters, e.g. `POST /channels/:channelId/messages`; recorded as `route`. */
	route: string;
	/** Whether the route needs the bot token (interaction callbacks and webhooks use their own token). */
	auth: boolean;
	handle(state: StandIn, ctx: RouteContext): unknown;
}

interface Route extends RouteSpec {
	method: string;
	pattern: RegExp;
}

const PREFIX = '/api/v10';

export function compileRoutes(specs: readonly RouteSpec[]): Route[] {
	return specs.map((spec) => {
		const [method, path] = spec.route.split(' ') as [string, string];
		const source = path.replace(/:(\w+)/g, (_m, key: string) => `(?<${key}>[^/]+)`);
		return { ...spec, method, pattern: new RegExp(`^${source}$`) };
	});
}

async function readBody(request: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const raw = Buffer.concat(chunks).toString('utf8');
	if (raw.length === 0) return undefined;
	const type = request.headers['content-type'] ?? '';
	if (type.startsWith('application/json')) return JSON.parse(raw) as unknown;
	if (type.startsWith('multipart/form-data')) {
		const match = /name="payload_json"[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/.exec(raw);
		return match ? (JSON.parse(match[1]!) as unknown) : raw;
	}
	return raw;
}

/** Answers one HTTP request from the route table, recording it. */
export async function handleRequest(
	state: StandIn,
	routes: readonly Route[],
	request: IncomingMessage,
	response: ServerResponse,
): Promise<void> {
	const url = new URL(request.url ?? '/', 'http://127.0.0.1');
	const method = request.method ?? 'GET';
	const path = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) : url.pathname;
	const record: RecordedRequest = {
		method,
		path,
		route: 'unknown',
		params: {},
		query: Object.fromEntries(url.searchParams),
		headers: {
			authorization: request.headers.authorization ? '[redacted]' : undefined,
			'content-type': request.headers['content-type'],
			'user-agent': request.headers['user-agent'],
			'x-audit-log-reason': request.headers['x-audit-log-reason'] as string | undefined,
		},
		body: undefined,
		status: 404,
		response: undefined,
		at: Date.now(),
		hr: performance.now(),
	};
	let status = 404;
	let payload: unknown = { message: '404: Not Found', code: 0 };
	try {
		record.body = await readBody(request);
		const delay = state.options.restDelayMs;
		if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
		const route = url.pathname.startsWith(PREFIX)
			? routes.find((r) => r.method === method && r.pattern.test(path))
			: undefined;
		if (route) {
			record.route = route.route;
			const params = Object.fromEntries(
				Object.entries(route.pattern.exec(path)?.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
			);
			record.params = params;
			if (route.auth && request.headers.authorization !== `Bot ${state.token}`)
				throw new HttpError(401, { message: '401: Unauthorized', code: 0 });
			const ctx: RouteContext = { params, query: url.searchParams, body: record.body, status: 200 };
			payload = route.handle(state, ctx);
			status = ctx.status;
		}
	} catch (error) {
		if (error instanceof HttpError) {
			status = error.status;
			payload = error.body;
		} else {
			status = 500;
			payload = { message: String(error), code: 0 };
		}
	}
	record.status = status;
	record.response = payload;
	state.requests.push(record);
	notifyWaiters(state.requestWaiters);
	if (status === 204 || payload === undefined) {
		response.writeHead(status === 200 ? 204 : status).end();
		return;
	}
	const text = JSON.stringify(payload);
	response
		.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
		.end(text);
}
