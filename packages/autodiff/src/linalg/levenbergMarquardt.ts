/**
 * The Levenberg-Marquardt method for small nonlinear least-squares problems.
 *
 * @module
 */
import { asTensor, type TensorLike } from '../tensor/create.js';
import { formatShape, type Shape } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { jacobian as autodiffJacobian } from '../transforms/jacobian.js';
import { choleskyFactorInPlace, choleskySolveInPlace } from './cholesky.js';

/** Residuals of a least-squares problem: a tensor (any shape, read flat) of `x`. */
export type Residuals = (x: Tensor) => TensorLike;

/** Options of `levenbergMarquardt`. */
export interface LevenbergMarquardtOptions {
  /**
   * The Jacobian of the residuals, shape `[m, n]` (or any shape of `m * n`
   * values, row-major: `d r[i] / d x[j]` at `i * n + j`). Default: by
   * reverse-mode autodiff of `residuals` (which must then be built from
   * differentiable primitives).
   */
  jacobian?: (x: Tensor) => TensorLike;
  /** Most trial steps (accepted or rejected); default 100. */
  maxIterations?: number;
  /** Stop when the cost `0.5 |r|^2` is at most this (absolute); default 1e-30. */
  costTolerance?: number;
  /** Stop when a step `h` has `|h| <= xTolerance * (|x| + xTolerance)` (relative, 2-norms); default 1e-15. */
  xTolerance?: number;
  /** Stop when the gradient `J^T r` has an infinity norm at most this (absolute); default 1e-15. */
  gradientTolerance?: number;
  /** The initial damping `lambda`, relative to `diag(J^T J)`; default 1e-3. */
  initialDamping?: number;
}

/**
 * Why `levenbergMarquardt` stopped: `'cost'`, `'gradient'` or `'step'` (a
 * tolerance was met: converged), or `'maxIterations'` (not converged).
 */
export type LevenbergMarquardtReason = 'cost' | 'gradient' | 'step' | 'maxIterations';

/** The result of `levenbergMarquardt`. */
export interface LevenbergMarquardtResult {
  /** The last accepted point, with the shape of `x0`. */
  readonly x: Tensor;
  /** The cost `0.5 |r(x)|^2` there. */
  readonly cost: number;
  /** Number of trial steps taken (accepted or rejected). */
  readonly iterations: number;
  /** Whether a tolerance was met (`reason` is not `'maxIterations'`). */
  readonly converged: boolean;
  /** Which stopping rule ended the iterations. */
  readonly reason: LevenbergMarquardtReason;
}

function checkNonNegative(name: string, value: number): void {
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
    throw new Error(`levenbergMarquardt: ${name} must be a finite non-negative number, got ${String(value)}`);
  }
}

function norm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

/**
 * Minimise the cost `0.5 |r(x)|^2` of residuals `r` by Levenberg-Marquardt:
 * each step `h` solves the damped Gauss-Newton equations
 * `(J^T J + lambda D) h = -J^T r` by Cholesky.
 *
 * Design:
 * - Marquardt scaling: `D` is the diagonal of `J^T J`, each entry the largest
 *   seen so far (as MINPACK does, so that scaling never shrinks; an entry
 *   that is still 0 is raised to `eps * max D`), which makes the method
 *   invariant to the units of each variable and `lambda` dimensionless.
 * - Nielsen's damping update: with the gain ratio `rho` (actual over
 *   predicted decrease of the cost), a step is accepted when `rho > 0`,
 *   then `lambda *= max(1/3, 1 - (2 rho - 1)^3)` and `nu = 2`; otherwise
 *   (or when the cost at the trial point is not finite, or the damped matrix
 *   is not positive definite) `lambda *= nu` and `nu *= 2`.
 * - Stopping rules, checked in this order (after Madsen, Nielsen and
 *   Tingleff, "Methods for non-linear least squares problems", 2004): the
 *   cost is at most `costTolerance` (reason `'cost'`); the gradient
 *   `J^T r` has an infinity norm at most `gradientTolerance` (`'gradient'`);
 *   `maxIterations` trial steps were taken (`'maxIterations'`, the only
 *   one with `converged: false`); the step just computed is tiny,
 *   `|h| <= xTolerance * (|x| + xTolerance)` (`'step'`: x would no longer
 *   change; it is not taken).
 *
 * Works on Float64Arrays; only `residuals` and the Jacobian see Tensors.
 *
 * @param residuals - the residual function; its output may have any shape.
 * @param x0 - the starting point, of any shape (`x` has the same).
 * @throws Error naming `levenbergMarquardt` for bad options, residuals that
 *   are not finite at `x0`, or residuals / Jacobian of inconsistent sizes.
 * @example
 * ```ts
 * // Rosenbrock: r = [10 (x1 - x0^2), 1 - x0], minimum at (1, 1).
 * const r = (x: Tensor) => tensor([10 * (x.data[1]! - x.data[0]! ** 2), 1 - x.data[0]!]);
 * const J = (x: Tensor) => tensor([[-20 * x.data[0]!, 10], [-1, 0]]);
 * levenbergMarquardt(r, [-1.2, 1], { jacobian: J }).x.toArray(); // ~[1, 1] (to ~1e-15), reason 'cost'
 * ```
 */
