import { Collection } from 'discord.js';

export type CooldownResult = { ok: true } | { ok: false; retryAt: number };

/**
 * Per-user cooldown: a user's next question is refused until their window expires. Entries are
 * dropped once expired, so the map only holds users active in the last window.
 */
export class Cooldowns {
	readonly #until = new Collection<string, number>();

	constructor(
		private readonly windowMs: number,
		private readonly now: () => number = Date.now,
	) {}

	/** Starts the user's window if it isn't running; otherwise says when it ends. */
	take(userId: string): CooldownResult {
		if (this.windowMs <= 0) return { ok: true };
		const now = this.now();
		if (this.#until.size > 1000) this.#until.sweep((until) => until <= now);
		const until = this.#until.get(userId);
		if (until !== undefined && until > now) return { ok: false, retryAt: until };
		this.#until.set(userId, now + this.windowMs);
		return { ok: true };
	}

	get size(): number {
		return this.#until.size;
	}
}
