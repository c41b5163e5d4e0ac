import { describe, expect, it } from 'vitest';
import { Cooldowns } from '../../src/discord/cooldown.js';

describe('Cooldowns (per-user token bucket)', () => {
	it('lets a user ask a follow-up right away, then refuses once the bucket is empty', () => {
		let now = 1_000;
		const cooldowns = new Cooldowns(5, 30_000, { now: () => now });
		// /release, then /cast a second later, then three more: five questions in five seconds.
		for (let i = 0; i < 5; i++) {
			expect(cooldowns.take('alice')).toEqual({ ok: true });
			now += 1_000;
		}
		// The sixth is refused. One question refills every 30 s / 5 = 6 s: the 5 s since the first
		// gave back 5/6 of one, so the next is there 1 s later.
		expect(cooldowns.take('alice')).toEqual({ ok: false, retryAt: 7_000, firstRefusal: true });
		expect(cooldowns.take('bob')).toEqual({ ok: true });
	});

	it('refills evenly: one question every window / capacity, never more than the capacity', () => {
		let now = 0;
		const cooldowns = new Cooldowns(5, 30_000, { now: () => now });
		for (let i = 0; i < 5; i++) cooldowns.take('alice');
		now = 5_999;
		expect(cooldowns.take('alice')).toMatchObject({ ok: false });
		now = 6_000;
		expect(cooldowns.take('alice')).toEqual({ ok: true });
		expect(cooldowns.take('alice')).toMatchObject({ ok: false });
		// A long pause gives back a full bucket, not more.
		now = 10 * 60_000;
		for (let i = 0; i < 5; i++) expect(cooldowns.take('alice')).toEqual({ ok: true });
		expect(cooldowns.take('alice')).toMatchObject({ ok: false });
	});

	it('marks only the first refusal of a run of refusals, so a flooding user is told once', () => {
		let now = 0;
		const cooldowns = new Cooldowns(1, 5_000, { now: () => now });
		cooldowns.take('alice');
		expect(cooldowns.take('alice')).toMatchObject({ ok: false, firstRefusal: true });
		now = 1_000;
		expect(cooldowns.take('alice')).toMatchObject({ ok: false, firstRefusal: false });
		expect(cooldowns.take('alice')).toMatchObject({ ok: false, retryAt: 5_000, firstRefusal: false });
		now = 5_000;
		expect(cooldowns.take('alice')).toEqual({ ok: true });
		expect(cooldowns.take('alice')).toMatchObject({ ok: false, firstRefusal: true });
	});

	it('is off at 0 seconds', () => {
		const cooldowns = new Cooldowns(1, 0);
		expect(cooldowns.take('alice')).toEqual({ ok: true });
		expect(cooldowns.take('alice')).toEqual({ ok: true });
		expect(cooldowns.size).toBe(0);
	});

	it('forgets users whose bucket is full again once the map grows', () => {
		let now = 0;
		const cooldowns = new Cooldowns(5, 1_000, { now: () => now });
		for (let i = 0; i < 1_001; i++) cooldowns.take(`user${i}`);
		now = 2_000;
		cooldowns.take('late');
		expect(cooldowns.size).toBe(1);
	});
});
