/**
 * Cholesky factorisation of small symmetric positive definite matrices, and
 * the solves with its factor, in place on row-major Float64Arrays.
 *
 * @module
 */

/**
 * Factor the row-major `n`x`n` symmetric matrix `a` in place as `A = L L^T`,
 * reading and writing only the lower triangle (the upper one is left as is).
 *
 * A pivot at most `n * eps * max(diag A)` counts as non-positive: the matrix
 * is then not (numerically) positive definite.
 *
 * @internal
 * @returns -1 on success, or the column whose pivot was not positive.
 * @example
 * ```ts
 * const a = Float64Array.of(4, 0, 2, 5);
 * choleskyFactorInPlace(a, 2); // -1; lower triangle of a = [[2], [1, 2]]
 * ```
 */
export function choleskyFactorInPlace(a: Float64Array, n: number): number {
  let maxDiagonal = 0;
  for (let i = 0; i < n; i++) maxDiagonal = Math.max(maxDiagonal, a[i * n + i]!);
  const threshold = n * Number.EPSILON * maxDiagonal;
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= a[j * n + k]! * a[j * n + k]!;
    if (!(d > threshold)) return j;
    const ljj = Math.sqrt(d);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = s / ljj;
    }
  }
  return -1;
}

/**
 * Solve `A X = B` in place in `b` (row-major `n`x`k`) from the factor `L`
 * of `choleskyFactorInPlace`: `L Y = B`, then `L^T X = Y`.
 *
 * @internal
 * @example
 * ```ts
 * const b = Float64Array.of(1, 2);
 * choleskySolveInPlace(l, 2, b, 1); // b holds x
 * ```
 */
export function choleskySolveInPlace(l: Float64Array, n: number, b: Float64Array, k: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const lij = l[i * n + j]!;
      if (lij === 0) continue;
      for (let c = 0; c < k; c++) b[i * k + c] -= lij * b[j * k + c]!;
    }
    const d = l[i * n + i]!;
    for (let c = 0; c < k; c++) b[i * k + c] /= d;
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j < n; j++) {
      const lji = l[j * n + i]!;
      if (lji === 0) continue;
      for (let c = 0; c < k; c++) b[i * k + c] -= lji * b[j * k + c]!;
    }
    const d = l[i * n + i]!;
    for (let c = 0; c < k; c++) b[i * k + c] /= d;
  }
}
