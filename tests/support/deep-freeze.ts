/** Freezes `value` and everything reachable from it, so any later change to it throws (tests run in strict mode). */
export function deepFreeze(value: unknown): void {
	if (!value || typeof value !== 'object' || Object.isFrozen(value)) return;
	Object.freeze(value);
	for (const child of Object.values(value)) deepFreeze(child);
}
