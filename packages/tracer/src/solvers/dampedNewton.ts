/**
 * A batched damped Newton (Levenberg-Marquardt) solver for many small
 * independent problems.
 *
 * @module
 */
import { allRows, type BatchedObjective } from './batchedObjective.js';
import { choleskyFactorBlock, choleskySolveBlock } from './smallMatrix.js';

/**
 * Options of `solveDampedNewton`.
 *
 * @example
 * ```ts
 * const leastSquares: DampedNewtonOptions = { costTolerance: 1e-30, maxIterations: 50 };
 * ```
 */
export interface DampedNewtonOptions {
  /** Most trial steps per problem (accepted or rejected); default 100. */
  maxIterations?: number;
  /** A problem is solved once its cost is at most this (absolute); default -Infinity (never: stop on the step). */
  costTolerance?: number;
  /**
   * A problem is solved once its next step `h` has `|h| <= stepTolerance (|x| + 1)`
   * (2-norms: relative for large `x`, absolute below 1, the scale of
   * parametric coordinates); the step is not taken. Default 1e-14: rounding
   * keeps Newton steps from a converged point at about 1e-16 x the
   * condition number, so a tighter test would only spin.
   */
  stepTolerance?: number;
  /** Initial damping `lambda`, relative to the diagonal of the Hessian; default 1e-3. */
  initialDamping?: number;
  /**
   * A problem whose cost fell by at most `stallTolerance` (relative) over
   * the last `stallWindow` iterations is given up as stalled (not
   * converged): Newton creeps towards a kink of the cost (a path folding a
   * segment to zero length at a corner, for an invalid candidate) at a
   * linear rate, and would otherwise spend every allowed iteration. Defaults
   * 8 and 1e-10; a smooth minimum is reached long before (quadratically).
   */
  stallWindow?: number;
  /** See `stallWindow`; default 1e-10. */
  stallTolerance?: number;
  /**
   * A problem whose unknowns leave `[-bound, bound]` is given up (not
   * converged), where it is: its minimum runs off to infinity (a path with
   * no solution whose loss keeps decreasing towards an asymptote). Default
   * Infinity (never).
   */
  bound?: number;
}

/**
 * The result of `solveDampedNewton`.
 *
 * @example
 * ```ts
 * const { x, converged }: DampedNewtonResult = solveDampedNewton(parabolas, new Float64Array(3));
 * ```
 */
export interface DampedNewtonResult {
  /** The solutions, `[problems, unknowns]`. */
  readonly x: Float64Array;
  /** The cost at each solution. */
  readonly cost: Float64Array;
  /** Trial steps taken per problem. */
  readonly iterations: Int32Array;
  /** 1 where a tolerance was met, 0 where `maxIterations` ran out or the cost was not finite. */
  readonly converged: Uint8Array;
}

/**
 * Minimise every problem of a batch by damped Newton steps: each step `h`
 * solves `(H + lambda D) h = -g` by Cholesky, where `H` is the objective's
 * Hessian (Gauss-Newton's `2 J^T J` for least squares, which makes this
 * Levenberg-Marquardt). All problems advance together: each round makes one
 * trial step for every unsolved problem and evaluates all trials in one call,
 * so that a fused objective runs one loop over the batch per round.
 *
 * Design (per problem, as in MINPACK and Madsen-Nielsen-Tingleff, "Methods
 * for non-linear least squares problems", 2004):
 * - Marquardt scaling: `D` is the largest diagonal of `H` seen so far (floored
 *   at `eps` times its largest entry), so `lambda` is unitless.
 * - A step is accepted when the gain ratio `rho` (actual over predicted
 *   decrease) is positive, then `lambda *= max(1/3, 1 - (2 rho - 1)^3)`;
 *   otherwise `lambda *= nu`, `nu *= 2` (Nielsen). A damped matrix that is not
 *   positive definite (an indefinite Hessian) is also answered by more damping.
 * - Near a minimum whose cost is not 0 (a path length), the decrease of a
 *   Newton step falls below the cost's rounding: a step whose cost change is
 *   within rounding is accepted when it reduces the gradient, so that Newton's
 *   quadratic convergence carries on to full precision instead of stalling
 *   at `sqrt(eps)`.
 *
 * @param x0 - the starting points `[problems, unknowns]` (not modified).
 * @throws Error when `x0` does not have `problems * unknowns` values or an option is out of range.
 * @example
 * ```ts
 * // parabolas: cost_p(x) = (x - p)^2 (see BatchedObjective)
 * const { x } = solveDampedNewton(parabolas, new Float64Array(3));
 * // x ~ [0, 1, 2] (to ~1e-15)
 * ```
 */
