/**
 * Small scalar helpers shared by the kernels' loops: the length of a 2-D
 * vector (robust to underflow and overflow), and the backward rule of a wall's
 * unit normal. They take and return plain numbers or write into a
 * Float64Array at an offset: no allocation, so V8 inlines them in the loops.
 *
 * @module
 */

/** Below this, the squares of a vector's entries may have underflowed. */
const TINY_SUM_OF_SQUARES = 1e-280;

/**
 * Euclidean length of `(x, y)`: the plain `sqrt(x^2 + y^2)`, or `Math.hypot`
 * when the squares overflowed or may have underflowed (so that a tiny non-zero
 * vector has a non-zero length, as `normalize` of `@differt2d/autodiff`).
 *
 * @example
 * ```ts
 * vectorLength(3, 4); // 5
 * vectorLength(3e-200, 4e-200); // 5e-200
 * ```
 */
export function vectorLength(x: number, y: number): number {
  const sumOfSquares = x * x + y * y;
  if (sumOfSquares < Infinity && !(sumOfSquares < TINY_SUM_OF_SQUARES)) return Math.sqrt(sumOfSquares);
  return Math.hypot(x, y);
}

/**
 * Add the cotangent of a wall's coordinates, given the cotangent `(gnx, gny)`
 * of its unit normal `n = normalize((t.y, -t.x))`, `t = dest - origin`, into
 * `gWall[offset .. offset + 3]` (origin x, y, dest x, y). With `m = (t.y, -t.x)`
 * of length `length`: `gm = (gn - n (n . gn)) / length`, then
 * `gt = (-gm.y, gm.x)`, `g origin -= gt`, `g dest += gt`. A zero-length wall
 * (zero normal) gets nothing, as `normalize` at the zero vector.
 *
 * @example
 * ```ts
 * const g = new Float64Array(4);
 * addWallNormalCotangent(g, 0, 0, -1, 1, 1, 0); // wall (0,0)-(1,0), gn = (1, 0)
 * Array.from(g); // [0, -1, 0, 1]: raising dest turns n towards +x
 * ```
 */
export function addWallNormalCotangent(
  gWall: Float64Array,
  offset: number,
  nx: number,
  ny: number,
  length: number,
  gnx: number,
  gny: number,
): void {
  if (length === 0) return;
  const along = gnx * nx + gny * ny;
  const gmx = (gnx - nx * along) / length;
  const gmy = (gny - ny * along) / length;
  // m = (t.y, -t.x): gt.x = -gm.y, gt.y = gm.x.
  gWall[offset] = gWall[offset]! + gmy;
  gWall[offset + 1] = gWall[offset + 1]! - gmx;
  gWall[offset + 2] = gWall[offset + 2]! - gmy;
  gWall[offset + 3] = gWall[offset + 3]! + gmx;
}
