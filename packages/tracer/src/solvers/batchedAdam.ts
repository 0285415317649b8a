/**
 * Adam on a batch of independent problems, with random restarts: the
 * optimiser of DiffeRT2d's Fermat and min-path tracers.
 *
 * @module
 */
import { allRows, type BatchedObjective } from './batchedObjective.js';

/**
 * Options of `solveAdam`.
 *
 * @example
 * ```ts
 * const reference: AdamSolverOptions = { steps: 100, learningRate: 0.1 }; // DiffeRT2d's
 * ```
 */
export interface AdamSolverOptions {
  /** Number of Adam steps per start; default 100. */
  steps?: number;
  /** Adam's learning rate; default 0.1. */
  learningRate?: number;
  /** Decay of the first moment; default 0.9. */
  b1?: number;
  /** Decay of the second moment; default 0.999. */
  b2?: number;
  /** Added to the root of the second moment; default 1e-8. */
  eps?: number;
}

/**
 * The result of `solveAdam`.
 *
 * @example
 * ```ts
 * const { x, cost }: AdamSolverResult = solveAdam(parabolas, Float64Array.of(0.5));
 * ```
 */
export interface AdamSolverResult {
  /** The best point found for each problem, `[problems, unknowns]`. */
  readonly x: Float64Array;
  /** The cost there. */
  readonly cost: Float64Array;
}

/**
 * Minimise every problem of a batch with Adam, once from each starting point
 * of `starts` (shared by all problems, as DiffeRT2d draws one set of initial
 * guesses per candidate), and keep, per problem, the start that ends with
 * the lowest cost (the first on ties; a NaN never wins over a number).
 *
 * The update is optax's `adam` (and `@differt2d/autodiff`'s), elementwise:
 * `mu = (1 - b1) g + b1 mu`, `nu = (1 - b2) g^2 + b2 nu`,
 * `x -= lr (mu / (1 - b1^t)) / (sqrt(nu / (1 - b2^t)) + eps)`. Since it is
 * elementwise, running the problems side by side is the same as running them
 * one by one. The cost returned is evaluated at the returned point (one more
 * evaluation after the last step).
 *
 * @param starts - `[many, unknowns]` starting points.
 * @throws Error for a bad option or a `starts` array whose length is not a
 *   positive multiple of `unknowns`.
 * @example
 * ```ts
 * // parabolas: cost_p(x) = (x - p)^2 (see BatchedObjective)
 * const { x } = solveAdam(parabolas, Float64Array.of(0.5), { steps: 300 });
 * // x ~ [0, 1, 2] (to ~1e-3)
 * ```
 */
export function solveAdam(objective: BatchedObjective, starts: Float64Array, options: AdamSolverOptions = {}): AdamSolverResult {
  const steps = options.steps ?? 100;
  const learningRate = options.learningRate ?? 0.1;
  const b1 = options.b1 ?? 0.9;
  const b2 = options.b2 ?? 0.999;
  const eps = options.eps ?? 1e-8;
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`solveAdam: steps must be a non-negative integer, got ${steps}`);
  if (!Number.isFinite(learningRate)) throw new Error(`solveAdam: learningRate must be a finite number, got ${learningRate}`);
  const problems = objective.problems;
  const n = objective.unknowns;
  const many = n === 0 ? 1 : starts.length / n;
  if (n > 0 && (!Number.isInteger(many) || many < 1)) {
    throw new Error(`solveAdam: starts has ${starts.length} values, not a positive multiple of ${n} unknowns`);
  }
  const size = problems * n;
  const rows = allRows(problems);
  const best = new Float64Array(size);
  const bestCost = new Float64Array(problems).fill(NaN);
  const x = new Float64Array(size);
  const cost = new Float64Array(problems);
  const gradient = new Float64Array(size);
  const mu = new Float64Array(size);
  const nu = new Float64Array(size);
  for (let start = 0; start < many; start++) {
    for (let p = 0; p < problems; p++) for (let a = 0; a < n; a++) x[p * n + a] = starts[start * n + a]!;
    mu.fill(0);
    nu.fill(0);
    for (let t = 1; t <= steps; t++) {
      objective.evaluate(x, rows, problems, cost, gradient, null);
      const muCorrection = 1 - b1 ** t;
      const nuCorrection = 1 - b2 ** t;
      for (let k = 0; k < size; k++) {
        const g = gradient[k]!;
        const m = (1 - b1) * g + b1 * mu[k]!;
        const v = (1 - b2) * (g * g) + b2 * nu[k]!;
        mu[k] = m;
        nu[k] = v;
        x[k] = x[k]! - learningRate * ((m / muCorrection) / (Math.sqrt(v / nuCorrection) + eps));
      }
    }
    objective.evaluate(x, rows, problems, cost, gradient, null);
    for (let p = 0; p < problems; p++) {
      const c = cost[p]!;
      const previous = bestCost[p]!;
      if (start === 0 || c < previous || (previous !== previous && c === c)) {
        bestCost[p] = c;
        for (let a = 0; a < n; a++) best[p * n + a] = x[p * n + a]!;
      }
    }
  }
  return { x: best, cost: bestCost };
}
