import {
	MISS_CAUSES,
	type Candidate,
	type EvalReport,
	type MissCause,
	type TopicsOffered,
} from './eval-score.js';
import { escapeXml } from './escape-xml.js';

/** The figures of one set, as `npm run eval` prints them and writes them to bench/results/quality.md. */
export interface SetResult {
	name: string;
	about: string;
	questions: number;
	report: EvalReport;
	/** Share of in-scope questions whose first candidate is right, whatever its confidence. */
	rankingRight: { right: number; total: number; rate: number };
	candidates: Candidate[];
	/** The in-scope questions it did not answer, by why. */
	misses: Record<MissCause, number>;
	/** Of those, the ones whose "did you mean" buttons held the right topic. */
	offered: TopicsOffered;
}

const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const ratio = (r: { right: number; total: number; rate: number }) => `${pct(r.rate)} (${r.right}/${r.total})`;

export const TABLE_HEADER = [
	'set',
	'questions',
	'in-scope right',
	'wrong answers',
	'abstains off-topic',
	'abstains uncovered',
	'ranking alone',
] as const;

export function tableRow(result: SetResult): string[] {
	const { report } = result;
	const wrongShare = report.inScope.total === 0 ? 0 : report.wrong / report.inScope.total;
	return [
		result.name,
		String(result.questions),
		ratio(report.inScope),
		`${report.wrong} (${pct(wrongShare)})`,
		ratio(report.oos),
		ratio(report.oosHard),
		ratio(result.rankingRight),
	];
}

/** Column headings of the table of misses, in MISS_CAUSES order. */
const MISS_HEADINGS: Record<MissCause, string> = {
	'right-below-threshold': 'right candidate, too unsure',
	'wrong-below-threshold': 'wrong candidate, too unsure',
	'known-gap': 'known gap',
	'names-only': 'names only',
	'no-candidate': 'no candidate',
	vague: 'vague',
	'small-talk': 'taken for small talk',
};

const MISS_HEADER = [
	'set',
	'in-scope missed',
	...MISS_CAUSES.map((cause) => MISS_HEADINGS[cause]),
	'right topic offered (first button)',
];

function missRow(result: SetResult): string[] {
	return [
		result.name,
		String(result.report.missed),
		...MISS_CAUSES.map((cause) => String(result.misses[cause])),
		`${result.offered.offered} (${result.offered.first})`,
	];
}

function fixedWidth(header: readonly string[], body: readonly string[][]): string {
	const rows = [[...header], ...body];
	const widths = header.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
	return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).join('\n');
}

/** Fixed-width tables for the terminal: the figures, then where the misses went. */
export function textTable(results: readonly SetResult[]): string {
	return `${fixedWidth(TABLE_HEADER, results.map(tableRow))}\n\n${fixedWidth(MISS_HEADER, results.map(missRow))}`;
}

export interface ReliabilityBin {
	low: number;
	high: number;
	count: number;
	right: number;
}

/** Candidates grouped by confidence into tenths (the last bin includes 1). */
export function reliabilityBins(candidates: readonly Candidate[], bins = 10): ReliabilityBin[] {
	const out: ReliabilityBin[] = Array.from({ length: bins }, (_, i) => ({
		low: i / bins,
		high: (i + 1) / bins,
		count: 0,
		right: 0,
	}));
	for (const { confidence, right } of candidates) {
		const bin = out[Math.min(bins - 1, Math.max(0, Math.floor(confidence * bins)))]!;
		bin.count++;
		if (right) bin.right++;
	}
	return out;
}

/**
 * A reliability diagram: for each confidence bin, the share of candidates that were right, with
 * the count above the bar. A calibrated confidence puts the bars on the diagonal.
 */
