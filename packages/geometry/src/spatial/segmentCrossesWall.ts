/**
 * The exact segment-versus-wall crossing predicate, shared by the
 * brute-force blocking scan (`segmentsBlocked`) and the spatial index
 * (`SegmentGrid`), so that both give the same booleans bit for bit.
 *
 * @module
 */

/**
 * Whether segment `p + u r` crosses the wall at `table[k..k+3]` (origin x, y,
 * direction t x, y) with both parametric coordinates in `[low, high]`. With
 * `w = origin - p` and `d = cross(r, t)`, the crossing is at
 * `u = cross(w, t) / d` along the segment and `s = cross(w, r) / d` along the
 * wall; the bounds are tested without dividing (`low d <= cross(w, t) <= high d`
 * for `d > 0`, reversed for `d < 0`; `d = 0` — parallel, collinear, or a
 * zero-length segment or wall — and NaN fail both). The comparisons are
 * combined with bitwise `&` rather than `&&`: no hard-to-predict branches
 * (twice as fast on random segments). Small enough for V8 to inline.
 *
 * @param px - segment start x (metres).
 * @param py - segment start y.
 * @param rx - segment vector x (end - start).
 * @param ry - segment vector y.
 * @param table - per wall 4 numbers: origin x, y, direction t x, y (`[W * 4]`).
 * @param k - offset of the wall in `table` (4 times its row).
 * @param low - lowest accepted parametric coordinate (`-tolerance`).
 * @param high - highest accepted parametric coordinate (`1 + tolerance`).
 * @example
 * ```ts
 * const table = Float64Array.of(0.5, 0, 0, 1); // the wall (0.5, 0) -> (0.5, 1)
 * segmentCrossesWall(0, 0.5, 1, 0, table, 0, -0.005, 1.005); // true
 * segmentCrossesWall(0, 0.5, 0.4, 0, table, 0, -0.005, 1.005); // false: stops short
 * ```
 */
export function segmentCrossesWall(px: number, py: number, rx: number, ry: number, table: Float64Array, k: number, low: number, high: number): boolean {
  const tx = table[k + 2]!;
  const ty = table[k + 3]!;
  const d = rx * ty - ry * tx;
  const wx = table[k]! - px;
  const wy = table[k + 1]! - py;
  const alongSegment = wx * ty - wy * tx;
  const alongWall = wx * ry - wy * rx;
  const lowBound = low * d;
  const highBound = high * d;
  const forward = +(d > 0) & +(alongSegment >= lowBound) & +(alongSegment <= highBound) & +(alongWall >= lowBound) & +(alongWall <= highBound);
  const backward = +(d < 0) & +(alongSegment <= lowBound) & +(alongSegment >= highBound) & +(alongWall <= lowBound) & +(alongWall >= highBound);
  return (forward | backward) !== 0;
}
