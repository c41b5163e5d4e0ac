import { describe, expect, it } from 'vitest';
import {
	commonDirection,
	MIN_VECTORS_FOR_DIRECTION,
	withoutDirection,
} from '../../src/search/common-direction.js';

const unit = (...xs: number[]) => {
	const length = Math.hypot(...xs);
	return Float32Array.from(xs, (x) => x / length);
};

describe('commonDirection', () => {
	it('finds the direction most vectors lean towards', () => {
		// Every vector is mostly the first axis plus its own second or third component.
		const vectors = Array.from({ length: 20 }, (_, i) => (i % 2 ? unit(3, 1, 0) : unit(3, 0, -1)));
		const direction = commonDirection(vectors)!;
		expect(Math.abs(direction[0]!)).toBeGreaterThan(0.95);
		expect(Math.hypot(...direction)).toBeCloseTo(1, 5);
	});

	it('gives none for fewer vectors than an estimate needs', () => {
		const few = Array.from({ length: MIN_VECTORS_FOR_DIRECTION - 1 }, () => unit(1, 1, 0));
		expect(commonDirection(few)).toBeUndefined();
	});
});

describe('withoutDirection', () => {
	it('leaves what a vector has besides the direction, as a unit vector', () => {
		const rest = withoutDirection(unit(3, 4, 0), unit(1, 0, 0))!;
		expect([...rest].map((x) => Math.round(x * 1000) / 1000)).toEqual([0, 1, 0]);
	});

	it('gives none for a vector that is the direction itself', () => {
		expect(withoutDirection(unit(1, 0, 0), unit(1, 0, 0))).toBeUndefined();
	});
});
