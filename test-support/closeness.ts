/**
 * Comparisons of numbers and arrays of numbers for tests: relative errors,
 * largest differences, bit-for-bit equality.
 *
 * Dev-only: imported by relative path from tests, never from a library
 * source file.
 *
 * @module
 */

/**
 * `|a - b|` relative to `|b|` (the expected value).
 *
 * @example
 * ```ts
 * relativeTo(1.001, 1); // ~1e-3
 * ```
 */
export function relativeTo(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

/**
 * `|a - b|` relative to the larger magnitude (at least 1e-3).
 *
 * @example
 * ```ts
 * relativeError(1, 1 + 1e-9); // ~1e-9
 * ```
 */
export function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-3);
}

/**
 * The largest `|a[i] - b[i]|` over the entries of `a`.
 *
 * @example
 * ```ts
 * maxDifference([1, 2], [1, 2.5]); // 0.5
 * ```
 */
export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/**
 * Whether two arrays hold the same doubles, bit for bit (NaN and -0 included).
 *
 * @example
 * ```ts
 * sameBits(Float64Array.of(0, NaN), Float64Array.of(0, NaN)); // true
 * sameBits(Float64Array.of(0), Float64Array.of(-0)); // false
 * ```
 */
export function sameBits(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}
