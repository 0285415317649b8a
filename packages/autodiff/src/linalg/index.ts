/**
 * Small dense linear algebra: differentiable linear solves (LU, Cholesky)
 * and the Levenberg-Marquardt method for small nonlinear least squares.
 *
 * @example
 * ```ts
 * solve([[2, 1], [1, 3]], [3, 5]).toArray(); // [0.8, 1.4]
 * ```
 *
 * @module
 */
export { solve } from './solve.js';
export { choleskySolve } from './choleskySolve.js';
export {
  levenbergMarquardt,
  type LevenbergMarquardtOptions,
  type LevenbergMarquardtReason,
  type LevenbergMarquardtResult,
  type Residuals,
} from './levenbergMarquardt.js';
