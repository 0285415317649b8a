/**
 * Culling blocking walls for a family of segments: before a map kernel
 * tests thousands of segments of one kind (the transmitter to a chunk's
 * receivers, the transmitter to points of a wall, a wall to the chunk's
 * receivers), it keeps only the walls that could block at least one of
 * them. The kept walls give the same answers as all walls, so results stay
 * bit for bit the same; the tests the other walls would have failed are
 * skipped.
 *
 * Why it is exact: every segment of the family runs between two points of
 * a convex region H (the hull of its possible ends). The blocking test
 * accepts a crossing up to `tolerance` beyond either end of the segment
 * (`tolerance |v - u|`, at most `tolerance D` with D the diameter of H) and
 * of the wall (`tolerance |t|`). So a wall extended by its tolerance that
 * stays farther than `tolerance D` from H blocks no segment of the family.
 * A margin of 1e-9 of the scene's scale absorbs rounding (the kernel's
 * crossing test and interaction points are exact to ~1e-16 relative).
 *
 * @module
 */

/** Relative margin added to every distance test (rounding of the kernel's arithmetic is ~1e-16). */
const ROUNDING_MARGIN = 1e-9;

/**
 * The convex hull of `count` points `[x0, y0, x1, y1, ...]`, counter-clockwise,
 * as a flat array of its vertices (monotone chain; collinear points dropped;
 * one or two vertices for degenerate inputs).
 *
 * @example
 * ```ts
 * convexHull([0, 0, 1, 0, 1, 1, 0, 1, 0.5, 0.5]); // [0, 0, 1, 0, 1, 1, 0, 1]
 * convexHull([0, 0, 2, 2, 1, 1]); // [0, 0, 2, 2]
 * ```
 */
export function convexHull(points: readonly number[]): number[] {
  const count = points.length >> 1;
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => points[2 * a]! - points[2 * b]! || points[2 * a + 1]! - points[2 * b + 1]!);
  const turn = (o: number, a: number, b: number): number =>
    (points[2 * a]! - points[2 * o]!) * (points[2 * b + 1]! - points[2 * o + 1]!) - (points[2 * a + 1]! - points[2 * o + 1]!) * (points[2 * b]! - points[2 * o]!);
  const chain = (indices: number[]): number[] => {
    const kept: number[] = [];
    for (const index of indices) {
      while (kept.length >= 2 && turn(kept[kept.length - 2]!, kept[kept.length - 1]!, index) <= 0) kept.pop();
      kept.push(index);
    }
    return kept;
  };
  const lower = chain(order);
  const upper = chain([...order].reverse());
  const hull = [...lower.slice(0, -1), ...upper.slice(0, -1)];
  const unique = hull.length > 0 ? hull : order.slice(0, 1);
  // All points equal, or collinear: the chain may repeat its two ends.
  const vertices: number[] = [];
  for (const index of unique) {
    const x = points[2 * index]!;
    const y = points[2 * index + 1]!;
    let seen = false;
    for (let k = 0; k < vertices.length; k += 2) if (vertices[k] === x && vertices[k + 1] === y) seen = true;
    if (!seen) vertices.push(x, y);
  }
  return vertices;
}

/** Squared distance from point p to segment ab. */
function pointSegmentDistanceSquared(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const abx = bx - ax;
  const aby = by - ay;
  const apx = px - ax;
  const apy = py - ay;
  const length2 = abx * abx + aby * aby;
  let s = length2 > 0 ? (apx * abx + apy * aby) / length2 : 0;
  if (s < 0) s = 0;
  else if (s > 1) s = 1;
  const dx = apx - s * abx;
  const dy = apy - s * aby;
  return dx * dx + dy * dy;
}

/** Whether segments ab and cd meet (collinear segments count as meeting: the caller only needs a conservative answer). */
function segmentsMeet(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const o1 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  const o2 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
  const o3 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
  const o4 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);
  return o1 * o2 <= 0 && o3 * o4 <= 0;
}

/**
 * Whether segment ab comes within `margin` of the convex polygon `hull`
 * (counter-clockwise vertices, as {@link convexHull} gives; one or two
 * vertices for a point or a segment).
 *
 * @example
 * ```ts
 * const square = [0, 0, 1, 0, 1, 1, 0, 1];
 * segmentNearConvex(2, 0, 2, 1, square, 0.5); // false: 1 away
 * segmentNearConvex(2, 0, 2, 1, square, 1); // true
 * segmentNearConvex(0.5, 0.5, 0.6, 0.6, square, 0); // true: inside
 * ```
 */
