/**
 * The Euclidean length of one lane of a row-major array, shared by `norm`
 * and `normalize`.
 *
 * @module
 */

/** Below this, squares of the entries may have underflowed: rescale. */
const TINY_SUM_OF_SQUARES = 1e-280;

/**
 * Length of the vector `data[start + j * stride]`, `j < length`. The plain
 * sum of squares is used unless it overflowed or may have underflowed; the
 * lane is then rescaled by its largest entry (as `Math.hypot` does), so that
 * vectors of huge or tiny entries get an accurate, non-zero length.
 *
 * @internal
 * @example
 * ```ts
 * laneNorm(Float64Array.of(3, 0, 4, 0), 0, 2, 2); // 5, the length of (3, 4)
 * laneNorm(Float64Array.of(3e200, 4e200), 0, 2, 1); // ~5e200 (no overflow)
 * ```
 */
export function laneNorm(data: Float64Array, start: number, length: number, stride: number): number {
  let sumOfSquares = 0;
  for (let j = 0; j < length; j++) {
    const v = data[start + j * stride]!;
    sumOfSquares += v * v;
  }
  if (sumOfSquares < Infinity && !(sumOfSquares < TINY_SUM_OF_SQUARES)) return Math.sqrt(sumOfSquares);
  if (sumOfSquares !== sumOfSquares) return NaN;
  let largest = 0;
  for (let j = 0; j < length; j++) largest = Math.max(largest, Math.abs(data[start + j * stride]!));
  if (largest === 0 || largest === Infinity) return largest;
  let scaled = 0;
  for (let j = 0; j < length; j++) {
    const v = data[start + j * stride]! / largest;
    scaled += v * v;
  }
  return largest * Math.sqrt(scaled);
}
