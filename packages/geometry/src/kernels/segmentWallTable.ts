/**
 * The per-wall data of the segment-versus-walls kernels, computed once per
 * call: the (patched) origin and direction of each wall, four numbers per
 * wall in one Float64Array.
 *
 * @module
 */

/** Default tolerance on both parametric coordinates of a crossing (DiffeRT2d's 0.005). */
export const DEFAULT_INTERSECTION_TOLERANCE = 0.005;

/** Numbers per wall in a segment-wall table: origin x, origin y, t x, t y. */
export const SEGMENT_WALL_SIZE = 4;

/**
 * `[ox', oy', tx', ty']` for each of the `count` walls stored as
 * `[origin x, origin y, dest x, dest y]` in `walls`, where the wall is grown
 * by `patch * t` at both ends (`t = dest - origin`; a negative patch shrinks
 * it): `origin' = origin - patch t`, `t' = (1 + 2 patch) t`.
 *
 * @example
 * ```ts
 * Array.from(segmentWallTable(Float64Array.of(0, 0, 1, 0), 1, 0.1)); // [-0.1, 0, 1.2, 0]
 * ```
 */
export function segmentWallTable(walls: Float64Array, count: number, patch: number): Float64Array {
  const table = new Float64Array(SEGMENT_WALL_SIZE * count);
  const grow = 1 + 2 * patch;
  for (let w = 0; w < count; w++) {
    const k = 4 * w;
    const ox = walls[k]!;
    const oy = walls[k + 1]!;
    const tx = walls[k + 2]! - ox;
    const ty = walls[k + 3]! - oy;
    table[k] = patch === 0 ? ox : ox - patch * tx;
    table[k + 1] = patch === 0 ? oy : oy - patch * ty;
    table[k + 2] = patch === 0 ? tx : grow * tx;
    table[k + 3] = patch === 0 ? ty : grow * ty;
  }
  return table;
}
