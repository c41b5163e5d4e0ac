/**
 * Weighted logistic regression with an L2 penalty, fitted by Newton's method (iteratively
 * reweighted least squares). Small and exact for a dozen features and a few thousand rows, which
 * is all the confidence model needs; it runs offline, in bench/fit-confidence.ts only.
 */

export interface LogisticFit {
	intercept: number;
	weights: number[];
}

export interface Sample {
	x: readonly number[];
	/** 1 right, 0 wrong. */
	y: number;
	/** How much the sample counts. */
	weight: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function predict(fit: LogisticFit, x: readonly number[]): number {
	let z = fit.intercept;
	for (let i = 0; i < x.length; i++) z += fit.weights[i]! * x[i]!;
	return sigmoid(z);
}

/** Solves A v = b for a small symmetric positive-definite A (Gaussian elimination with pivoting). */
function solve(a: number[][], b: number[]): number[] {
	const n = b.length;
	const m = a.map((row, i) => [...row, b[i]!]);
	for (let col = 0; col < n; col++) {
		let pivot = col;
		for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
		[m[col], m[pivot]] = [m[pivot]!, m[col]!];
		for (let r = 0; r < n; r++) {
			if (r === col) continue;
			const factor = m[r]![col]! / m[col]![col]!;
			for (let c = col; c <= n; c++) m[r]![c]! -= factor * m[col]![c]!;
		}
	}
	return m.map((row, i) => row[n]! / row[i]!);
}

/** Fits by Newton's method; `l2` penalises the weights (not the intercept). */
export function fitLogistic(samples: readonly Sample[], l2: number, iterations = 50): LogisticFit {
	const d = samples[0]?.x.length ?? 0;
	// Parameters: [intercept, ...weights]; rows get a leading 1.
	let beta = new Array<number>(d + 1).fill(0);
	for (let iteration = 0; iteration < iterations; iteration++) {
		const gradient = new Array<number>(d + 1).fill(0);
		const hessian = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
		for (const { x, y, weight } of samples) {
			const row = [1, ...x];
			let z = 0;
			for (let i = 0; i <= d; i++) z += beta[i]! * row[i]!;
			const p = sigmoid(z);
			const w = weight * p * (1 - p);
			for (let i = 0; i <= d; i++) {
				gradient[i]! += weight * (y - p) * row[i]!;
				for (let j = 0; j <= d; j++) hessian[i]![j]! += w * row[i]! * row[j]!;
			}
		}
		for (let i = 1; i <= d; i++) {
			gradient[i]! -= l2 * beta[i]!;
			hessian[i]![i]! += l2;
		}
		hessian[0]![0]! += 1e-9;
		const step = solve(hessian, gradient);
		beta = beta.map((b, i) => b + step[i]!);
		if (Math.max(...step.map(Math.abs)) < 1e-8) break;
	}
	return { intercept: beta[0]!, weights: beta.slice(1) };
}

/** Mean weighted log-loss of predictions. */
export function logLoss(samples: readonly Sample[], predictions: readonly number[]): number {
	let loss = 0;
	let total = 0;
	samples.forEach((s, i) => {
		const p = Math.min(1 - 1e-9, Math.max(1e-9, predictions[i]!));
		loss -= s.weight * (s.y * Math.log(p) + (1 - s.y) * Math.log(1 - p));
		total += s.weight;
	});
	return loss / total;
}
