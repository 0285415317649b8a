/**
 * The contract between the batched solvers and the problems they solve.
 *
 * @module
 */

/**
 * A batch of independent minimisation problems of the same size: problem `p`
 * minimises `cost_p(x_p)` over its own `unknowns` values `x_p`. Path tracers
 * make one problem per TX-RX pair of a candidate, so that many receivers are
 * solved together, in one loop.
 *
 * All arrays are flat and row-major: `x` is `[problems, unknowns]`, the
 * gradient `[problems, unknowns]`, the Hessian `[problems, unknowns, unknowns]`.
 *
 * @example
 * ```ts
 * // cost_p(x) = (x - p)^2, for problems p = 0, 1, 2
 * const parabolas: BatchedObjective = {
 *   problems: 3,
 *   unknowns: 1,
 *   evaluate(x, rows, rowCount, cost, gradient, hessian) {
 *     for (let i = 0; i < rowCount; i++) {
 *       const p = rows[i]!;
 *       const d = x[p]! - p;
 *       cost[p] = d * d;
 *       gradient[p] = 2 * d;
 *       if (hessian !== null) hessian[p] = 2;
 *     }
 *   },
 * };
 * ```
 */
export interface BatchedObjective {
  /** Number of problems. */
  readonly problems: number;
  /** Number of unknowns of each problem. */
  readonly unknowns: number;
  /**
   * Evaluate the problems `rows[0 .. rowCount)` at their rows of `x`; write
   * only those problems' entries of `cost`, `gradient` and (unless null)
   * `hessian`. The Hessian may be an approximation (Gauss-Newton's `2 J^T J`)
   * but must be symmetric.
   */
  evaluate(
    x: Float64Array,
    rows: Int32Array,
    rowCount: number,
    cost: Float64Array,
    gradient: Float64Array,
    hessian: Float64Array | null,
  ): void;
}

/**
 * The row list `[0, 1, ..., count - 1]`: every problem of a batch.
 *
 * @example
 * ```ts
 * allRows(3); // Int32Array [0, 1, 2]
 * ```
 */
export function allRows(count: number): Int32Array {
  const rows = new Int32Array(count);
  for (let i = 0; i < count; i++) rows[i] = i;
  return rows;
}
