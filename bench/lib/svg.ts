/** A small hand-written log-log line chart as SVG, so the benchmark needs no charting dependency. */
import { escapeXml } from '../../src/cli/escape-xml.js';

export interface Series {
	name: string;
	colour: string;
	/** Points in data units; x and y must be > 0. */
	points: { x: number; y: number; label?: string }[];
	dashed?: boolean;
}

export interface ChartOptions {
	title: string;
	xLabel: string;
	yLabel: string;
	series: Series[];
	/** Horizontal reference lines, e.g. targets. */
	references?: { y: number; label: string }[];
	width?: number;
	height?: number;
}

function decades(min: number, max: number): number[] {
	const out: number[] = [];
	for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) out.push(10 ** e);
	return out;
}

function countLabel(value: number): string {
	if (value >= 1_000_000) return `${value / 1_000_000}M`;
	if (value >= 1000) return `${value / 1000}k`;
	return String(value);
}

function millisecondsLabel(value: number): string {
	return value >= 1000 ? `${value / 1000} s` : `${value} ms`;
}

export function logLogChart(options: ChartOptions): string {
	const width = options.width ?? 720;
	const height = options.height ?? 460;
	const margin = { left: 84, right: 150, top: 48, bottom: 56 };
	const plotW = width - margin.left - margin.right;
	const plotH = height - margin.top - margin.bottom;
	const all = options.series.flatMap((s) => s.points).filter((p) => p.x > 0 && p.y > 0);
	const ys = [...all.map((p) => p.y), ...(options.references ?? []).map((r) => r.y)];
	const xTicks = decades(Math.min(...all.map((p) => p.x)), Math.max(...all.map((p) => p.x)));
	const yTicks = decades(Math.min(...ys), Math.max(...ys));
	const [x0, x1] = [Math.log10(xTicks[0]!), Math.log10(xTicks.at(-1)!)];
	const [y0, y1] = [Math.log10(yTicks[0]!), Math.log10(yTicks.at(-1)!)];
	const sx = (x: number) => margin.left + ((Math.log10(x) - x0) / Math.max(1e-9, x1 - x0)) * plotW;
	const sy = (y: number) => margin.top + plotH - ((Math.log10(y) - y0) / Math.max(1e-9, y1 - y0)) * plotH;
	const f = (n: number) => n.toFixed(1);

	const parts: string[] = [];
	parts.push(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
		`<rect width="${width}" height="${height}" fill="white"/>`,
		`<text x="${width / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`,
	);
	for (const t of xTicks) {
		parts.push(
			`<line x1="${f(sx(t))}" y1="${margin.top}" x2="${f(sx(t))}" y2="${margin.top + plotH}" stroke="#e5e5e5"/>`,
			`<text x="${f(sx(t))}" y="${margin.top + plotH + 18}" text-anchor="middle">${countLabel(t)}</text>`,
		);
	}
	for (const t of yTicks) {
		parts.push(
			`<line x1="${margin.left}" y1="${f(sy(t))}" x2="${margin.left + plotW}" y2="${f(sy(t))}" stroke="#e5e5e5"/>`,
			`<text x="${margin.left - 8}" y="${f(sy(t) + 4)}" text-anchor="end">${millisecondsLabel(t)}</text>`,
		);
	}
	parts.push(
		`<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`,
		`<text x="${margin.left + plotW / 2}" y="${height - 14}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
		`<text transform="translate(18 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`,
	);
	for (const reference of options.references ?? []) {
		const y = f(sy(reference.y));
		parts.push(
			`<line x1="${margin.left}" y1="${y}" x2="${margin.left + plotW}" y2="${y}" stroke="#999" stroke-dasharray="2 4"/>`,
			`<text x="${margin.left + plotW + 6}" y="${f(sy(reference.y) + 4)}" fill="#666">${escapeXml(reference.label)}</text>`,
		);
	}
	options.series.forEach((series, i) => {
		const points = series.points.filter((p) => p.x > 0 && p.y > 0).sort((a, b) => a.x - b.x);
		const path = points.map((p) => `${f(sx(p.x))},${f(sy(p.y))}`).join(' ');
		parts.push(
			`<polyline points="${path}" fill="none" stroke="${series.colour}" stroke-width="2"${series.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
		);
		for (const p of points) {
			parts.push(`<circle cx="${f(sx(p.x))}" cy="${f(sy(p.y))}" r="4" fill="${series.colour}"/>`);
			if (p.label) {
				parts.push(
					`<text x="${f(sx(p.x) + 7)}" y="${f(sy(p.y) - 7)}" fill="${series.colour}" font-size="11">${escapeXml(p.label)}</text>`,
				);
			}
		}
		const ly = margin.top + plotH - 14 - (options.series.length - 1 - i) * 20;
		const lx = margin.left + plotW + 14;
		parts.push(
			`<line x1="${lx}" y1="${ly}" x2="${lx + 22}" y2="${ly}" stroke="${series.colour}" stroke-width="2"${series.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
			`<text x="${lx + 28}" y="${ly + 4}">${escapeXml(series.name)}</text>`,
		);
	});
	parts.push('</svg>');
	return `${parts.join('\n')}\n`;
}
