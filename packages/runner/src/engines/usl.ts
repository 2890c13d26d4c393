// The Universal Scalability Law (Gunther): X(N) = λN / (1 + σ(N−1) + κN(N−1)).
// λ is the throughput of one thread, σ the cost of contention (serialised
// work: locks, the GIL), κ the cost of coherency (crosstalk that grows with
// every pair of threads). Fitted by least squares on the measured points with
// σ, κ ≥ 0, the model predicts where throughput peaks: N* = √((1−σ)/κ).

import type { ThroughputPoint } from "./measurement.js";

export interface UslModel {
  readonly lambda: number;
  readonly sigma: number;
  readonly kappa: number;
}

export interface UslFit extends UslModel {
  /** N* = √((1−σ)/κ): where the fitted curve peaks; Infinity when κ = 0. */
  readonly peakThreads: number;
  /** Root-mean-square distance between the curve and the points, in calls/s. */
  readonly rmse: number;
  /** rmse divided by the mean measured throughput. */
  readonly relativeError: number;
}

export function uslThroughput(model: UslModel, threads: number): number {
  return (model.lambda * threads) / (1 + model.sigma * (threads - 1) + model.kappa * threads * (threads - 1));
}

/** N* = √((1−σ)/κ), at least 1; Infinity when κ = 0 (throughput never falls). */
export function uslPeakThreads(model: UslModel): number {
  if (model.kappa <= 0) return Number.POSITIVE_INFINITY;
  return Math.max(1, Math.sqrt(Math.max(0, 1 - model.sigma) / model.kappa));
}

/** Three parameters need three distinct thread counts; fewer give no fit. */
export const MIN_DISTINCT_THREAD_COUNTS = 3;

/** The least-squares fit with σ, κ ≥ 0, or undefined when the points cannot determine one. */
export function fitUsl(points: readonly ThroughputPoint[]): UslFit | undefined {
  const usable = points.filter((point) => point.threads >= 1 && Number.isFinite(point.throughput) && point.throughput > 0);
  if (new Set(usable.map((point) => point.threads)).size < MIN_DISTINCT_THREAD_COUNTS) return undefined;

  // Two starts, keep the better: the linearised estimate (good on clean data)
  // and "no contention, no coherency" (good when the linearisation is thrown
  // off by one noisy point).
  const lambda0 = Math.max(...usable.map((point) => point.throughput / point.threads));
  const starts: Parameters[] = [[lambda0, ...linearisedStart(usable, lambda0)], [lambda0, 0, 0]];
  let best: Parameters | undefined;
  for (const start of starts) {
    const fitted = levenbergMarquardt(usable, start);
    if (best === undefined || sumOfSquares(usable, fitted) < sumOfSquares(usable, best)) best = fitted;
  }
  const [lambda, sigma, kappa] = best!;
  const model = { lambda, sigma, kappa };
  const rmse = Math.sqrt(sumOfSquares(usable, best!) / usable.length);
  const meanThroughput = usable.reduce((sum, point) => sum + point.throughput, 0) / usable.length;
  return { ...model, peakThreads: uslPeakThreads(model), rmse, relativeError: rmse / meanThroughput };
}

type Parameters = [lambda: number, sigma: number, kappa: number];

function predict(parameters: Parameters, threads: number): number {
  const [lambda, sigma, kappa] = parameters;
  return uslThroughput({ lambda, sigma, kappa }, threads);
}

function sumOfSquares(points: readonly ThroughputPoint[], parameters: Parameters): number {
  let total = 0;
  for (const point of points) total += (point.throughput - predict(parameters, point.threads)) ** 2;
  return total;
}

/**
 * With λ fixed, λN/X − 1 = σ(N−1) + κN(N−1) is linear in σ and κ (Gunther's
 * "deviation from linearity"): a two-variable non-negative least squares.
 */
function linearisedStart(points: readonly ThroughputPoint[], lambda: number): [number, number] {
  let aa = 0, ab = 0, bb = 0, ay = 0, by = 0;
  for (const { threads: n, throughput } of points) {
    const a = n - 1;
    const b = n * (n - 1);
    const y = (lambda * n) / throughput - 1;
    aa += a * a; ab += a * b; bb += b * b; ay += a * y; by += b * y;
  }
  const determinant = aa * bb - ab * ab;
  let sigma = determinant > 0 ? (ay * bb - by * ab) / determinant : 0;
  let kappa = determinant > 0 ? (by * aa - ay * ab) / determinant : 0;
  if (sigma < 0 || kappa < 0) {
    // One coefficient at its bound: refit the other alone.
    sigma = Math.max(0, aa > 0 ? ay / aa : 0);
    kappa = 0;
    const kappaOnly = Math.max(0, bb > 0 ? by / bb : 0);
    if (sumOfSquares(points, [lambda, 0, kappaOnly]) < sumOfSquares(points, [lambda, sigma, 0])) {
      return [0, kappaOnly];
    }
  }
  return [Math.max(0, sigma), Math.max(0, kappa)];
}

