/**
 * A loopback stand-in for Discord: the v10 gateway (WebSocket, JSON, no compression) and the slice
 * of the REST API a bot uses, close enough to the real thing that an unmodified discord.js `Client`
 * or `ShardingManager` logs in, shards, receives messages and interactions and answers them.
 *
 * What it checks the way Discord does: the bot token (REST and IDENTIFY), shard ids, privileged
 * intents (close 4014), intent filtering of events, Message Content stripping, interaction
 * tokens, the 3-second acknowledgement window, double acknowledgement, message/embed/component/
 * autocomplete/command limits (400 "Invalid Form Body"), and unknown routes (404, recorded).
 *
 * Its parts share one state object (fake-discord/state.ts): wire.ts (Discord's constants),
 * types.ts (this public interface), serialise.ts (objects in Discord's payload shapes),
 * messages.ts, threads.ts (forum posts), gateway.ts, rest.ts with the route table in rest-routes.ts,
 * and interactions.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectedShards, createGateway, requestReconnect } from './fake-discord/gateway.js';
import {
	chooseOption,
	clickButton,
	sendAutocomplete,
	sendCommand,
	sendMessageCommand,
} from './fake-discord/interactions.js';
import { postUserMessage } from './fake-discord/messages.js';
import { compileRoutes, handleRequest } from './fake-discord/rest.js';
import { REST_ROUTES } from './fake-discord/rest-routes.js';
import { createForumPost } from './fake-discord/threads.js';
import { isObject } from './fake-discord/json.js';
import {
	createStandIn,
	findChannel,
	findGuild,
	findRole,
	findUser,
	waitFor,
	waitForRequest,
} from './fake-discord/state.js';
import type { FakeDiscord, FakeDiscordOptions, RecordedRequest, SentBody } from './fake-discord/types.js';

export type * from './fake-discord/types.js';
export {
	CallbackType,
	ChannelType,
	CommandType,
	DEFAULT_MEMBER_PERMISSIONS,
	EPHEMERAL,
	Intent,
	InteractionType,
	Op,
	Permission,
} from './fake-discord/wire.js';

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
	const state = createStandIn(options);
	const routes = compileRoutes(REST_ROUTES);
	const wss = createGateway(state);
	const server: Server = createServer((request, response) => {
		handleRequest(state, routes, request, response).catch((error: unknown) => {
			response.writeHead(500).end(String(error));
		});
	});
	server.on('upgrade', (request, socket, head) => {
		wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	state.port = (server.address() as AddressInfo).port;

	const api: FakeDiscord = {
		token: state.token,
		applicationId: state.applicationId,
		botUser: state.botUser,
		restUrl: `http://127.0.0.1:${state.port}/api`,
		gatewayUrl: `ws://127.0.0.1:${state.port}`,
		requests: state.requests,
		gateway: state.gatewayLog,
		get unknownRequests() {
			return state.requests.filter((r) => r.route === 'unknown');
		},
		get failedRequests() {
			return state.requests.filter((r) => r.route !== 'unknown' && r.status >= 400);
		},
		sentBodies: state.sentBodies,
		unlockedBodies: state.unlockedBodies,
		commands: state.commands,
		get sessions() {
			return [...state.sessions.values()]
				.filter((s) => !s.closed)
				.map((s) => ({ id: s.id, shard: s.shard, intents: s.intents, connected: Boolean(s.socket) }));
		},
		user: (ref) => findUser(state, ref),
		guild: (ref) => findGuild(state, ref),
		channel: (guild, channel) => findChannel(state, guild, channel),
		role: (guild, name) => findRole(findGuild(state, guild), name),
		message: (id) => state.messages.get(id),
		notified: (id) => state.notifiedByMessage.get(id),

		sendMessage(init) {
			const { message, channel, delivered } = postUserMessage(state, init);
			const isReply = (r: RecordedRequest) =>
				r.route === 'POST /channels/:channelId/messages' &&
				r.params.channelId === channel.id &&
				isObject(r.body) &&
				isObject(r.body.message_reference) &&
				r.body.message_reference.message_id === message.id;
			return {
				message,
				delivered,
				reply: async (timeoutMs = 5_000) =>
					(await waitForRequest(state, isReply, timeoutMs)) as RecordedRequest & { body: SentBody },
				reaction: async (timeoutMs = 5_000) => {
					const request = await waitForRequest(
						state,
						(r) =>
							r.route === 'PUT /channels/:channelId/messages/:messageId/reactions/:emoji/@me' &&
							r.params.messageId === message.id,
						timeoutMs,
					);
					return { ...request, emoji: request.params.emoji! };
				},
			};
		},
		createForumPost: (init) => createForumPost(state, init),
		sendCommand: (init) => sendCommand(state, init),
		sendMessageCommand: (init) => sendMessageCommand(state, init),
		sendAutocomplete: (init) => sendAutocomplete(state, init),
		clickButton: (init) => clickButton(state, init),
		chooseOption: (init) => chooseOption(state, init),

		waitForRequest: (predicate, timeoutMs) => waitForRequest(state, predicate, timeoutMs),
		waitForGateway: (predicate, timeoutMs = 5_000) =>
			waitFor(state.gatewayLog, state.gatewayWaiters, predicate, timeoutMs, 'a matching gateway payload'),

		async waitForShards(count = state.recommendedShards, timeoutMs = 10_000) {
			const ready = () => connectedShards(state).size >= count;
			if (ready()) return;
			await waitFor(state.gatewayLog, state.gatewayWaiters, () => ready(), timeoutMs, `${count} shard(s)`);
		},

		requestReconnect: (shard) => requestReconnect(state, shard),

		clearHistory() {
			state.requests.length = 0;
			state.gatewayLog.length = 0;
			state.sentBodies.length = 0;
			state.messages.clear();
			state.notifiedByMessage.clear();
			state.interactions.clear();
			for (const session of state.sessions.values()) session.events.length = 0;
			for (const [id, session] of state.sessions) if (session.closed) state.sessions.delete(id);
		},

		async close() {
			for (const client of wss.clients) client.terminate();
			wss.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			if (state.unlockedBodies.length > 0)
				throw new Error(
					`fake discord: the bot sent bodies that do not lock mentions:\n${state.unlockedBodies.join('\n')}`,
				);
		},
	};
	return api;
}
