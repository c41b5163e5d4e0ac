import { once } from 'node:events';
import {
	Client,
	Events,
	GatewayIntentBits,
	Partials,
	Status,
	type ClientOptions,
	type Interaction,
} from 'discord.js';
import { countKnowledge, type KnowledgeService } from '../answer/service.js';
import type { Config } from '../config.js';
import { LearningLoop } from '../learning-loop/loop.js';
import type { Logger } from '../logger.js';
import { BotMetrics } from '../metrics/bot-metrics.js';
import type { Health } from '../metrics/server.js';
import type { BotContext } from './context.js';
import { Cooldowns } from './cooldown.js';
import { handleAutocomplete } from './handlers/autocomplete.js';
import { handleButton } from './handlers/button.js';
import { handleCommand } from './handlers/command.js';
import { handleForumPost } from './handlers/forum-post.js';
import { handleMessage } from './handlers/message.js';
import { handleMessageCommand } from './handlers/message-command.js';
import { handleSolvedButton } from './handlers/solved-button.js';
import { parseSolvedCustomId } from './forum.js';
import { handleSelectMenu } from './handlers/select-menu.js';
import { InFlight, SHUTDOWN_GRACE_MS } from './in-flight.js';
import { allowedMentions } from './mentions.js';
import {
	installReloadHook,
	reloadEverywhere,
	reloadRequestResult,
	requestCounted,
} from './cross-shard-reload.js';
import type { ShardCoordination } from './shard-coordination.js';

/** What the caller adds to the bot; the plain bot (the tests) has none of it. */
export interface BotWiring {
	/**
	 * The metrics to count into, made before the bot so that METRICS_PORT serves them while the
	 * knowledge loads and the gateway connects (`npm start`); a registry of its own otherwise.
	 */
	metrics?: BotMetrics;
	/** A shard process's cross-host coordination for this client (undefined: this host alone). */
	coordinate?(client: Client, metrics: BotMetrics): ShardCoordination | undefined;
}

export interface RunningBot {
	client: Client<true>;
	/** This process's questions, latency, reloads, knowledge, pings and cooldown refusals. */
	metrics: BotMetrics;
	/** This process's learning loop: the record of every answer, and the votes. Closed by `stop()`. */
	learning: LearningLoop;
	/** Healthy when the gateway is connected and there is knowledge to answer from. */
	health(): Health;
	/**
	 * Stops taking new messages and interactions, waits (at most `graceMs`) for the ones already
	 * being answered, then closes the gateway connection(s) and writes what the learning loop still
	 * holds. Safe to call twice.
	 */
	stop(graceMs?: number): Promise<void>;
}

/** The client options the bot needs (exported for the README test that checks the intents it names). */
export function clientOptions(config: Config): ClientOptions {
	return {
		intents: [
			GatewayIntentBits.Guilds,
			GatewayIntentBits.GuildMessages,
			GatewayIntentBits.DirectMessages,
			// Privileged: only when enabled in the developer portal (Discord closes the gateway otherwise).
			...(config.messageContentIntent ? [GatewayIntentBits.MessageContent] : []),
		],
		// DM channels are not cached before their first message arrives.
		partials: [Partials.Channel],
		allowedMentions: allowedMentions(),
		rest: { api: config.apiUrl },
	};
}

function dispatchInteraction(interaction: Interaction, context: BotContext): Promise<void> {
	if (interaction.isChatInputCommand()) return handleCommand(interaction, context);
	if (interaction.isAutocomplete()) return handleAutocomplete(interaction, context);
	if (interaction.isMessageContextMenuCommand()) return handleMessageCommand(interaction, context);
	if (interaction.isButton() && parseSolvedCustomId(interaction.customId))
		return handleSolvedButton(interaction, context);
	if (interaction.isButton()) return handleButton(interaction, context);
	if (interaction.isStringSelectMenu()) return handleSelectMenu(interaction, context);
	return Promise.resolve();
}

/**
 * Logs the bot in and answers until stopped. Under a ShardingManager the client picks its shard(s)
 * up from the environment the manager sets; otherwise it is the one and only shard.
 */
