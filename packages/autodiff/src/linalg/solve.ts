/**
 * Solving small square linear systems, differentiably.
 *
 * @module
 */
import { asTensor, type TensorLike } from '../tensor/create.js';
import { Tensor } from '../tensor/tensor.js';
import { definePrimitive } from '../tape/primitive.js';
import { luFactorInPlace, luSolveInPlace, luSolveTransposedInPlace } from './lu.js';
import { negativeOuterProduct, rightHandSideColumns, squareMatrixOrder } from './matrix.js';

function factor(A: Tensor, n: number): { lu: Float64Array; pivots: Int32Array } {
  const lu = A.data.slice();
  const pivots = new Int32Array(n);
  const failed = luFactorInPlace(lu, n, pivots);
  if (failed >= 0) {
    throw new Error(`solve: the matrix is singular (no usable pivot in column ${failed} of ${n} after elimination)`);
  }
  return { lu, pivots };
}

/**
 * `x = A^-1 b`. Its vector-Jacobian product, for a cotangent `g` of `x`:
 * `gb = A^-T g` and `gA = -gb x^T` (summed over the columns of `b`).
 */
const solvePrimitive = definePrimitive<void>({
  name: 'linalg.solve',
  forward([A, b]) {
    const n = A!.shape[0]!;
    const k = b!.ndim === 1 ? 1 : b!.shape[1]!;
    const { lu, pivots } = factor(A!, n);
    const x = b!.data.slice();
    luSolveInPlace(lu, n, pivots, x, k);
    return new Tensor(x, b!.shape);
  },
  backward([g], [A, b], [x], _params, needed) {
    if (g === null) return [null, null];
    const n = A!.shape[0]!;
    const k = b!.ndim === 1 ? 1 : b!.shape[1]!;
    // Refactoring is O(n^3) like the solve itself, and for the small systems
    // this is meant for it is cheaper than keeping factors on every record.
    const { lu, pivots } = factor(A!, n);
    const gb = g.slice();
    luSolveTransposedInPlace(lu, n, pivots, gb, k);
    const gA = needed[0] ? negativeOuterProduct(gb, x!.data, n, k) : null;
    return [gA, needed[1] ? gb : null];
  },
});

/**
 * The solution `x` of the square linear system `A x = b`, by LU
 * factorisation with partial pivoting. Meant for small dense systems.
 * Differentiable with respect to both `A` and `b`.
 *
 * @param A - the matrix, shape `[n, n]`, finite.
 * @param b - the right-hand side, shape `[n]` or `[n, k]` (k systems at once).
 * @returns `x`, with the shape of `b`.
 * @throws Error naming `solve` for bad shapes, non-finite entries of `A`, or a
 *   singular matrix (a pivot at most `n * eps * max|A|` after elimination).
 * @example
 * ```ts
 * solve([[2, 1], [1, 3]], [3, 5]).toArray(); // [0.8, 1.4]
 * ```
 */
export function solve(A: TensorLike, b: TensorLike): Tensor {
  const a = asTensor(A, 'solve');
  const rhs = asTensor(b, 'solve');
  const n = squareMatrixOrder('solve', a);
  rightHandSideColumns('solve', rhs, n);
  return solvePrimitive.apply([a, rhs], undefined) as Tensor;
}
