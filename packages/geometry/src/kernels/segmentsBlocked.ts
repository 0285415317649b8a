/**
 * Hard segment-versus-walls blocking test: does any wall cross a segment?
 * A step function (0/1), so it has no gradient; a fused loop with an early
 * exit per segment and no allocation per element.
 *
 * @module
 */
import { definePrimitive, Tensor, type TensorLike } from '@differt2d/autodiff';
import { checkSegments, type BlockingParams, type SegmentWallOptions } from './segmentOperands.js';
import { SEGMENT_WALL_SIZE, segmentWallTable } from './segmentWallTable.js';

/**
 * Whether segment `p + u r` crosses the (patched) wall at `table[k..k+3]`
 * (origin, t) with both parametric coordinates in `[low, high]`. With
 * `w = origin - p` and `d = cross(r, t)`, the crossing is at
 * `u = cross(w, t) / d` along the segment and `s = cross(w, r) / d` along the
 * wall; the bounds are tested without dividing (`low d <= cross(w, t) <= high d`
 * for `d > 0`, reversed for `d < 0`; `d = 0` — parallel, collinear, or a
 * zero-length segment or wall — and NaN fail both). The comparisons are
 * combined with bitwise `&` rather than `&&`: no hard-to-predict branches
 * (twice as fast on random segments). Small enough for V8 to inline.
 */
