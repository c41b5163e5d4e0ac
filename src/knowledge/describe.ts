/** Short, human descriptions of parsed values for problem messages. */

const MAX_SHOWN = 60;

/** Describes what an author wrote: `'June 6'`, `2025`, `nothing`, `a list`, `a mapping`. */
export function describeValue(value: unknown): string {
	if (value === undefined || value === null) return 'nothing';
	if (typeof value === 'string') {
		const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN - 1)}…` : value;
		return `'${shown}'`;
	}
	if (Array.isArray(value)) return 'a list';
	if (value instanceof Date) return value.toISOString();
	if (typeof value === 'object') return 'a mapping';
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	return typeof value;
}
