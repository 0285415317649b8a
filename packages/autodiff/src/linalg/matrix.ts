/**
 * Argument checks and gradient pieces shared by the linear solvers.
 *
 * @module
 */
import { formatShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';

/**
 * Check that `A` is a square matrix of finite values; return its order.
 *
 * @internal
 * @throws Error naming the function and the shape or the first non-finite entry.
 * @example
 * ```ts
 * squareMatrixOrder('solve', tensor([[1, 0], [0, 1]])); // 2
 * ```
 */
export function squareMatrixOrder(op: string, A: Tensor): number {
  if (A.ndim !== 2 || A.shape[0] !== A.shape[1]) {
    throw new Error(`${op}: A must be a square matrix (shape [n, n]), got shape ${formatShape(A.shape)}`);
  }
  const n = A.shape[0]!;
  for (let i = 0; i < A.size; i++) {
    const v = A.data[i]!;
    if (!Number.isFinite(v)) throw new Error(`${op}: A has a non-finite entry ${v} at [${Math.floor(i / n)}, ${i % n}]`);
  }
  return n;
}

/**
 * Check that `b` is a right-hand side for an order-`n` system, a vector
 * `[n]` or a matrix `[n, k]`; return its number of columns `k` (1 for a vector).
 *
 * @internal
 * @throws Error naming the function and both shapes.
 * @example
 * ```ts
 * rightHandSideColumns('solve', tensor([[1, 2], [3, 4]]), 2); // 2
 * ```
 */
export function rightHandSideColumns(op: string, b: Tensor, n: number): number {
  if ((b.ndim !== 1 && b.ndim !== 2) || b.shape[0] !== n) {
    throw new Error(`${op}: b must have shape [${n}] or [${n}, k] to match A of shape [${n}, ${n}], got shape ${formatShape(b.shape)}`);
  }
  return b.ndim === 1 ? 1 : b.shape[1]!;
}

/**
 * `-(g x^T)` summed over the `k` columns: the `n`x`n` gradient of a solve
 * `x = A^-1 b` with respect to `A`, given the cotangent `g` of `b` (that is,
 * `A^-T` applied to the cotangent of `x`) and `x`, both row-major `n`x`k`.
 * A zero entry of `g` contributes exactly zero, even where `x` is not finite.
 *
 * @internal
 * @example
 * ```ts
 * negativeOuterProduct(Float64Array.of(1, 2), Float64Array.of(3, 4), 2, 1); // [-3, -4, -6, -8]
 * ```
 */
export function negativeOuterProduct(g: Float64Array, x: Float64Array, n: number, k: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const gi = g[i * k + c]!;
      if (gi === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] -= gi * x[j * k + c]!;
    }
  }
  return out;
}
