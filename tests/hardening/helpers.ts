/**
 * Shared pieces of the hardening tests: indexes over what the bot sent to the stand-in (replies and
 * reactions by the message they answer, latencies), Discord's limits on a reply, and heap readings.
 * The crowded community and the unthrottled harness they run on are testkit/bot-harness.ts'.
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import type { Harness } from '../../testkit/bot-harness.js';
import type { RecordedRequest, SentBody } from '../../testkit/fake-discord.js';

/** `HARDENING_LONG=1 npm test` runs the long versions. */
export const LONG = /^(1|true|yes)$/i.test(process.env.HARDENING_LONG ?? '');

/** Discord's limits, written out here rather than imported from the bot under test. */
export const LIMITS = { content: 2000, description: 4096, embedTotal: 6000, buttonLabel: 80 } as const;

export const isMessagePost = (r: RecordedRequest) => r.route === 'POST /channels/:channelId/messages';
export const isReaction = (r: RecordedRequest) =>
	r.route === 'PUT /channels/:channelId/messages/:messageId/reactions/:emoji/@me';

/** Requests whose body is a message Discord would post or edit (the ones `allowed_mentions` applies to). */
export const isMessageBodyRoute = (r: RecordedRequest) =>
	isMessagePost(r) ||
	r.route === 'PATCH /channels/:channelId/messages/:messageId' ||
	r.route === 'POST /webhooks/:appId/:interactionToken' ||
	r.route === 'PATCH /webhooks/:appId/:interactionToken/messages/:messageId';

/** Message bodies the bot sent, including interaction responses that carry one. */
export function carriesMessageBody(r: RecordedRequest): boolean {
	if (isMessageBodyRoute(r)) return true;
	if (r.route !== 'POST /interactions/:interactionId/:interactionToken/callback') return false;
	const data = (r.body as { data?: Record<string, unknown> } | undefined)?.data;
	return data !== undefined && ('content' in data || 'embeds' in data || 'components' in data);
}

export type Reply = RecordedRequest & { body: SentBody };

/** The id of the message a bot message POST replies to. */
export function repliedTo(r: RecordedRequest): string | undefined {
	return isMessagePost(r) ? (r.body as SentBody | undefined)?.message_reference?.message_id : undefined;
}

/** Every reply and reaction the bot made, by the id of the user message it answers. */
export function responsesByMessage(requests: readonly RecordedRequest[]): {
	replies: Map<string, Reply[]>;
	reactions: Map<string, RecordedRequest[]>;
} {
	const replies = new Map<string, Reply[]>();
	const reactions = new Map<string, RecordedRequest[]>();
	for (const r of requests) {
		const to = repliedTo(r);
		if (to !== undefined) {
			const list = replies.get(to) ?? [];
			list.push(r as Reply);
			replies.set(to, list);
		} else if (isReaction(r)) {
			const id = r.params.messageId!;
			const list = reactions.get(id) ?? [];
			list.push(r);
			reactions.set(id, list);
		}
	}
	return { replies, reactions };
}

/** When each MESSAGE_CREATE went out on the gateway (`performance.now()`), by message id. */
export function dispatchTimes(h: Harness): Map<string, number> {
	const times = new Map<string, number>();
	for (const g of h.discord.gateway) {
		if (g.direction !== 'out' || g.t !== 'MESSAGE_CREATE') continue;
		const id = (g.d as { id?: unknown }).id;
		if (typeof id === 'string' && !times.has(id)) times.set(id, g.hr);
	}
	return times;
}

/**
 * Resolves once `done()` holds, polling (cheaper than one stand-in waiter per message: each waiter
 * rescans every recorded request on every new one).
 */
export async function waitUntil(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!done()) {
		if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(10);
	}
}

/** Counts requests matching `predicate`, scanning only what arrived since the last call. */
export function requestCounter(h: Harness, predicate: (r: RecordedRequest) => boolean): () => number {
	let seen = 0;
	let count = 0;
	return () => {
		const requests = h.discord.requests;
		if (requests.length < seen) seen = 0; // history was cleared
		for (; seen < requests.length; seen++) if (predicate(requests[seen]!)) count++;
		return count;
	};
}

/** The length Discord counts toward the 6,000-character total of a message's embeds. */
export function embedTotal(body: SentBody): number {
	let total = 0;
	for (const e of body.embeds ?? [])
		total +=
			(e.title?.length ?? 0) +
			(e.description?.length ?? 0) +
			(e.footer?.text.length ?? 0) +
			(e.author?.name.length ?? 0) +
			(e.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
	return total;
}

/** A reply the real API would accept and that notifies no one. */
export function expectValidReply(reply: Reply): void {
	expect(reply.status, JSON.stringify(reply.response)).toBe(200);
	const body = reply.body;
	expect(body.allowed_mentions?.parse).toEqual([]);
	expect(body.allowed_mentions?.replied_user).toBe(false);
	const content = body.content ?? '';
	const embeds = body.embeds ?? [];
	expect(content.length > 0 || embeds.length > 0).toBe(true);
	expect(content.length).toBeLessThanOrEqual(LIMITS.content);
	for (const embed of embeds) expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
	expect(embedTotal(body)).toBeLessThanOrEqual(LIMITS.embedTotal);
	for (const row of body.components ?? [])
		for (const button of row.components)
			expect(button.label?.length ?? 0).toBeLessThanOrEqual(LIMITS.buttonLabel);
}

/** `global.gc`, exposed at run time if the process didn't start with `--expose-gc`. */
export function exposeGc(): () => void {
	const existing = (globalThis as { gc?: () => void }).gc;
	if (typeof existing === 'function') return existing;
	setFlagsFromString('--expose-gc');
	return runInNewContext('gc') as () => void;
}

/** Heap in use after full collections (several, so weak references and finalizers settle). */
export async function settledHeap(gc: () => void): Promise<number> {
	for (let i = 0; i < 3; i++) {
		gc();
		await sleep(20);
	}
	gc();
	return process.memoryUsage().heapUsed;
}
