/**
 * Seeded randomness for the benchmarks and tests: the same seed always gives the same knowledge,
 * questions and orders, so a failing order or a surprising figure can be reproduced.
 */

/** mulberry32: a tiny, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class Random {
	readonly next: () => number;

	constructor(seed: number) {
		this.next = mulberry32(seed);
	}

	/** An integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	pick<T>(list: readonly T[]): T {
		if (list.length === 0) throw new Error('pick from an empty list');
		return list[this.int(list.length)]!;
	}

	/**
	 * Picks with a Zipf-like bias towards the start of the list (exponent ~1), so a few words are
	 * very common and most are rare, as in real questions.
	 */
	zipf<T>(list: readonly T[]): T {
		if (list.length === 0) throw new Error('pick from an empty list');
		const n = list.length;
		// Inverse CDF of a continuous 1/x distribution over [1, n + 1).
		const index = Math.floor(Math.exp(this.next() * Math.log(n + 1))) - 1;
		return list[Math.min(n - 1, Math.max(0, index))]!;
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	/** A seeded Fisher–Yates shuffle of a copy. */
	shuffle<T>(list: readonly T[]): T[] {
		const copy = [...list];
		for (let i = copy.length - 1; i > 0; i--) {
			const j = this.int(i + 1);
			[copy[i], copy[j]] = [copy[j]!, copy[i]!];
		}
		return copy;
	}

	/** `count` distinct items, in random order. */
	sample<T>(list: readonly T[], count: number): T[] {
		return this.shuffle(list).slice(0, count);
	}
}

/** A seeded shuffle of a copy of `items`. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
	return new Random(seed).shuffle(items);
}
