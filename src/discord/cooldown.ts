/**
 * `firstRefusal` is true only for the first refused use in a run of refusals: a user who keeps
 * typing is told once, so a flood of questions can't become a flood of reactions (which Discord
 * rate-limits).
 */
export type CooldownResult = { ok: true } | { ok: false; retryAt: number; firstRefusal: boolean };

interface Bucket {
	/** Questions the user may still ask, as of `at` (fractional while refilling). */
	tokens: number;
	at: number;
	/** Already refused since their last accepted question. */
	told: boolean;
}

/**
 * Per-user token bucket: `capacity` questions at once, refilled evenly over `windowMs`. A user's
 * follow-up a second after a first question goes through (a single fixed window refused it); a
 * flood runs out of questions and is refused until the bucket refills. Users whose bucket is full
 * again are forgotten, so the map only holds users active in the last window.
 */
export class Cooldowns {
	readonly #buckets = new Map<string, Bucket>();
	readonly #msPerToken: number;

	constructor(
		private readonly capacity: number,
		private readonly windowMs: number,
		private readonly options: { now?: () => number; onRefuse?: () => void } = {},
	) {
		this.#msPerToken = windowMs / capacity;
	}

	/** Takes one question from the user's bucket, or says when the next one will be there. */
	take(userId: string): CooldownResult {
		if (this.windowMs <= 0) return { ok: true };
		const now = (this.options.now ?? Date.now)();
		if (this.#buckets.size > 1000) this.#sweep(now);
		const bucket = this.#buckets.get(userId);
		const tokens = bucket ? this.#refilled(bucket, now) : this.capacity;
		if (tokens >= 1) {
			this.#buckets.set(userId, { tokens: tokens - 1, at: now, told: false });
			return { ok: true };
		}
		this.options.onRefuse?.();
		const retryAt = Math.ceil(now + (1 - tokens) * this.#msPerToken);
		const firstRefusal = !bucket?.told;
		this.#buckets.set(userId, { tokens, at: now, told: true });
		return { ok: false, retryAt, firstRefusal };
	}

	get size(): number {
		return this.#buckets.size;
	}

	#refilled(bucket: Bucket, now: number): number {
		return Math.min(this.capacity, bucket.tokens + (now - bucket.at) / this.#msPerToken);
	}

	#sweep(now: number): void {
		for (const [user, bucket] of this.#buckets)
			if (this.#refilled(bucket, now) >= this.capacity) this.#buckets.delete(user);
	}
}
