/**
 * LU factorisation with partial pivoting of small dense matrices, and the
 * solves with its factors, in place on row-major Float64Arrays.
 *
 * @module
 */

/** Exchange rows `r` and `p` of the row-major matrix `m` with `columns` columns (nothing when `r === p`). */
function swapRows(m: Float64Array, columns: number, r: number, p: number): void {
  if (p === r) return;
  for (let c = 0; c < columns; c++) {
    const held = m[r * columns + c]!;
    m[r * columns + c] = m[p * columns + c]!;
    m[p * columns + c] = held;
  }
}

/**
 * Factor the row-major `n`x`n` matrix `a` in place as `P A = L U` (L unit
 * lower, U upper, both stored in `a`); `pivots[k]` is the row swapped with
 * row `k` at step `k` (the LAPACK convention).
 *
 * A pivot is taken as zero when it is at most `n * eps * max|A|`: below that,
 * rounding errors are as large as the pivot itself and the solution would be
 * meaningless, so the matrix is numerically singular.
 *
 * @internal
 * @returns -1 on success, or the step at which the pivot was (numerically) zero.
 * @example
 * ```ts
 * const a = Float64Array.of(0, 1, 2, 3);
 * luFactorInPlace(a, 2, new Int32Array(2)); // -1; a = [2, 3, 0, 1]
 * ```
 */
export function luFactorInPlace(a: Float64Array, n: number, pivots: Int32Array): number {
  let maxAbs = 0;
  for (let i = 0; i < n * n; i++) maxAbs = Math.max(maxAbs, Math.abs(a[i]!));
  const threshold = n * Number.EPSILON * maxAbs;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(a[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]!);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    pivots[k] = p;
    if (!(best > threshold)) return k;
    swapRows(a, n, k, p);
    const pivot = a[k * n + k]!;
    for (let i = k + 1; i < n; i++) {
      const l = a[i * n + k]! / pivot;
      a[i * n + k] = l;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) a[i * n + j] -= l * a[k * n + j]!;
    }
  }
  return -1;
}

/**
 * Solve `A X = B` in place in `b` (row-major `n`x`k`) from the factors of
 * `luFactorInPlace`.
 *
 * @internal
 * @example
 * ```ts
 * const b = Float64Array.of(1, 2);
 * luSolveInPlace(lu, 2, pivots, b, 1); // b holds x
 * ```
 */
export function luSolveInPlace(lu: Float64Array, n: number, pivots: Int32Array, b: Float64Array, k: number): void {
  for (let r = 0; r < n; r++) swapRows(b, k, r, pivots[r]!);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const l = lu[i * n + j]!;
      if (l === 0) continue;
      for (let c = 0; c < k; c++) b[i * k + c] -= l * b[j * k + c]!;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j < n; j++) {
      const u = lu[i * n + j]!;
      if (u === 0) continue;
      for (let c = 0; c < k; c++) b[i * k + c] -= u * b[j * k + c]!;
    }
    const d = lu[i * n + i]!;
    for (let c = 0; c < k; c++) b[i * k + c] /= d;
  }
}

/**
 * Solve the transposed system `A^T X = B` in place in `b` (row-major
 * `n`x`k`) from the factors of `A`: since `A^T = U^T L^T P`, solve with
 * `U^T`, then `L^T`, then undo the row swaps in reverse order. This is what
 * the gradient of a solve needs.
 *
 * @internal
 * @example
 * ```ts
 * luSolveTransposedInPlace(lu, 2, pivots, b, 1); // b holds the solution of A^T x = b
 * ```
 */
export function luSolveTransposedInPlace(lu: Float64Array, n: number, pivots: Int32Array, b: Float64Array, k: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const u = lu[j * n + i]!;
      if (u === 0) continue;
      for (let c = 0; c < k; c++) b[i * k + c] -= u * b[j * k + c]!;
    }
    const d = lu[i * n + i]!;
    for (let c = 0; c < k; c++) b[i * k + c] /= d;
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j < n; j++) {
      const l = lu[j * n + i]!;
      if (l === 0) continue;
      for (let c = 0; c < k; c++) b[i * k + c] -= l * b[j * k + c]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) swapRows(b, k, r, pivots[r]!);
}