function crossesWall(px: number, py: number, rx: number, ry: number, table: Float64Array, k: number, low: number, high: number): boolean {
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

/**
 * The scan: for segment i, the index of the first wall (in order) crossing it
 * with both coordinates in `[-tolerance, 1 + tolerance]`, or -1, written to
 * `first[i]`. Stops at the first blocking wall; skips excluded walls.
 */
function scanFirstBlockingWalls(
  starts: Float64Array,
  ends: Float64Array,
  table: Float64Array,
  wallCount: number,
  params: BlockingParams,
  first: Int32Array,
): void {
  const count = first.length;
  const exclude = params.exclude;
  const low = -params.tolerance;
  const high = 1 + params.tolerance;
  for (let i = 0; i < count; i++) {
    const px = starts[2 * i]!;
    const py = starts[2 * i + 1]!;
    const rx = ends[2 * i]! - px;
    const ry = ends[2 * i + 1]! - py;
    let found = -1;
    if (exclude === null) {
      for (let w = 0; w < wallCount; w++) {
        if (crossesWall(px, py, rx, ry, table, SEGMENT_WALL_SIZE * w, low, high)) {
          found = w;
          break;
        }
      }
    } else {
      const skip0 = exclude[2 * i]!;
      const skip1 = exclude[2 * i + 1]!;
      for (let w = 0; w < wallCount; w++) {
        if (w !== skip0 && w !== skip1 && crossesWall(px, py, rx, ry, table, SEGMENT_WALL_SIZE * w, low, high)) {
          found = w;
          break;
        }
      }
    }
    first[i] = found;
  }
}

/**
 * The number of segment-wall pairs the scan tested: for each segment, the
 * walls up to the first blocking one (all when none blocks), excluded walls
 * not counted.
 */
function countPairsTested(first: Int32Array, wallCount: number, exclude: Int32Array | null): number {
  let tested = 0;
  for (let i = 0; i < first.length; i++) {
    const scanned = first[i]! < 0 ? wallCount : first[i]! + 1;
    tested += scanned;
    if (exclude === null) continue;
    const skip0 = exclude[2 * i]!;
    const skip1 = exclude[2 * i + 1]!;
    if (skip0 >= 0 && skip0 < scanned) tested--;
    if (skip1 >= 0 && skip1 < scanned && skip1 !== skip0) tested--;
  }
  return tested;
}

const blockedPrimitive = definePrimitive<BlockingParams>({
  name: 'geometry.segmentsBlocked',
  forward([starts, ends, walls], params) {
    const count = starts!.shape[0]!;
    const wallCount = walls!.shape[0]!;
    const first = new Int32Array(count);
    scanFirstBlockingWalls(starts!.data, ends!.data, segmentWallTable(walls!.data, wallCount, params.patch), wallCount, params, first);
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = first[i]! >= 0 ? 1 : 0;
    return new Tensor(out, [count]);
  },
  // No backward: a 0/1 step function has a zero gradient; nothing is recorded.
});

/**
 * Whether each segment is blocked by any of the walls (hard, 0 or 1): a wall
 * blocks segment `start -> end` when they cross with both parametric
 * coordinates (along the segment, along the wall) in
 * `[-tolerance, 1 + tolerance]`. Parallel segments (including collinear ones,
 * zero-length segments and zero-length walls) never block. The two walls of
 * `exclude` (the objects at the segment's ends) are skipped.
 *
 * The scan stops at the first blocking wall of each segment. A step function:
 * no gradient flows through it (use {@link segmentsIntersectSmooth} for one).
 *
 * @param starts - shape `[N, 2]`: first end of each segment.
 * @param ends - shape `[N, 2]`: second end of each segment.
 * @param walls - shape `[W, 2, 2]`: origin and dest of each wall.
 * @param options - `exclude` (two wall indices per segment, -1 = none),
 *   `tolerance` (default 0.005), `patch` (default 0).
 * @returns shape `[N]`: 1 where the segment is blocked, else 0.
 * @throws Error naming the function and the shapes when they do not fit, or
 *   the option when `exclude`, `tolerance` or `patch` is invalid.
 * @example
 * ```ts
 * const walls = [[[0.5, 0], [0.5, 1]]];
 * segmentsBlocked([[0, 0.5], [0, 0.5]], [[1, 0.5], [0.4, 0.5]], walls).toArray(); // [1, 0]
 * ```
 */
export function segmentsBlocked(starts: TensorLike, ends: TensorLike, walls: TensorLike, options: SegmentWallOptions = {}): Tensor {
  const checked = checkSegments('segmentsBlocked', starts, ends, walls, options);
  return blockedPrimitive.apply([checked.starts, checked.ends, checked.walls], checked.params) as Tensor;
}

/** What {@link firstBlockingWalls} finds. */
export interface FirstBlockingWalls {
  /** Shape `[N]`: index of the first wall (in the walls' order) blocking each segment, or -1. */
  readonly indices: Int32Array;
  /** Number of segment-wall pairs actually tested, after exclusions and early exits (at most N W). */
  readonly pairsTested: number;
}

/**
 * The same scan as {@link segmentsBlocked}, returning which wall blocks each
 * segment (the first one in order, where the scan stopped) and how many
 * segment-wall pairs were tested. Not differentiable.
 *
 * @param starts - shape `[N, 2]`: first end of each segment.
 * @param ends - shape `[N, 2]`: second end of each segment.
 * @param walls - shape `[W, 2, 2]`: origin and dest of each wall.
 * @param options - as {@link segmentsBlocked}.
 * @throws Error naming the function and the shapes when they do not fit, or
 *   the option when `exclude`, `tolerance` or `patch` is invalid.
 * @example
 * ```ts
 * const walls = [[[0, 2], [1, 2]], [[0.5, 0], [0.5, 1]]];
 * firstBlockingWalls([[0, 0.5]], [[1, 0.5]], walls); // { indices: Int32Array [1], pairsTested: 2 }
 * ```
 */
export function firstBlockingWalls(
  starts: TensorLike,
  ends: TensorLike,
  walls: TensorLike,
  options: SegmentWallOptions = {},
): FirstBlockingWalls {
  const checked = checkSegments('firstBlockingWalls', starts, ends, walls, options);
  const wallCount = checked.walls.shape[0]!;
  const indices = new Int32Array(checked.starts.shape[0]!);
  const table = segmentWallTable(checked.walls.data, wallCount, checked.params.patch);
  scanFirstBlockingWalls(checked.starts.data, checked.ends.data, table, wallCount, checked.params, indices);
  return { indices, pairsTested: countPairsTested(indices, wallCount, checked.params.exclude) };
}
