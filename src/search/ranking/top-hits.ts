import type { Hit } from './hit.js';

/** Keeps the best `limit` hits, best first, ties broken by entry order (determinism). */
export class TopHits {
	readonly hits: Hit[] = [];
	constructor(private readonly limit: number) {}

	/** The score an entry must beat to enter (ties go to the lower entry number); -Infinity until full. */
	floor(): number {
		return this.hits.length === this.limit ? this.hits[this.limit - 1]!.score : -Infinity;
	}

	/** False when a hit with this score could not enter: lets the caller skip building it. */
	accepts(score: number, entry: number): boolean {
		const last = this.hits.length === this.limit ? this.hits[this.limit - 1] : undefined;
		return last === undefined || score > last.score || (score === last.score && entry < last.entry);
	}

	add(hit: Hit): void {
		const { hits } = this;
		if (!this.accepts(hit.score, hit.entry)) return;
		let i = hits.length;
		while (i > 0 && better(hit, hits[i - 1]!)) i--;
		hits.splice(i, 0, hit);
		if (hits.length > this.limit) hits.pop();
	}
}

function better(a: Hit, b: Hit): boolean {
	return a.score > b.score || (a.score === b.score && a.entry < b.entry);
}
