/**
 * Solving small symmetric positive definite systems, differentiably.
 *
 * @module
 */
import { asTensor, type TensorLike } from '../tensor/create.js';
import { Tensor } from '../tensor/tensor.js';
import { definePrimitive } from '../tape/primitive.js';
import { choleskyFactorInPlace, choleskySolveInPlace } from './cholesky.js';
import { negativeOuterProduct, rightHandSideColumns, squareMatrixOrder } from './matrix.js';

function factor(A: Tensor, n: number): Float64Array {
  const l = A.data.slice();
  const failed = choleskyFactorInPlace(l, n);
  if (failed >= 0) {
    throw new Error(`choleskySolve: the matrix is not positive definite (non-positive pivot in column ${failed} of ${n})`);
  }
  return l;
}

/**
 * `x = S^-1 b` with `S` the symmetric matrix whose lower triangle is that of
 * `A`. With `G = -(S^-1 g) x^T` the gradient with respect to `S`, an entry
 * below the diagonal of `A` stands for both `S[i][j]` and `S[j][i]`, so it
 * gets `G[i][j] + G[j][i]`; the diagonal gets `G[i][i]`; the upper triangle,
 * never read, gets 0.
 */
const choleskySolvePrimitive = definePrimitive<void>({
  name: 'linalg.choleskySolve',
  forward([A, b]) {
    const n = A!.shape[0]!;
    const k = b!.ndim === 1 ? 1 : b!.shape[1]!;
    const l = factor(A!, n);
    const x = b!.data.slice();
    choleskySolveInPlace(l, n, x, k);
    return new Tensor(x, b!.shape);
  },
  backward([g], [A, b], [x], _params, needed) {
    if (g === null) return [null, null];
    const n = A!.shape[0]!;
    const k = b!.ndim === 1 ? 1 : b!.shape[1]!;
    const l = factor(A!, n);
    const gb = g.slice();
    choleskySolveInPlace(l, n, gb, k);
    let gA: Float64Array | null = null;
    if (needed[0]) {
      const G = negativeOuterProduct(gb, x!.data, n, k);
      gA = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        gA[i * n + i] = G[i * n + i]!;
        for (let j = 0; j < i; j++) gA[i * n + j] = G[i * n + j]! + G[j * n + i]!;
      }
    }
    return [gA, needed[1] ? gb : null];
  },
});

/**
 * The solution `x` of `A x = b` for a symmetric positive definite `A`, by
 * Cholesky factorisation: about half the work of `solve`, and a check that
 * `A` is positive definite. Only the lower triangle of `A` is read (as in
 * LAPACK), and the gradient with respect to `A` is taken accordingly (zero on
 * the upper triangle). Differentiable with respect to both `A` and `b`.
 *
 * @param A - the matrix, shape `[n, n]`, finite, symmetric positive definite.
 * @param b - the right-hand side, shape `[n]` or `[n, k]`.
 * @returns `x`, with the shape of `b`.
 * @throws Error naming `choleskySolve` for bad shapes, non-finite entries, or
 *   a matrix that is not (numerically) positive definite.
 * @example
 * ```ts
 * choleskySolve([[4, 2], [2, 3]], [2, 1]).toArray(); // [0.5, 0]
 * ```
 */
export function choleskySolve(A: TensorLike, b: TensorLike): Tensor {
  const a = asTensor(A, 'choleskySolve');
  const rhs = asTensor(b, 'choleskySolve');
  const n = squareMatrixOrder('choleskySolve', a);
  rightHandSideColumns('choleskySolve', rhs, n);
  return choleskySolvePrimitive.apply([a, rhs], undefined) as Tensor;
}
