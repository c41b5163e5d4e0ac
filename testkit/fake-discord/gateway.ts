/**
 * The v10 gateway (WebSocket, JSON, no compression): HELLO, heartbeats, IDENTIFY with the token,
 * shard and intent checks Discord makes (closes 4004, 4010, 4013, 4014), READY and GUILD_CREATE
 * per shard, RESUME with replay, RECONNECT; and dispatching events to the session that owns a
 * guild's shard, filtered by its intents.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { GatewayReadyDispatchData, UserFlags } from 'discord-api-types/v10';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { isObject } from './json.js';
import { apiGuild, applicationFlags } from './serialise.js';
import { shardOf } from './snowflake.js';
import { notifyWaiters, type Session, type StandIn } from './state.js';
import { Intent, Op } from './wire.js';

const TRACE = ['["fake-gateway",{}]'];

export function send(
	state: StandIn,
	socket: WebSocket,
	payload: { op: number; d: unknown; s?: number | null; t?: string | null },
	session?: Session,
): void {
	state.gatewayLog.push({
		direction: 'out',
		sessionId: session?.id,
		shard: session?.shard,
		op: payload.op,
		t: payload.t ?? null,
		d: payload.d,
		at: Date.now(),
		hr: performance.now(),
	});
	notifyWaiters(state.gatewayWaiters);
	socket.send(JSON.stringify({ s: null, t: null, ...payload }));
}

function dispatch(state: StandIn, session: Session, t: string, data: unknown): void {
	// Gateway message events carry the channel's type (discord.js needs it to build uncached DM channels).
	const channel =
		t === 'MESSAGE_CREATE' && isObject(data) ? state.channels.get(String(data.channel_id)) : undefined;
	const d = channel && isObject(data) ? { ...data, channel_type: channel.type } : data;
	const s = ++session.seq;
	session.events.push({ s, t, d });
	if (session.socket && session.socket.readyState === session.socket.OPEN)
		send(state, session.socket, { op: Op.Dispatch, s, t, d }, session);
}

/** Live sessions for a shard, newest first (a session survives a disconnect until resumed or invalidated). */
export function sessionsForShard(state: StandIn, shard: number): Session[] {
	return [...state.sessions.values()].filter((s) => !s.closed && s.shard[0] === shard).reverse();
}

function shardFor(state: StandIn, guildId: string | undefined): number {
	const live = [...state.sessions.values()].filter((s) => !s.closed);
	const count = live[0]?.shard[1] ?? 1;
	// DMs go to shard 0.
	return guildId ? shardOf(guildId, count) : 0;
}

/**
 * Dispatches an event to the session owning the guild's shard, if its intents want it; `d` may be
 * a function of the session (e.g. to strip content it has no intent for). Returns how many
 * sessions got it (0 or 1).
 */
export function dispatchTo(
	state: StandIn,
	guildId: string | undefined,
	t: string,
	d: unknown,
	intent?: number,
	requireSession = false,
): number {
	const shard = shardFor(state, guildId);
	const session = sessionsForShard(state, shard)[0];
	if (!session) {
		if (requireSession) throw new Error(`fake discord: no session on shard ${shard} to deliver ${t}`);
		return 0;
	}
	if (intent !== undefined && !(session.intents & intent)) return 0;
	dispatch(state, session, t, typeof d === 'function' ? (d as (s: Session) => unknown)(session) : d);
	return 1;
}

/** Sends op 7 RECONNECT to a shard; the client is expected to RESUME on `resume_gateway_url`. */
export function requestReconnect(state: StandIn, shard: number): void {
	const session = sessionsForShard(state, shard)[0];
	if (!session?.socket) throw new Error(`fake discord: shard ${shard} is not connected`);
	send(state, session.socket, { op: Op.Reconnect, d: null }, session);
}

/** The shards with a connected session. */
export function connectedShards(state: StandIn): Set<number> {
	const live = [...state.sessions.values()].filter((s) => !s.closed && s.socket);
	return new Set(live.map((s) => s.shard[0]));
}

function decode(raw: RawData): string {
	if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
	if (raw instanceof ArrayBuffer) return Buffer.from(new Uint8Array(raw)).toString('utf8');
	return raw.toString('utf8');
}

