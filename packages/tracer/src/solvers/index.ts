/**
 * Solvers for batches of small independent minimisation problems (one per
 * TX-RX pair of a path candidate): damped Newton / Levenberg-Marquardt, and
 * DiffeRT2d's Adam with random restarts.
 *
 * @example
 * ```ts
 * import { solveDampedNewton } from './solvers/index.js';
 * const { x } = solveDampedNewton(objective, x0);
 * ```
 *
 * @module
 */
export { allRows, type BatchedObjective } from './batchedObjective.js';
export { solveDampedNewton, type DampedNewtonOptions, type DampedNewtonResult } from './dampedNewton.js';
export { solveAdam, type AdamSolverOptions, type AdamSolverResult } from './batchedAdam.js';
export { choleskyFactorBlock, choleskySolveBlock, symmetricPseudoInverse, PseudoInverseWorkspace } from './smallMatrix.js';
