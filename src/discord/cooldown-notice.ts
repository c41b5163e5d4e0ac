import { TimestampStyles, time } from 'discord.js';

/** What a user refused by the cooldown is told privately: when they can ask again, in their time. */
export function cooldownNotice(retryAt: number): string {
	return `Slow down a little — you can ask again ${time(Math.ceil(retryAt / 1000), TimestampStyles.RelativeTime)}.`;
}