/**
 * Levenberg–Marquardt on the three parameters, with σ and κ held at 0 while
 * the gradient would push them below it (a projected, active-set step). The
 * step is solved in Marquardt's scaled variables: λ is in the thousands and κ
 * near 1e-4, and the unscaled normal equations would lose those digits.
 */
function levenbergMarquardt(points: readonly ThroughputPoint[], start: Parameters): Parameters {
  let parameters: Parameters = [...start];
  let cost = sumOfSquares(points, parameters);
  let damping = 1e-3;
  for (let iteration = 0; iteration < 500 && cost > 0; iteration++) {
    const { normal, gradient } = normalEquations(points, parameters);
    // gradient[j] > 0 means increasing parameter j lowers the cost.
    const free = [0, 1, 2].filter((j) => j === 0 || parameters[j]! > 0 || gradient[j]! > 0);
    let accepted: Parameters | undefined;
    let acceptedCost = cost;
    for (let attempt = 0; attempt < 40 && accepted === undefined; attempt++) {
      const step = scaledStep(normal, gradient, free, damping);
      const candidate: Parameters = [
        Math.max(Number.MIN_VALUE, parameters[0] + step[0]!),
        Math.max(0, parameters[1] + step[1]!),
        Math.max(0, parameters[2] + step[2]!),
      ];
      const candidateCost = sumOfSquares(points, candidate);
      if (candidateCost < cost) {
        accepted = candidate;
        acceptedCost = candidateCost;
        damping = Math.max(damping / 3, 1e-15);
      } else {
        damping *= 4;
      }
    }
    if (accepted === undefined) break;
    const moved = accepted.some((value, j) => Math.abs(value - parameters[j]!) > 1e-14 * Math.max(Math.abs(value), 1e-300));
    const gained = cost - acceptedCost > 1e-15 * cost;
    parameters = accepted;
    cost = acceptedCost;
    if (!moved || !gained) break;
  }
  return parameters;
}

function normalEquations(points: readonly ThroughputPoint[], parameters: Parameters): { normal: number[][]; gradient: number[] } {
  const [lambda, sigma, kappa] = parameters;
  const normal = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  const gradient = [0, 0, 0];
  for (const { threads: n, throughput } of points) {
    const denominator = 1 + sigma * (n - 1) + kappa * n * (n - 1);
    const row = [
      n / denominator,
      (-lambda * n * (n - 1)) / denominator ** 2,
      (-lambda * n * n * (n - 1)) / denominator ** 2,
    ];
    const residual = throughput - (lambda * n) / denominator;
    for (let i = 0; i < 3; i++) {
      gradient[i]! += row[i]! * residual;
      for (let j = 0; j < 3; j++) normal[i]![j]! += row[i]! * row[j]!;
    }
  }
  return { normal, gradient };
}

/** Solves (S·A·S + μI)·y = S·g on the free parameters, with S = diag(A)^-½, and returns δ = S·y. */
function scaledStep(normal: number[][], gradient: number[], free: number[], damping: number): number[] {
  const scale = free.map((j) => 1 / Math.sqrt(normal[j]![j]! || 1));
  const matrix = free.map((i, a) => free.map((j, b) => normal[i]![j]! * scale[a]! * scale[b]! + (a === b ? damping : 0)));
  const right = free.map((i, a) => gradient[i]! * scale[a]!);
  const solution = solveLinear(matrix, right);
  const step = [0, 0, 0];
  free.forEach((j, a) => (step[j] = solution[a]! * scale[a]!));
  return step;
}

/** Gaussian elimination with partial pivoting, for the 1×1 to 3×3 systems above. */
function solveLinear(matrix: number[][], right: number[]): number[] {
  const size = right.length;
  const a = matrix.map((row, i) => [...row, right[i]!]);
  for (let column = 0; column < size; column++) {
    let pivot = column;
    for (let row = column + 1; row < size; row++) {
      if (Math.abs(a[row]![column]!) > Math.abs(a[pivot]![column]!)) pivot = row;
    }
    [a[column], a[pivot]] = [a[pivot]!, a[column]!];
    const divisor = a[column]![column]! || Number.MIN_VALUE;
    for (let row = column + 1; row < size; row++) {
      const factor = a[row]![column]! / divisor;
      for (let k = column; k <= size; k++) a[row]![k]! -= factor * a[column]![k]!;
    }
  }
  const solution = new Array<number>(size).fill(0);
  for (let row = size - 1; row >= 0; row--) {
    let sum = a[row]![size]!;
    for (let k = row + 1; k < size; k++) sum -= a[row]![k]! * solution[k]!;
    solution[row] = sum / (a[row]![row]! || Number.MIN_VALUE);
  }
  return solution;
}
