/** The value of one sample line of the Prometheus text format, e.g. `name{label="x"}`. */
export function sample(text: string, series: string): number | undefined {
	const line = text.split('\n').find((l) => l.startsWith(`${series} `));
	return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** The values of the series `expected` names, to compare with it in one `toEqual` (one diff). */
export function samplesOf<T extends Record<string, number>>(
	text: string,
	expected: T,
): Record<keyof T, number | undefined> {
	return Object.fromEntries(Object.keys(expected).map((series) => [series, sample(text, series)])) as Record<
		keyof T,
		number | undefined
	>;
}
