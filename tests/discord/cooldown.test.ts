import { describe, expect, it } from 'vitest';
import { Cooldowns } from '../../src/discord/cooldown.js';

describe('Cooldowns', () => {
	it('refuses a second use inside the window and allows it after', () => {
		let now = 1_000;
		const cooldowns = new Cooldowns(5_000, () => now);
		expect(cooldowns.take('alice')).toEqual({ ok: true });
		expect(cooldowns.take('bob')).toEqual({ ok: true });
		now += 4_999;
		expect(cooldowns.take('alice')).toEqual({ ok: false, retryAt: 6_000, firstRefusal: true });
		now += 1;
		expect(cooldowns.take('alice')).toEqual({ ok: true });
	});

	it('marks only the first refusal of a window, so a user is told once', () => {
		let now = 0;
		const cooldowns = new Cooldowns(5_000, () => now);
		cooldowns.take('alice');
		expect(cooldowns.take('alice')).toMatchObject({ ok: false, firstRefusal: true });
		expect(cooldowns.take('alice')).toMatchObject({ ok: false, firstRefusal: false });
		now = 5_000;
		expect(cooldowns.take('alice')).toEqual({ ok: true });
		expect(cooldowns.take('alice')).toMatchObject({ ok: false, firstRefusal: true });
	});

	it('is off at 0 seconds', () => {
		const cooldowns = new Cooldowns(0);
		expect(cooldowns.take('alice')).toEqual({ ok: true });
		expect(cooldowns.take('alice')).toEqual({ ok: true });
		expect(cooldowns.size).toBe(0);
	});

	it('forgets expired users once the map grows', () => {
		let now = 0;
		const cooldowns = new Cooldowns(1_000, () => now);
		for (let i = 0; i < 1_001; i++) cooldowns.take(`user${i}`);
		now = 2_000;
		cooldowns.take('late');
		expect(cooldowns.size).toBe(1);
	});
});
