/**
 * Dense linear algebra on the tiny matrices of path solvers (one unknown per
 * interaction: a few rows), in place on Float64Arrays at an offset, so that
 * a batch of many small systems is solved without allocating per system.
 *
 * Matrices are row-major `n x n` blocks starting at `offset`.
 *
 * @module
 */

/**
 * Factor a symmetric positive definite block `A = L L^T` in place (the lower
 * triangle receives `L`; the upper one is left as it was).
 *
 * @param a - holds the block; only its lower triangle is read.
 * @returns true when the block is (numerically) positive definite.
 * @example
 * ```ts
 * const a = Float64Array.of(4, 2, 2, 3);
 * choleskyFactorBlock(a, 0, 2); // true; a = [2, 2, 1, ~1.414]: L = [[2, 0], [1, sqrt(2)]] in the lower triangle
 * ```
 */
export function choleskyFactorBlock(a: Float64Array, offset: number, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const rowJ = offset + j * n;
    let diagonal = a[rowJ + j]!;
    for (let k = 0; k < j; k++) diagonal -= a[rowJ + k]! * a[rowJ + k]!;
    // `!(d > 0)` also rejects NaN
    if (!(diagonal > 0)) return false;
    const root = Math.sqrt(diagonal);
    a[rowJ + j] = root;
    for (let i = j + 1; i < n; i++) {
      const rowI = offset + i * n;
      let value = a[rowI + j]!;
      for (let k = 0; k < j; k++) value -= a[rowI + k]! * a[rowJ + k]!;
      a[rowI + j] = value / root;
    }
  }
  return true;
}

/**
 * Solve `L L^T x = b` in place in `b` (length `n` at `bOffset`), with `L`
 * the lower triangle left by `choleskyFactorBlock`.
 *
 * @example
 * ```ts
 * const a = Float64Array.of(4, 2, 2, 3);
 * choleskyFactorBlock(a, 0, 2);
 * const b = Float64Array.of(2, 1);
 * choleskySolveBlock(a, 0, 2, b, 0); // b = [0.5, 0]
 * ```
 */
export function choleskySolveBlock(l: Float64Array, offset: number, n: number, b: Float64Array, bOffset: number): void {
  for (let i = 0; i < n; i++) {
    const row = offset + i * n;
    let value = b[bOffset + i]!;
    for (let k = 0; k < i; k++) value -= l[row + k]! * b[bOffset + k]!;
    b[bOffset + i] = value / l[row + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let value = b[bOffset + i]!;
    for (let k = i + 1; k < n; k++) value -= l[offset + k * n + i]! * b[bOffset + k]!;
    b[bOffset + i] = value / l[offset + i * n + i]!;
  }
}

/**
 * Workspace of `symmetricPseudoInverse` for blocks of order up to `n`.
 *
 * @example
 * ```ts
 * const work = new PseudoInverseWorkspace(3);
 * ```
 */
export class PseudoInverseWorkspace {
  /** The matrix being diagonalised, `n x n`. */
  readonly matrix: Float64Array;
  /** The accumulated rotations (eigenvectors in columns), `n x n`. */
  readonly vectors: Float64Array;

  /** @param n - the largest order of block to invert. */
  constructor(n: number) {
    this.matrix = new Float64Array(n * n);
    this.vectors = new Float64Array(n * n);
  }
}

/**
 * The Moore-Penrose pseudo-inverse of a symmetric block, by cyclic Jacobi
 * rotations: eigenvalues below `relativeCutoff` times the largest magnitude
 * are treated as 0, so a singular block (a degenerate path) gives a finite
 * inverse on the subspace it does determine, never an infinity. A block with
 * a non-finite entry gives zeros.
 *
 * @param a - the symmetric block (read at `offset`, not modified).
 * @param out - receives the `n x n` pseudo-inverse at `outOffset`.
 * @param relativeCutoff - default 1e-13.
 * @example
 * ```ts
 * const out = new Float64Array(4);
 * symmetricPseudoInverse(Float64Array.of(2, 0, 0, 0), 0, 2, out, 0, new PseudoInverseWorkspace(2));
 * // out = [0.5, 0, 0, 0]
 * ```
 */
export function symmetricPseudoInverse(
  a: Float64Array,
  offset: number,
  n: number,
  out: Float64Array,
  outOffset: number,
  work: PseudoInverseWorkspace,
  relativeCutoff = 1e-13,
): void {
  const m = work.matrix;
  const v = work.vectors;
  // Work on the block scaled to a largest entry of 1, so that the squares of
  // tiny (or huge) entries neither underflow nor overflow.
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(a[offset + i]!));
  if (!(scale > 0) || !Number.isFinite(scale)) {
    for (let i = 0; i < n * n; i++) out[outOffset + i] = 0;
    return;
  }
  for (let i = 0; i < n * n; i++) m[i] = a[offset + i]! / scale;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) v[i * n + j] = i === j ? 1 : 0;
  for (let sweep = 0; sweep < 50; sweep++) {
    let offDiagonal = 0;
    let diagonal = 0;
    for (let i = 0; i < n; i++) {
      diagonal += m[i * n + i]! * m[i * n + i]!;
      for (let j = i + 1; j < n; j++) offDiagonal += m[i * n + j]! * m[i * n + j]!;
    }
    if (offDiagonal <= 1e-32 * diagonal || offDiagonal === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (apq === 0) continue;
        const app = m[p * n + p]!;
        const aqq = m[q * n + q]!;
        // The rotation angle that zeroes m[p][q] (Golub & Van Loan, Algorithm 8.4.1).
        const tau = (aqq - app) / (2 * apq);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p]!;
          const mkq = m[k * n + q]!;
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k]!;
          const mqk = m[q * n + k]!;
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(m[i * n + i]!));
  const cutoff = relativeCutoff * largest;
  for (let i = 0; i < n * n; i++) out[outOffset + i] = 0;
  for (let k = 0; k < n; k++) {
    const eigenvalue = m[k * n + k]!;
    const inverse = 1 / (eigenvalue * scale);
    // an eigenvalue that underflows has an infinite inverse: treat it as 0 too
    if (!(Math.abs(eigenvalue) > cutoff) || !Number.isFinite(inverse)) continue;
    for (let i = 0; i < n; i++) {
      const vik = v[i * n + k]! * inverse;
      if (vik === 0) continue;
      for (let j = 0; j < n; j++) out[outOffset + i * n + j] += vik * v[j * n + k]!;
    }
  }
}