export function segmentNearConvex(ax: number, ay: number, bx: number, by: number, hull: readonly number[], margin: number): boolean {
  const m = hull.length >> 1;
  const margin2 = margin * margin;
  if (m >= 3) {
    let inside = true;
    for (let k = 0; k < m && inside; k++) {
      const hx = hull[2 * k]!;
      const hy = hull[2 * k + 1]!;
      const nx = hull[(2 * k + 2) % (2 * m)]!;
      const ny = hull[(2 * k + 3) % (2 * m)]!;
      if ((nx - hx) * (ay - hy) - (ny - hy) * (ax - hx) < 0) inside = false;
    }
    if (inside) return true;
  }
  const edges = m >= 3 ? m : m - 1;
  for (let k = 0; k < Math.max(edges, 1); k++) {
    const hx = hull[2 * k]!;
    const hy = hull[2 * k + 1]!;
    const last = m === 1 || edges === 0;
    const nx = last ? hx : hull[(2 * k + 2) % (2 * m)]!;
    const ny = last ? hy : hull[(2 * k + 3) % (2 * m)]!;
    if (segmentsMeet(ax, ay, bx, by, hx, hy, nx, ny)) return true;
    if (pointSegmentDistanceSquared(ax, ay, hx, hy, nx, ny) <= margin2) return true;
    if (pointSegmentDistanceSquared(bx, by, hx, hy, nx, ny) <= margin2) return true;
    if (pointSegmentDistanceSquared(hx, hy, ax, ay, bx, by) <= margin2) return true;
    if (pointSegmentDistanceSquared(nx, ny, ax, ay, bx, by) <= margin2) return true;
  }
  return false;
}

/**
 * The blocking walls that may block some segment between two points of the
 * convex hull of `ends` (`[x0, y0, ...]`: a point, a wall's two end points,
 * a box's four corners...), in scan order, less rows `skip0` and `skip1`
 * (the walls a segment starts or ends on).
 *
 * @param blockers - per wall 4 numbers: origin x, y, direction t x, y (as the image kernel lays them out).
 * @param tolerance - the blocking test's `intersectTolerance` (negative counts as 0).
 * @example
 * ```ts
 * // A wall far from the segments from (0, 0) to the box [1, 2] x [0, 1] is dropped.
 * const blockers = Float64Array.of(5, 5, 1, 0, 0.5, -1, 0, 3);
 * blockersNear(blockers, 2, [0, 0, 1, 0, 2, 0, 2, 1, 1, 1], 0.005, -1, -1); // Int32Array [1]
 * ```
 */
export function blockersNear(blockers: Float64Array, blockerCount: number, ends: readonly number[], tolerance: number, skip0: number, skip1: number): Int32Array {
  const hull = convexHull(ends);
  const extension = Math.max(tolerance, 0);
  let diameter2 = 0;
  let scale = 0;
  for (let a = 0; a < hull.length; a += 2) {
    scale = Math.max(scale, Math.abs(hull[a]!), Math.abs(hull[a + 1]!));
    for (let b = a + 2; b < hull.length; b += 2) {
      const dx = hull[b]! - hull[a]!;
      const dy = hull[b + 1]! - hull[a + 1]!;
      diameter2 = Math.max(diameter2, dx * dx + dy * dy);
    }
  }
  const kept: number[] = [];
  for (let w = 0; w < blockerCount; w++) {
    if (w === skip0 || w === skip1) continue;
    const k = 4 * w;
    const ox = blockers[k]!;
    const oy = blockers[k + 1]!;
    const tx = blockers[k + 2]!;
    const ty = blockers[k + 3]!;
    const wallScale = Math.max(scale, Math.abs(ox), Math.abs(oy), Math.abs(ox + tx), Math.abs(oy + ty));
    const margin = extension * Math.sqrt(diameter2) + ROUNDING_MARGIN * wallScale;
    const near =
      !(Number.isFinite(ox) && Number.isFinite(oy) && Number.isFinite(tx) && Number.isFinite(ty) && Number.isFinite(margin)) ||
      segmentNearConvex(ox - extension * tx, oy - extension * ty, ox + (1 + extension) * tx, oy + (1 + extension) * ty, hull, margin);
    if (near) kept.push(w);
  }
  return Int32Array.from(kept);
}
