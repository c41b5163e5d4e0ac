import { Collection } from 'discord.js';

/**
 * `firstRefusal` is true only for the first refused use in a window: a user who keeps typing is
 * told once, so a flood of questions can't become a flood of reactions (which Discord rate-limits).
 */
export type CooldownResult = { ok: true } | { ok: false; retryAt: number; firstRefusal: boolean };

/**
 * Per-user cooldown: a user's next question is refused until their window expires. Entries are
 * dropped once expired, so the map only holds users active in the last window.
 */
export class Cooldowns {
	readonly #until = new Collection<string, number>();
	/** Users already refused once in their current window. */
	readonly #told = new Set<string>();

	constructor(
		private readonly windowMs: number,
		private readonly now: () => number = Date.now,
	) {}

	/** Starts the user's window if it isn't running; otherwise says when it ends. */
	take(userId: string): CooldownResult {
		if (this.windowMs <= 0) return { ok: true };
		const now = this.now();
		if (this.#until.size > 1000) {
			this.#until.sweep((until, user) => {
				if (until > now) return false;
				this.#told.delete(user);
				return true;
			});
		}
		const until = this.#until.get(userId);
		if (until !== undefined && until > now) {
			const firstRefusal = !this.#told.has(userId);
			this.#told.add(userId);
			return { ok: false, retryAt: until, firstRefusal };
		}
		this.#until.set(userId, now + this.windowMs);
		this.#told.delete(userId);
		return { ok: true };
	}

	get size(): number {
		return this.#until.size;
	}
}