export async function startBot(
	config: Config,
	service: KnowledgeService,
	logger: Logger,
	overrides: Partial<ClientOptions> = {},
	wiring: BotWiring = {},
): Promise<RunningBot> {
	if (!config.token) throw new Error('DISCORD_TOKEN is not set');
	const client = new Client({ ...clientOptions(config), ...overrides });
	// Opening never waits for the database nor fails for it: a broken one costs records, not answers.
	const learning = LearningLoop.open({
		settings: config,
		log: { info: (message) => logger.info(message), warn: (message) => logger.warn(message) },
		thread: 'worker',
		recorder: { maxQueued: config.learningQueueLimit },
	});
	const metrics = wiring.metrics ?? new BotMetrics();
	metrics.observe({
		knowledgeCounts: () => countKnowledge(service.knowledge),
		learningRecords: () => learning.counts,
		gatewayPings: () => new Map([...client.ws.shards].map(([id, shard]) => [id, shard.ping])),
	});
	const coordination = wiring.coordinate?.(client, metrics);
	const context: BotContext = {
		config,
		service,
		logger,
		metrics,
		cooldowns:
			coordination?.cooldowns ??
			new Cooldowns(config.cooldownQuestions, config.cooldownSeconds * 1000, {
				onRefuse: () => metrics.cooldownRefused(),
			}),
		learning,
		reloadEverywhere: requestCounted(() => reloadEverywhere(client), reloadRequestResult, metrics),
		...(coordination ? { knowledgeEdits: coordination.knowledgeEdits } : {}),
	};
	installReloadHook(client, service, logger, metrics);
	const inFlight = new InFlight();

	// Handlers catch their own errors; the catch here is the last line so a bug can never crash the process.
	client.on(Events.InteractionCreate, (interaction) => {
		inFlight.run(() =>
			dispatchInteraction(interaction, context).catch((error: unknown) =>
				logger.error({ err: error, interactionId: interaction.id }, 'unhandled interaction error'),
			),
		);
	});
	client.on(Events.MessageCreate, (message) => {
		inFlight.run(() =>
			handleMessage(message, context).catch((error: unknown) =>
				logger.error({ err: error, messageId: message.id }, 'unhandled message error'),
			),
		);
	});
	client.on(Events.ThreadCreate, (thread, newlyCreated) => {
		inFlight.run(() =>
			handleForumPost(thread, newlyCreated, context).catch((error: unknown) =>
				logger.error({ err: error, threadId: thread.id }, 'unhandled forum post error'),
			),
		);
	});
	client.on(Events.Error, (error) => logger.error({ err: error }, 'client error'));
	client.on(Events.Warn, (warning) => logger.warn(warning));
	client.on(Events.ShardError, (error, shardId) => logger.error({ err: error, shardId }, 'shard error'));
	client.on(Events.ShardDisconnect, (event, shardId) =>
		logger.warn({ code: event.code, shardId }, 'shard disconnected'),
	);
	client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'shard resumed'));
	client.on(Events.Debug, (message) => logger.trace({ discord: message }));

	const ready = once(client, Events.ClientReady) as Promise<[Client<true>]>;
	ready.catch(() => undefined); // awaited below; don't report it unhandled if login fails first
	try {
		await client.login(config.token);
	} catch (error) {
		await client.destroy();
		await coordination?.close();
		await learning.close();
		throw error;
	}
	const [readyClient] = await ready;
	logger.info(
		{
			user: readyClient.user.tag,
			shardIds: [...readyClient.ws.shards.keys()],
			shardCount: readyClient.options.shardCount,
			guilds: readyClient.guilds.cache.size,
		},
		'connected to Discord',
	);

	let stopped: Promise<void> | undefined;
	const stop = async (graceMs: number) => {
		const pending = inFlight.size;
		if (pending > 0) logger.info({ pending }, 'finishing the questions in flight');
		const left = await inFlight.drain(graceMs);
		if (left > 0) logger.warn({ left, graceMs }, 'closing with questions still unanswered');
		await readyClient.destroy();
		await coordination?.close();
		logger.info('disconnected from Discord');
		const counts = await learning.close();
		if (counts.dropped > 0 || counts.queued > 0)
			logger.warn({ ...counts }, 'learning store: some records could not be written before closing');
	};
	const health = (): Health => {
		const gateway = Status[client.ws.status] ?? String(client.ws.status);
		const documents = service.knowledge.documents.length;
		const reason = !inFlight.accepting
			? 'shutting down'
			: client.ws.status !== Status.Ready
				? `gateway not connected (${gateway})`
				: documents === 0
					? 'no knowledge loaded'
					: undefined;
		return { ok: reason === undefined, ...(reason ? { reason } : {}), gateway, documents };
	};
	return {
		client: readyClient,
		metrics,
		learning,
		health,
		stop: (graceMs = SHUTDOWN_GRACE_MS) => (stopped ??= stop(graceMs)),
	};
}