export function solveDampedNewton(objective: BatchedObjective, x0: Float64Array, options: DampedNewtonOptions = {}): DampedNewtonResult {
  const maxIterations = options.maxIterations ?? 100;
  const costTolerance = options.costTolerance ?? -Infinity;
  const stepTolerance = options.stepTolerance ?? 1e-14;
  const initialDamping = options.initialDamping ?? 1e-3;
  const stallWindow = options.stallWindow ?? 8;
  const stallTolerance = options.stallTolerance ?? 1e-10;
  const bound = options.bound ?? Infinity;
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new Error(`solveDampedNewton: maxIterations must be a non-negative integer, got ${maxIterations}`);
  }
  if (!(stepTolerance >= 0)) throw new Error(`solveDampedNewton: stepTolerance must be a non-negative number, got ${stepTolerance}`);
  if (!(initialDamping > 0) || !Number.isFinite(initialDamping)) {
    throw new Error(`solveDampedNewton: initialDamping must be a finite positive number, got ${initialDamping}`);
  }
  const problems = objective.problems;
  const n = objective.unknowns;
  if (x0.length !== problems * n) {
    throw new Error(`solveDampedNewton: x0 has ${x0.length} values, expected ${problems} problems x ${n} unknowns`);
  }
  const nn = n * n;
  const x = x0.slice();
  const cost = new Float64Array(problems);
  const gradient = new Float64Array(problems * n);
  const hessian = new Float64Array(problems * nn);
  const trialX = new Float64Array(problems * n);
  const trialCost = new Float64Array(problems);
  const trialGradient = new Float64Array(problems * n);
  const trialHessian = new Float64Array(problems * nn);
  const scale = new Float64Array(problems * n);
  const damping = new Float64Array(problems).fill(initialDamping);
  const growth = new Float64Array(problems).fill(2);
  const predicted = new Float64Array(problems);
  const iterations = new Int32Array(problems);
  const converged = new Uint8Array(problems);
  const checkpoint = new Float64Array(problems);
  const system = new Float64Array(nn);
  const step = new Float64Array(n);

  let active: Int32Array = allRows(problems);
  let activeCount = problems;
  objective.evaluate(x, active, activeCount, cost, gradient, hessian);
  for (let p = 0; p < problems; p++) {
    for (let a = 0; a < n; a++) scale[p * n + a] = Math.max(0, hessian[p * nn + a * n + a]!);
    checkpoint[p] = cost[p]!;
  }
  const trials = new Int32Array(problems);
  let next: Int32Array = new Int32Array(problems);

  while (activeCount > 0) {
    let trialCount = 0;
    let nextCount = 0;
    for (let i = 0; i < activeCount; i++) {
      const p = active[i]!;
      const c = cost[p]!;
      if (c <= costTolerance) {
        converged[p] = 1;
        continue;
      }
      // a NaN cost cannot be improved on: give up on this problem
      if (c !== c || iterations[p]! >= maxIterations) continue;
      let outside = false;
      for (let a = 0; a < n; a++) if (!(Math.abs(x[p * n + a]!) <= bound)) outside = true;
      if (outside) continue;
      if (iterations[p]! > 0 && iterations[p]! % stallWindow === 0) {
        if (checkpoint[p]! - c <= stallTolerance * Math.abs(checkpoint[p]!)) continue;
        checkpoint[p] = c;
      }
      iterations[p]++;

      const base = p * n;
      const hBase = p * nn;
      let largestScale = 0;
      for (let a = 0; a < n; a++) largestScale = Math.max(largestScale, scale[base + a]!);
      const floor = largestScale > 0 ? Number.EPSILON * largestScale : 1;
      const lambda = damping[p]!;
      for (let k = 0; k < nn; k++) system[k] = hessian[hBase + k]!;
      for (let a = 0; a < n; a++) system[a * n + a] += lambda * Math.max(scale[base + a]!, floor);
      if (!choleskyFactorBlock(system, 0, n)) {
        damping[p] = lambda * growth[p]!;
        growth[p] = growth[p]! * 2;
        next[nextCount++] = p;
        continue;
      }
      for (let a = 0; a < n; a++) step[a] = -gradient[base + a]!;
      choleskySolveBlock(system, 0, n, step, 0);

      let stepNorm = 0;
      let xNorm = 0;
      for (let a = 0; a < n; a++) {
        stepNorm += step[a]! * step[a]!;
        xNorm += x[base + a]! * x[base + a]!;
      }
      stepNorm = Math.sqrt(stepNorm);
      if (stepNorm <= stepTolerance * (Math.sqrt(xNorm) + 1)) {
        converged[p] = 1;
        continue;
      }
      // Decrease predicted by the quadratic model: -(g.h + h.H.h / 2), > 0 when H + lambda D is positive definite.
      let model = 0;
      for (let a = 0; a < n; a++) {
        let hh = 0;
        for (let b = 0; b < n; b++) hh += hessian[hBase + a * n + b]! * step[b]!;
        model += step[a]! * (gradient[base + a]! + 0.5 * hh);
        trialX[base + a] = x[base + a]! + step[a]!;
      }
      predicted[p] = -model;
      trials[trialCount++] = p;
      next[nextCount++] = p;
    }

    if (trialCount > 0) objective.evaluate(trialX, trials, trialCount, trialCost, trialGradient, trialHessian);
    for (let i = 0; i < trialCount; i++) {
      const p = trials[i]!;
      const base = p * n;
      const hBase = p * nn;
      const before = cost[p]!;
      const after = trialCost[p]!;
      const rho = (before - after) / predicted[p]!;
      let accepted = false;
      if (after === after && after !== Infinity) {
        if (rho > 0) {
          accepted = true;
          damping[p] = Math.max(damping[p]! * Math.max(1 / 3, 1 - (2 * rho - 1) ** 3), 1e-300);
        } else if (Math.abs(before - after) <= 64 * Number.EPSILON * Math.max(Math.abs(before), Math.abs(after))) {
          let gradientBefore = 0;
          let gradientAfter = 0;
          for (let a = 0; a < n; a++) {
            gradientBefore += gradient[base + a]! * gradient[base + a]!;
            gradientAfter += trialGradient[base + a]! * trialGradient[base + a]!;
          }
          if (gradientAfter < gradientBefore) {
            accepted = true;
            damping[p] = Math.max(damping[p]! / 3, 1e-300);
          }
        }
      }
      if (accepted) {
        cost[p] = after;
        for (let a = 0; a < n; a++) {
          x[base + a] = trialX[base + a]!;
          gradient[base + a] = trialGradient[base + a]!;
          scale[base + a] = Math.max(scale[base + a]!, trialHessian[hBase + a * n + a]!);
        }
        for (let k = 0; k < nn; k++) hessian[hBase + k] = trialHessian[hBase + k]!;
        growth[p] = 2;
      } else {
        damping[p] = damping[p]! * growth[p]!;
        growth[p] = growth[p]! * 2;
      }
    }
    const swap = active;
    active = next;
    next = swap;
    activeCount = nextCount;
  }
  return { x, cost, iterations, converged };
}
