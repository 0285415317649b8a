/**
 * Hard segment-versus-walls blocking test: does any wall cross a segment?
 * A step function (0/1), so it has no gradient; a fused loop with an early
 * exit per segment and no allocation per element.
 *
 * @module
 */
import { definePrimitive, Tensor, type TensorLike } from '@differt2d/autodiff';
import { segmentCrossesWall as crossesWall } from '../spatial/segmentCrossesWall.js';
import { SegmentGrid } from '../spatial/segmentGrid.js';
import { checkSegments, type BlockingParams, type SegmentWallOptions } from './segmentOperands.js';
import { SEGMENT_WALL_SIZE, segmentWallTable } from './segmentWallTable.js';

/**
 * Fewest walls for which {@link segmentsBlocked} builds a grid for the call:
 * measured on cities and random scenes, a scan with early exits is as fast
 * below (a grid's walk costs ~150 ns per segment, its build ~0.3 us per wall).
 */
const CALL_INDEX_MIN_WALLS = 128;

/** Fewest segments per wall for which {@link segmentsBlocked} builds a grid for the call (its build is then paid back). */
const CALL_INDEX_SEGMENTS_PER_WALL = 2;

/**
 * Options of {@link segmentsBlocked}: those of every segment-versus-walls
 * test, and whether to index the walls.
 *
 * @example
 * ```ts
 * const options: SegmentsBlockedOptions = { tolerance: 0, spatialIndex: false };
 * ```
 */
export interface SegmentsBlockedOptions extends SegmentWallOptions {
  /**
   * Index the walls in a uniform grid when there are enough walls and
   * segments (default true): the same answers, testing only the walls near
   * each segment (see {@link SegmentGrid}). `false` always scans every wall.
   */
  spatialIndex?: boolean;
}

/** The resolved options of {@link segmentsBlocked}. */
interface ScanParams extends BlockingParams {
  /** Whether a grid may be built. */
  readonly spatialIndex: boolean;
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

const blockedPrimitive = definePrimitive<ScanParams>({
  name: 'geometry.segmentsBlocked',
  forward([starts, ends, walls], params) {
    const count = starts!.shape[0]!;
    const wallCount = walls!.shape[0]!;
    const table = segmentWallTable(walls!.data, wallCount, params.patch);
    const out = new Float64Array(count);
    if (params.spatialIndex && wallCount >= CALL_INDEX_MIN_WALLS && count >= CALL_INDEX_SEGMENTS_PER_WALL * wallCount) {
      new SegmentGrid(table, params.tolerance).blocksEach(starts!.data, ends!.data, params.exclude, out);
      return new Tensor(out, [count]);
    }
    const first = new Int32Array(count);
    scanFirstBlockingWalls(starts!.data, ends!.data, table, wallCount, params, first);
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
 * The scan stops at the first blocking wall of each segment. With at least
 * 128 walls and twice as many segments as walls (and `spatialIndex` not
 * false), the walls are first indexed in a {@link SegmentGrid} and each
 * segment is tested only against the walls of the cells it crosses: the
 * same answers (below, building the grid costs more than it saves). To test
 * many batches against the same walls, build one `SegmentGrid` and query it
 * directly. A step function:
 * no gradient flows through it (use {@link segmentsIntersectSmooth} for one).
 *
 * @param starts - shape `[N, 2]`: first end of each segment.
 * @param ends - shape `[N, 2]`: second end of each segment.
 * @param walls - shape `[W, 2, 2]`: origin and dest of each wall.
 * @param options - `exclude` (two wall indices per segment, -1 = none),
 *   `tolerance` (default 0.005), `patch` (default 0), `spatialIndex`
 *   (default true).
 * @returns shape `[N]`: 1 where the segment is blocked, else 0.
 * @throws Error naming the function and the shapes when they do not fit, or
 *   the option when `exclude`, `tolerance`, `patch` or `spatialIndex` is invalid.
 * @example
 * ```ts
 * const walls = [[[0.5, 0], [0.5, 1]]];
 * segmentsBlocked([[0, 0.5], [0, 0.5]], [[1, 0.5], [0.4, 0.5]], walls).toArray(); // [1, 0]
 * ```
 */
export function segmentsBlocked(starts: TensorLike, ends: TensorLike, walls: TensorLike, options: SegmentsBlockedOptions = {}): Tensor {
  const checked = checkSegments('segmentsBlocked', starts, ends, walls, options);
  const spatialIndex = options.spatialIndex ?? true;
  if (typeof spatialIndex !== 'boolean') throw new Error(`segmentsBlocked: spatialIndex must be a boolean, got ${String(spatialIndex)}`);
  return blockedPrimitive.apply([checked.starts, checked.ends, checked.walls], { ...checked.params, spatialIndex }) as Tensor;
}

/** What {@link firstBlockingWalls} finds. */
export interface FirstBlockingWalls {
  /** Shape `[N]`: index of the first wall (in the walls' order) blocking each segment, or -1. */
  readonly indices: Int32Array;
  /** Number of segment-wall pairs actually tested, after exclusions and early exits (at most N W). */
  readonly pairsTested: number;
}

/**
 * The brute-force scan of {@link segmentsBlocked} (never indexed), returning
 * which wall blocks each segment (the first one in order, where the scan
 * stopped) and how many segment-wall pairs were tested. Not differentiable.
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
