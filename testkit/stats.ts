/** Small statistics and formatting helpers shared by the benchmarks and the tests that print figures. */

/** The p-th percentile (0..100) by the nearest-rank method; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[Math.min(sorted.length, rank) - 1]!;
}

/** The middle value (the upper of the two middle ones for an even count); NaN for an empty list. */
export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export function mean(values: readonly number[]): number {
	return values.length === 0 ? Number.NaN : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Wilson 95% interval for a proportion, as [low, high] in 0..1. */
export function wilson(successes: number, total: number): [number, number] {
	if (total === 0) return [0, 1];
	const z = 1.96;
	const p = successes / total;
	const denominator = 1 + (z * z) / total;
	const centre = (p + (z * z) / (2 * total)) / denominator;
	const half = (z * Math.sqrt((p * (1 - p)) / total + (z * z) / (4 * total * total))) / denominator;
	return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export const pct = (share: number, digits = 1) => `${(share * 100).toFixed(digits)}`;

/** Milliseconds with a precision that suits the magnitude. */
export function ms(value: number): string {
	if (!Number.isFinite(value)) return '–';
	if (value < 1) return value.toFixed(3);
	if (value < 10) return value.toFixed(2);
	if (value < 1000) return value.toFixed(1);
	return value.toFixed(0);
}

export const mib = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/** A Markdown table; the first row is the header. */
export function markdownTable(rows: readonly (readonly string[])[]): string {
	const [header, ...body] = rows;
	if (!header) return '';
	const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}

/** Pads columns so a table reads well on a terminal. */
export function textTable(rows: readonly (readonly string[])[]): string {
	const widths: number[] = [];
	for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
	return rows
		.map((row) =>
			row
				.map((cell, i) => cell.padEnd(widths[i] ?? 0))
				.join('  ')
				.trimEnd(),
		)
		.join('\n');
}

/** Calls `fn` and returns its result with the elapsed milliseconds. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
	const start = performance.now();
	const value = fn();
	return { value, ms: performance.now() - start };
}

export async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
	const start = performance.now();
	const value = await fn();
	return { value, ms: performance.now() - start };
}
