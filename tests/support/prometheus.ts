/** The value of one sample line of the Prometheus text format, e.g. `name{label="x"}`. */
export function sample(text: string, series: string): number | undefined {
	const line = text.split('\n').find((l) => l.startsWith(`${series} `));
	return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