export function reliabilitySvg(title: string, bins: readonly ReliabilityBin[], threshold: number): string {
	const width = 520;
	const height = 380;
	const m = { left: 56, right: 20, top: 44, bottom: 52 };
	const w = width - m.left - m.right;
	const h = height - m.top - m.bottom;
	const x = (v: number) => m.left + v * w;
	const y = (v: number) => m.top + h - v * h;
	const f = (n: number) => n.toFixed(1);
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
		`<rect width="${width}" height="${height}" fill="white"/>`,
		`<text x="${width / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
	];
	for (let t = 0; t <= 10; t += 2) {
		const v = t / 10;
		parts.push(
			`<line x1="${m.left}" y1="${f(y(v))}" x2="${m.left + w}" y2="${f(y(v))}" stroke="#eee"/>`,
			`<text x="${m.left - 6}" y="${f(y(v) + 4)}" text-anchor="end">${v.toFixed(1)}</text>`,
			`<text x="${f(x(v))}" y="${m.top + h + 16}" text-anchor="middle">${v.toFixed(1)}</text>`,
		);
	}
	for (const bin of bins) {
		if (bin.count === 0) continue;
		const share = bin.right / bin.count;
		const left = x(bin.low) + 2;
		const barWidth = x(bin.high) - x(bin.low) - 4;
		parts.push(
			`<rect x="${f(left)}" y="${f(y(share))}" width="${f(barWidth)}" height="${f(y(0) - y(share))}" fill="#4e79a7"/>`,
			`<text x="${f(left + barWidth / 2)}" y="${f(y(share) - 4)}" text-anchor="middle" font-size="10">${bin.count}</text>`,
		);
	}
	parts.push(
		`<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#999" stroke-dasharray="4 4"/>`,
		`<line x1="${f(x(threshold))}" y1="${m.top}" x2="${f(x(threshold))}" y2="${m.top + h}" stroke="#e15759" stroke-dasharray="2 3"/>`,
		`<text x="${f(x(threshold) + 4)}" y="${m.top + 12}" fill="#e15759">threshold ${threshold}</text>`,
		`<rect x="${m.left}" y="${m.top}" width="${w}" height="${h}" fill="none" stroke="#333"/>`,
		`<text x="${m.left + w / 2}" y="${height - 12}" text-anchor="middle">confidence of the first candidate (bars: count above)</text>`,
		`<text transform="translate(16 ${m.top + h / 2}) rotate(-90)" text-anchor="middle">share right</text>`,
		'</svg>',
	);
	return `${parts.join('\n')}\n`;
}

/** bench/results/quality.md: the table, then a reliability diagram per set. */
export function qualityMarkdown(results: readonly SetResult[], threshold: number, date: string): string {
	const header = `| ${TABLE_HEADER.join(' | ')} |`;
	const rule = `|${TABLE_HEADER.map(() => '---').join('|')}|`;
	const rows = results.map((r) => `| ${tableRow(r).join(' | ')} |`);
	const diagrams = results.flatMap((r) => [
		`### ${r.name}: ${r.about}`,
		'',
		`![reliability diagram for ${r.name}](quality-${r.name}.svg)`,
		'',
		'| confidence | candidates | right |',
		'|---|---|---|',
		...reliabilityBins(r.candidates)
			.filter((b) => b.count > 0)
			.map((b) => `| ${b.low.toFixed(1)}–${b.high.toFixed(1)} | ${b.count} | ${pct(b.right / b.count)} |`),
		'',
	]);
	return [
		'# Answer quality on the public sets',
		'',
		`Written by \`npm run eval\` on ${date}, default threshold ${threshold}. Scoring rules:`,
		'`../shared/eval/README.md` (Ballerina sets) and `../shared/benchmarks/stackfaq/README.md`.',
		'"Ranking alone" is the share of in-scope questions whose first candidate is right whatever its',
		'confidence (an engine with threshold 0). Held-out sets of each kind judge the engine; these are',
		'the public ones.',
		'',
		header,
		rule,
		...rows,
		'',
		'## Where the in-scope misses go',
		'',
		'Why the engine did not answer in-scope questions. "Too unsure" is a candidate whose confidence',
		'was below the threshold, split by whether it was right (the confidence threw a right answer',
		'away) or wrong (the ranking missed); the other causes are refusals by rule: a known gap, a',
		'candidate that matched only the names of people, no candidate, a vague question (a candidate',
		'both too unsure and refused by a rule at threshold 0 counts under the rule); or the question was',
		'taken for small talk. The last column counts the misses whose "did you mean" buttons (the',
		'closest topics, as many as Discord shows) held the right topic, and in brackets those where it',
		'was the first button: a click away, but not answered, so never counted as right.',
		'',
		`| ${MISS_HEADER.join(' | ')} |`,
		`|${MISS_HEADER.map(() => '---').join('|')}|`,
		...results.map((r) => `| ${missRow(r).join(' | ')} |`),
		'',
		'## Does the confidence mean what it says?',
		'',
		'Every first candidate (threshold 0), off-topic questions included (any answer to them is wrong),',
		'binned by confidence: a calibrated confidence puts each bar on the dashed diagonal.',
		'',
		...diagrams,
	].join('\n');
}
