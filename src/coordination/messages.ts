/**
 * What hosts say to each other through Redis, and the zod schemas every received message is held
 * against: another host may run another version of the bot (or something else may publish on the
 * channel), so nothing is trusted because it arrived. Each message carries the protocol version
 * `v`; a host ignores (and counts) what it cannot read rather than guessing.
 */
import path from 'node:path';
import { z } from 'zod';
import { HOST_ID_PATTERN } from './host-id.js';
import { MAX_SHARD_COUNT } from './shard-slice.js';

export const PROTOCOL_VERSION = 1;

/** Where the bus lives in Redis: two channels and a hash, all under one prefix. */
export interface BusKeys {
	/** Reload and edit requests, heard by every host. */
	requests: string;
	/** Acknowledgements and reports, heard by every requester (each keeps its own request ids). */
	replies: string;
	/** Hash: shard id → the host that last said it runs it, to name the hosts that did not answer. */
	shardHosts: string;
}

/** The bus's names under `prefix` (default `faq-bot:`): a test or a second bot on one Redis uses its own. */
export function busKeys(prefix = 'faq-bot:'): BusKeys {
	return {
		requests: `${prefix}reload:requests`,
		replies: `${prefix}reload:replies`,
		shardHosts: `${prefix}shard-hosts`,
	};
}

const requestId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'a request id');
const hostId = z.string().regex(HOST_ID_PATTERN, 'a host id');
const shardId = z
	.number()
	.int()
	.min(0)
	.max(MAX_SHARD_COUNT - 1);
/** A SHA-256 in hex: a file's hash as the loader computes it (knowledge/cache.ts digestOf). */
const digest = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex');
/** A knowledge version, as KnowledgeService.version gives it (see answer/service.ts knowledgeVersion). */
const version = z.string().regex(/^[0-9a-f]{12}$/, 'a knowledge version (12 hex digits)');
const reason = z.string().max(2_000);
const count = z.number().int().min(0);

/**
 * A path relative to the knowledge folder, `/`-separated, that cannot leave it: the editor on the
 * receiving host resolves it again against its own folder, but nothing from outside should even
 * name a file elsewhere.
 */
const knowledgeFile = z
	.string()
	.min(1)
	.max(500)
	.refine(
		(file) =>
			!file.includes('\\') &&
			!file.includes('\0') &&
			!path.posix.isAbsolute(file) &&
			path.posix.normalize(file) === file &&
			!file.split('/').includes('..'),
		'a path inside the knowledge folder',
	);

/** The learning loop's "add as alternate", as every host applies it to its own copy of the knowledge. */
export const knowledgeEditSchema = z.object({
	/** Relative to the knowledge folder. */
	file: knowledgeFile,
	/** The entry or topic the alternate joins, as the editor identifies it. */
	entryId: z.string().min(1).max(500),
	alternate: z.string().min(1).max(2_000),
	/** The file's SHA-256 before the edit: a host whose copy differs refuses rather than guesses. */
	beforeHash: digest,
});
export type KnowledgeEdit = z.infer<typeof knowledgeEditSchema>;

const requestBase = {
	v: z.literal(PROTOCOL_VERSION),
	requestId,
	/** The requesting host, for the logs. */
	from: hostId,
};

export const busRequestSchema = z.discriminatedUnion('type', [
	z.object({ ...requestBase, type: z.literal('reload') }),
	z.object({ ...requestBase, type: z.literal('edit'), edit: knowledgeEditSchema }),
]);
export type BusRequest = z.infer<typeof busRequestSchema>;

/** One shard's outcome: the knowledge it serves now (its version), or why it kept the old. */
export const shardOutcomeSchema = z.discriminatedUnion('ok', [
	z.object({
		shardId,
		ok: z.literal(true),
		version,
		counts: z.object({ documents: count, sections: count, faqEntries: count }),
	}),
	z.object({
		shardId,
		ok: z.literal(false),
		reason,
		/** What it keeps serving, when known. */
		version: version.optional(),
	}),
]);
export type ShardOutcome = z.infer<typeof shardOutcomeSchema>;

/**
 * What applying an edit did on one host: `already-applied` when its copy has the alternate
 * already (a retry, or a host sharing the folder), `refused` with why otherwise (the file differs
 * from `beforeHash`, the entry is gone, the result would not validate).
 */
export const editOutcomeSchema = z.discriminatedUnion('status', [
	z.object({ status: z.literal('applied') }),
	z.object({ status: z.literal('already-applied') }),
	z.object({ status: z.literal('refused'), reason }),
]);
export type EditOutcome = z.infer<typeof editOutcomeSchema>;

const replyBase = { v: z.literal(PROTOCOL_VERSION), requestId, hostId };

export const busReplySchema = z.discriminatedUnion('type', [
	/** Sent on receipt, so a slow reload is told from a host that never heard the request. */
	z.object({ ...replyBase, type: z.literal('ack'), shardIds: z.array(shardId).max(MAX_SHARD_COUNT) }),
	z.object({
		...replyBase,
		type: z.literal('report'),
		shards: z.array(shardOutcomeSchema).max(MAX_SHARD_COUNT),
		edit: editOutcomeSchema.optional(),
	}),
]);
export type BusReply = z.infer<typeof busReplySchema>;
export type HostReport = Extract<BusReply, { type: 'report' }>;

/** A message as JSON, parsed with `schema`; undefined for anything else. */
export function readMessage<T>(schema: z.ZodType<T>, text: string): T | undefined {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return undefined;
	}
	const parsed = schema.safeParse(json);
	return parsed.success ? parsed.data : undefined;
}

/** Reads one channel's messages with `schema`, counting (and telling `onMalformed` of) what it cannot read. */
export class ChannelReader<T> {
	#malformed = 0;

	constructor(
		private readonly schema: z.ZodType<T>,
		private readonly onMalformed: (count: number) => void,
	) {}

	get malformed(): number {
		return this.#malformed;
	}

	read(text: string): T | undefined {
		const message = readMessage(this.schema, text);
		if (message === undefined) this.onMalformed(++this.#malformed);
		return message;
	}
}

/** A reason short enough for a message and a reply. */
export function clip(text: string, max = 500): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
