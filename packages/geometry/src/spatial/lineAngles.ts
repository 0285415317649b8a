/**
 * Directions of lines as pseudo-angles in `[0, 2)`, and the search of a
 * sorted list of them: how a `SegmentGrid` finds the walls nearly parallel
 * to a query segment without a trigonometric call.
 *
 * @module
 */

/**
 * The direction of the line along `(x, y)` (not both zero) as a
 * pseudo-angle in `[0, 2)`: `1 - x / (|x| + y)` once the vector is turned
 * into the upper half-plane (opposite vectors give the same value). It
 * grows with the angle `theta` in `[0, pi)`, wraps around at 2 as the angle
 * does at pi, and its derivative `1 / (|cos theta| + sin theta)^2` lies in
 * `[1/2, 1]`: two lines at an angle `delta` (mod pi) have pseudo-angles at
 * most `delta` apart (mod 2). Within a few ulps of its exact value.
 *
 * @example
 * ```ts
 * linePseudoAngle(1, 0); // 0
 * linePseudoAngle(0, 1); // 1
 * linePseudoAngle(-1, -1); // 0.5, as (1, 1)
 * ```
 */
export function linePseudoAngle(x: number, y: number): number {
  if (y < 0 || (y === 0 && x < 0)) {
    x = -x;
    y = -y;
  }
  return 1 - x / (Math.abs(x) + y);
}

/**
 * The first position in ascending `angles` holding a value `>= value`
 * (`angles.length` when none).
 *
 * @example
 * ```ts
 * firstAngleAtLeast(Float64Array.of(0, 0.5, 1, 2), 0.7); // 2
 * ```
 */
export function firstAngleAtLeast(angles: Float64Array, value: number): number {
  let low = 0;
  let high = angles.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (angles[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
