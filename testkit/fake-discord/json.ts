/** Reading and writing JSON payloads. */
import type { Json } from './types.js';

export const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Discord's timestamp format (ISO 8601 with `+00:00`). */
export function timestamp(ms = Date.now()): string {
	return new Date(ms).toISOString().replace('Z', '+00:00');
}