export function levenbergMarquardt(residuals: Residuals, x0: TensorLike, options: LevenbergMarquardtOptions = {}): LevenbergMarquardtResult {
  const {
    maxIterations = 100,
    costTolerance = 1e-30,
    xTolerance = 1e-15,
    gradientTolerance = 1e-15,
    initialDamping = 1e-3,
  } = options;
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new Error(`levenbergMarquardt: maxIterations must be a non-negative integer, got ${maxIterations}`);
  }
  checkNonNegative('costTolerance', costTolerance);
  checkNonNegative('xTolerance', xTolerance);
  checkNonNegative('gradientTolerance', gradientTolerance);
  if (!(initialDamping > 0) || !Number.isFinite(initialDamping)) {
    throw new Error(`levenbergMarquardt: initialDamping must be a finite positive number, got ${initialDamping}`);
  }

  const start = asTensor(x0, 'levenbergMarquardt');
  const shape: Shape = start.shape;
  const n = start.size;
  const jacobianOf = options.jacobian ?? (autodiffJacobian(residuals) as (x: Tensor) => Tensor);

  let m = -1;
  const residualsAt = (x: Float64Array): Float64Array => {
    const r = asTensor(residuals(new Tensor(x, shape)), 'levenbergMarquardt: residuals');
    if (m === -1) m = r.size;
    else if (r.size !== m) throw new Error(`levenbergMarquardt: residuals had ${m} values at x0 but ${r.size} (shape ${formatShape(r.shape)}) later`);
    return r.data;
  };
  const jacobianAt = (x: Float64Array): Float64Array => {
    const J = asTensor(jacobianOf(new Tensor(x, shape)), 'levenbergMarquardt: jacobian');
    if (J.size !== m * n) {
      throw new Error(`levenbergMarquardt: the Jacobian has shape ${formatShape(J.shape)} (${J.size} values), expected ${m} x ${n} = ${m * n} values`);
    }
    return J.data;
  };
  const costOf = (r: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < r.length; i++) s += r[i]! * r[i]!;
    return 0.5 * s;
  };

  let x = start.data.slice();
  let r = residualsAt(x);
  let cost = costOf(r);
  if (!Number.isFinite(cost)) throw new Error(`levenbergMarquardt: the residuals at x0 are not finite (cost ${cost})`);

  // Normal equations at the current point: JtJ (n x n) and g = J^T r.
  const JtJ = new Float64Array(n * n);
  const g = new Float64Array(n);
  const scale = new Float64Array(n);
  const linearize = (): void => {
    const J = jacobianAt(x);
    JtJ.fill(0);
    g.fill(0);
    for (let i = 0; i < m; i++) {
      const ri = r[i]!;
      const row = i * n;
      for (let a = 0; a < n; a++) {
        const Jia = J[row + a]!;
        if (Jia === 0) continue;
        g[a] += Jia * ri;
        for (let b = a; b < n; b++) JtJ[a * n + b] += Jia * J[row + b]!;
      }
    }
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < a; b++) JtJ[a * n + b] = JtJ[b * n + a]!;
      scale[a] = Math.max(scale[a]!, JtJ[a * n + a]!);
    }
  };
  linearize();

  let lambda = initialDamping;
  let nu = 2;
  let iterations = 0;
  const damped = new Float64Array(n * n);
  const h = new Float64Array(n);
  let reason: LevenbergMarquardtReason;
  for (;;) {
    if (cost <= costTolerance) {
      reason = 'cost';
      break;
    }
    let gradientNorm = 0;
    for (let a = 0; a < n; a++) gradientNorm = Math.max(gradientNorm, Math.abs(g[a]!));
    if (gradientNorm <= gradientTolerance) {
      reason = 'gradient';
      break;
    }
    if (iterations >= maxIterations) {
      reason = 'maxIterations';
      break;
    }
    iterations++;

    let maxScale = 0;
    for (let a = 0; a < n; a++) maxScale = Math.max(maxScale, scale[a]!);
    const floor = Number.EPSILON * maxScale;
    damped.set(JtJ);
    for (let a = 0; a < n; a++) damped[a * n + a] += lambda * Math.max(scale[a]!, floor);
    if (choleskyFactorInPlace(damped, n) >= 0) {
      // Too little damping for a (numerically) singular J^T J: damp more.
      lambda *= nu;
      nu *= 2;
      continue;
    }
    for (let a = 0; a < n; a++) h[a] = -g[a]!;
    choleskySolveInPlace(damped, n, h, 1);

    if (norm(h) <= xTolerance * (norm(x) + xTolerance)) {
      reason = 'step';
      break;
    }

    const trial = new Float64Array(n);
    for (let a = 0; a < n; a++) trial[a] = x[a]! + h[a]!;
    const trialResiduals = residualsAt(trial);
    const trialCost = costOf(trialResiduals);
    // Decrease predicted by the linear model: 0.5 h^T (lambda D h - g), > 0.
    let predicted = 0;
    for (let a = 0; a < n; a++) predicted += h[a]! * (lambda * Math.max(scale[a]!, floor) * h[a]! - g[a]!);
    predicted *= 0.5;
    const rho = (cost - trialCost) / predicted;
    if (Number.isFinite(trialCost) && rho > 0) {
      x = trial;
      r = trialResiduals;
      cost = trialCost;
      linearize();
      // Floored so that a long run of good steps cannot underflow lambda to 0,
      // from which no amount of doubling would recover.
      lambda = Math.max(lambda * Math.max(1 / 3, 1 - (2 * rho - 1) ** 3), 1e-300);
      nu = 2;
    } else {
      lambda *= nu;
      nu *= 2;
    }
  }
  return { x: new Tensor(x, shape), cost, iterations, converged: reason !== 'maxIterations', reason };
}