/** IDENTIFY: checks the token, intents and shard, then READY and the shard's guilds; the new session, or undefined once closed. */
function identify(state: StandIn, socket: WebSocket, d: unknown): Session | undefined {
	if (!isObject(d) || d.token !== state.token) {
		socket.close(4004, 'Authentication failed');
		return undefined;
	}
	const intents = d.intents;
	if (typeof intents !== 'number' || intents < 0 || intents >= 1 << 26) {
		socket.close(4013, 'Invalid intent(s)');
		return undefined;
	}
	const privileged = state.privileged;
	if (
		(intents & Intent.MessageContent && !privileged.messageContent) ||
		(intents & Intent.GuildMembers && !privileged.guildMembers) ||
		(intents & Intent.GuildPresences && !privileged.presences)
	) {
		socket.close(4014, 'Disallowed intent(s)');
		return undefined;
	}
	const shardField = d.shard ?? [0, 1];
	if (
		!Array.isArray(shardField) ||
		typeof shardField[0] !== 'number' ||
		typeof shardField[1] !== 'number' ||
		shardField[1] < 1 ||
		shardField[0] < 0 ||
		shardField[0] >= shardField[1]
	) {
		socket.close(4010, 'Invalid shard');
		return undefined;
	}
	const shard: [number, number] = [shardField[0], shardField[1]];
	// A new IDENTIFY for the same shard replaces the old session.
	for (const old of sessionsForShard(state, shard[0])) old.closed = true;
	const session: Session = {
		id: randomBytes(16).toString('hex'),
		shard,
		intents,
		seq: 0,
		socket,
		events: [],
		closed: false,
	};
	state.sessions.set(session.id, session);
	const own = state.guilds.filter((g) => shardOf(g.id, shard[1]) === shard[0]);
	const flags = applicationFlags(state);
	const ready: GatewayReadyDispatchData & Record<string, unknown> = {
		v: 10,
		user: { ...state.botUser, verified: true, mfa_enabled: false, flags: 0 as UserFlags, email: null },
		user_settings: {},
		private_channels: [],
		relationships: [],
		presences: [],
		guild_join_requests: [],
		geo_ordered_rtc_regions: ['local'],
		guilds: own.map((g) => ({ id: g.id, unavailable: true })),
		session_id: session.id,
		session_type: 'normal',
		resume_gateway_url: `ws://127.0.0.1:${state.port}/resume`,
		shard,
		application: { id: state.applicationId, flags, flags_new: String(flags) },
		auth: {},
		_trace: TRACE,
	};
	dispatch(state, session, 'READY', ready);
	if (intents & Intent.Guilds)
		for (const guild of own) dispatch(state, session, 'GUILD_CREATE', apiGuild(state, guild, intents));
	return session;
}

/** RESUME: the session's missed events replayed, then RESUMED; undefined (op 9) when it cannot resume. */
function resume(state: StandIn, socket: WebSocket, d: unknown): Session | undefined {
	const resumed = isObject(d) ? state.sessions.get(String(d.session_id)) : undefined;
	if (!isObject(d) || d.token !== state.token || !resumed || resumed.closed) {
		send(state, socket, { op: Op.InvalidSession, d: false });
		return undefined;
	}
	if (resumed.socket && resumed.socket !== socket && resumed.socket.readyState === resumed.socket.OPEN)
		resumed.socket.terminate();
	resumed.socket = socket;
	const seq = typeof d.seq === 'number' ? d.seq : 0;
	for (const event of resumed.events.filter((e) => e.s > seq))
		send(state, socket, { op: Op.Dispatch, s: event.s, t: event.t, d: event.d }, resumed);
	dispatch(state, resumed, 'RESUMED', { _trace: TRACE });
	return resumed;
}

/** The gateway's WebSocket server; the HTTP server hands it upgrades. */
export function createGateway(state: StandIn): WebSocketServer {
	const wss = new WebSocketServer({ noServer: true });
	wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
		const url = new URL(request.url ?? '/', 'ws://127.0.0.1');
		if (url.searchParams.get('v') !== '10') {
			socket.close(4012, 'Invalid API version');
			return;
		}
		if (url.searchParams.get('encoding') !== 'json' || url.searchParams.has('compress')) {
			// Only JSON without transport compression is implemented.
			socket.close(4002, 'Decode error');
			return;
		}
		let session: Session | undefined;
		send(state, socket, { op: Op.Hello, d: { heartbeat_interval: state.heartbeatInterval, _trace: TRACE } });

		socket.on('message', (raw: RawData) => {
			let payload: { op?: unknown; d?: unknown };
			try {
				payload = JSON.parse(decode(raw)) as { op?: unknown; d?: unknown };
			} catch {
				socket.close(4002, 'Decode error');
				return;
			}
			const d = payload.d;
			state.gatewayLog.push({
				direction: 'in',
				sessionId: session?.id,
				shard: session?.shard,
				op: Number(payload.op),
				d: isObject(d) && 'token' in d ? { ...d, token: '[redacted]' } : d,
				at: Date.now(),
				hr: performance.now(),
			});
			notifyWaiters(state.gatewayWaiters);
			switch (payload.op) {
				case Op.Heartbeat:
					send(state, socket, { op: Op.HeartbeatAck, d: null }, session);
					return;
				case Op.Identify:
					if (session) socket.close(4005, 'Already authenticated');
					else if (state.options.holdIdentify)
						void state.options.holdIdentify.then(() => (session = identify(state, socket, d)));
					else session = identify(state, socket, d);
					return;
				case Op.Resume:
					session = resume(state, socket, d) ?? session;
					return;
				default:
					// PRESENCE_UPDATE and anything else need a session first.
					if (!session) socket.close(4003, 'Not authenticated');
			}
		});

		socket.on('close', (code) => {
			// Closing with 1000/1001 ends the session; anything else (e.g. 4200) keeps it resumable.
			if (session && session.socket === socket) {
				session.socket = undefined;
				if (code === 1000 || code === 1001) session.closed = true;
			}
		});
	});
	return wss;
}
