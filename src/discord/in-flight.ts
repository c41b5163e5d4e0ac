/**
 * The questions being answered right now, so a shutdown can stop taking new ones and still finish
 * those it accepted: a question that got no reply because the bot was restarting looks, to the
 * asker, exactly like a bot that ignores them.
 */
/** How long a shutdown waits for the questions in flight before closing anyway. */
export const SHUTDOWN_GRACE_MS = 10_000;

export class InFlight {
	readonly #pending = new Set<Promise<void>>();
	#accepting = true;

	get accepting(): boolean {
		return this.#accepting;
	}

	get size(): number {
		return this.#pending.size;
	}

	/** Runs `work` unless stopping; returns false when it was turned away. */
	run(work: () => Promise<void>): boolean {
		if (!this.#accepting) return false;
		const task = work().finally(() => this.#pending.delete(task));
		this.#pending.add(task);
		return true;
	}

	/**
	 * Stops accepting, then waits for what was accepted, at most `timeoutMs` (a reply stuck on a
	 * rate limit must not keep a stopped bot from exiting). Resolves to how many were left.
	 */
	async drain(timeoutMs: number): Promise<number> {
		this.#accepting = false;
		if (this.#pending.size === 0) return 0;
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<void>((resolve) => {
			timer = setTimeout(resolve, timeoutMs);
		});
		await Promise.race([Promise.allSettled([...this.#pending]), timeout]);
		clearTimeout(timer);
		return this.#pending.size;
	}
}
