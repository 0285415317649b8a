/**
 * Validity criterion 2: no segment of a path is blocked by an object of the
 * scene, other than the objects at the segment's two ends.
 *
 * @module
 */
import { definePrimitive, maximum, max, noGrad, ones, reshape, sub, Tensor, where, type TensorLike } from '@differt2d/autodiff';
import {
  resolveApprox,
  SegmentGrid,
  segmentsBlocked,
  segmentsIntersectSmooth,
  segmentWallTable,
  SPATIAL_INDEX_MIN_WALLS,
  Wall,
  type ApproxOptions,
  type Interactable,
  type ResolvedApprox,
} from '@differt2d/geometry';
import { checkedObjects, stackedWallCoordinates } from '../tracers/imageOperands.js';
import { checkCandidate, DEFAULT_INTERSECT_TOLERANCE, pathsLayout, type PathsLayout } from './validityOptions.js';

/**
 * Options of {@link pathUnobstructed}.
 *
 * @example
 * ```ts
 * const options: UnobstructedOptions = { tolerance: 0, approx: true, alpha: 50 };
 * ```
 */
export interface UnobstructedOptions extends ApproxOptions {
  /**
   * How far outside [0, 1] each parametric coordinate of a crossing may be
   * and still block (default 0.005, DiffeRT2d's).
   */
  tolerance?: number;
  /**
   * Test blocking through a grid over the walls (default true): the same
   * answers, testing only the walls near each segment. Exact test only.
   */
  spatialIndex?: boolean;
}

/**
 * The scene's ray-blocking objects, split by how they are tested; prepared
 * once per scene and reused for every candidate.
 *
 * @internal
 * @example
 * ```ts
 * const obstacles: Obstacles = obstaclesOf(walls, false, null);
 * obstacles.walls?.shape; // [7, 2, 2]
 * ```
 */
export interface Obstacles {
  /** Walls tested by the fused kernels, as `[W, 2, 2]` coordinates (null when none). */
  readonly walls: Tensor | null;
  /** For each scene object, its row in `walls`, or -1. */
  readonly wallRow: Int32Array;
  /** Scene indices of the other ray-blocking objects, tested with their own `intersects`. */
  readonly others: readonly number[];
  /**
   * Whether the exact test goes through a grid over `walls` (built on first
   * use, once per obstacles and tolerance), when there are at least
   * `SPATIAL_INDEX_MIN_WALLS` of them.
   */
  readonly spatialIndex: boolean;
}

/** The grids of the obstacles' walls, built on first use (keyed by the obstacles, so built once per scene). */
const wallGrids = new WeakMap<Obstacles, SegmentGrid>();

/**
 * The grid over the obstacles' walls for the exact test with `tolerance`,
 * or null when the walls are scanned (too few, none, or `spatialIndex` false).
 */
function wallGridOf(obstacles: Obstacles, tolerance: number): SegmentGrid | null {
  const walls = obstacles.walls;
  if (!obstacles.spatialIndex || walls === null || walls.shape[0]! < SPATIAL_INDEX_MIN_WALLS) return null;
  const cached = wallGrids.get(obstacles);
  if (cached !== undefined && cached.tolerance === tolerance) return cached;
  // The table of segmentsBlocked (origin, dest - origin), so that the predicate reads the same numbers.
  const grid = new SegmentGrid(segmentWallTable(walls.data, walls.shape[0]!, 0), tolerance);
  wallGrids.set(obstacles, grid);
  return grid;
}

/**
 * Whether an object's blocking test is exactly the wall's, so that the fused
 * kernels may run it (walls, RIS, and subclasses that keep `intersects`).
 */
function isKernelWall(object: Interactable): object is Wall {
  return object instanceof Wall && object.intersects === Wall.prototype.intersects;
}

/**
 * The obstacles of a scene for the exact test (`differentiable` false: the
 * walls' coordinates are copied, nothing is recorded) or the smoothed one
 * (stacked on the tape, so that gradients reach each wall). With a user
 * activation function, walls are tested by their own `intersects`, since the
 * fused kernel implements the built-in activations only.
 *
 * @param spatialIndex - the `spatialIndex` option (default true), checked.
 * @param op - the function asking, quoted in errors.
 * @throws Error naming `op` when `spatialIndex` is not a boolean.
 * @internal
 * @example
 * ```ts
 * obstaclesOf([wall, new Vertex([0, 0])], false, null).wallRow; // Int32Array [0, -1]
 * ```
 */
export function obstaclesOf(
  objects: readonly Interactable[],
  differentiable: boolean,
  approx: ResolvedApprox | null,
  spatialIndex: boolean | undefined = true,
  op = 'pathValidity',
): Obstacles {
  if (spatialIndex !== undefined && typeof spatialIndex !== 'boolean') {
    throw new Error(`${op}: spatialIndex must be a boolean, got ${JSON.stringify(spatialIndex)}`);
  }
  const kernelForWalls = approx === null || approx.activation === 'hardSigmoid' || approx.activation === 'sigmoid';
  const wallRow = new Int32Array(objects.length).fill(-1);
  const kernelWalls: Wall[] = [];
  const others: number[] = [];
  for (let o = 0; o < objects.length; o++) {
    const object = objects[o]!;
    if (!object.blocksRays) continue;
    if (kernelForWalls && isKernelWall(object)) {
      wallRow[o] = kernelWalls.length;
      kernelWalls.push(object);
    } else {
      others.push(o);
    }
  }
  let walls: Tensor | null = null;
  if (kernelWalls.length > 0 && differentiable) {
    walls = stackedWallCoordinates(kernelWalls);
  } else if (kernelWalls.length > 0) {
    const data = new Float64Array(4 * kernelWalls.length);
    for (let w = 0; w < kernelWalls.length; w++) data.set(kernelWalls[w]!.xys.data, 4 * w);
    walls = new Tensor(data, [kernelWalls.length, 2, 2]);
  }
  return { walls, wallRow, others, spatialIndex: spatialIndex !== false };
}

/**
 * The two objects at the ends of each segment of every path (segment j of a
 * path: candidate[j - 1] and candidate[j], when they exist), as rows of the
 * wall table (-1: none, or not a kernel wall), repeated for `pathCount` paths.
 */
function segmentExclusions(candidate: readonly number[], wallRow: Int32Array, pathCount: number): Int32Array {
  const segments = candidate.length + 1;
  const exclude = new Int32Array(2 * segments * pathCount);
  for (let j = 0; j < segments; j++) {
    exclude[2 * j] = j > 0 ? wallRow[candidate[j - 1]!]! : -1;
    exclude[2 * j + 1] = j < candidate.length ? wallRow[candidate[j]!]! : -1;
  }
  for (let t = 1; t < pathCount; t++) exclude.copyWithin(2 * segments * t, 0, 2 * segments);
  return exclude;
}

// The segments of [N, P, 2] path points as the kernels read them: starts and
// ends [N (P - 1), 2] (row i (P - 1) + j: segment j of path i), in one pass
// and one tape record instead of two strided slices and two reshapes.
const segmentsPrimitive = definePrimitive<void>({
  name: 'tracer.pathSegments',
  forward([points]) {
    const p = points!.data;
    const perPath = points!.shape[points!.ndim - 2]!;
    const count = perPath === 0 ? 0 : points!.size / (2 * perPath);
    const segments = perPath - 1;
    const starts = new Float64Array(2 * count * segments);
    const ends = new Float64Array(2 * count * segments);
    for (let i = 0; i < count; i++) {
      const from = 2 * i * perPath;
      const to = 2 * i * segments;
      for (let e = 0; e < 2 * segments; e++) {
        starts[to + e] = p[from + e]!;
        ends[to + e] = p[from + 2 + e]!;
      }
    }
    const shape = [count * segments, 2];
    return [new Tensor(starts, shape), new Tensor(ends, shape)];
  },
  // Inner points start one segment and end the previous one: both cotangents add up.
  backward([gStarts, gEnds], [points]) {
    const perPath = points!.shape[points!.ndim - 2]!;
    const count = perPath === 0 ? 0 : points!.size / (2 * perPath);
    const segments = perPath - 1;
    const gPoints = new Float64Array(points!.size);
    for (let i = 0; i < count; i++) {
      const to = 2 * i * perPath;
      const from = 2 * i * segments;
      for (let e = 0; e < 2 * segments; e++) {
        if (gStarts !== null) gPoints[to + e] = gPoints[to + e]! + gStarts[from + e]!;
        if (gEnds !== null) gPoints[to + 2 + e] = gPoints[to + 2 + e]! + gEnds[from + e]!;
      }
    }
    return [gPoints];
  },
});

/** Whether object `o` is at an end of segment j of the candidate's paths. */
function endsSegment(candidate: readonly number[], j: number, o: number): boolean {
  return (j > 0 && candidate[j - 1] === o) || (j < candidate.length && candidate[j] === o);
}

/**
 * The hard test, on the paths whose `active` flag is set (all when null):
 * 1 where no segment is blocked, 0 where one is. Inactive paths (already
 * invalid for another reason) are not tested and get 1. No gradient.
 *
 * Segment by segment: segment j is only tested for the paths whose segments
 * before it are clear (an early exit per path), and the fused kernel stops
 * at the first wall blocking a segment. With enough walls (and
 * `obstacles.spatialIndex`), the walls are tested through a grid built once
 * per obstacles: only those near each segment, with the same answers.
 *
 * @internal
 * @example
 * ```ts
 * unobstructedHard(pathsLayout('op', points), walls, [0], 0.005, null, obstaclesOf(walls, false, null)); // Float64Array [1]
 * ```
 */
export function unobstructedHard(
  layout: PathsLayout,
  objects: readonly Interactable[],
  candidate: readonly number[],
  tolerance: number,
  active: Uint8Array | null,
  obstacles: Obstacles,
): Float64Array {
  const count = layout.count;
  const result = new Float64Array(count).fill(1);
  if (obstacles.walls === null && obstacles.others.length === 0) return result;
  // The paths still clear, as indices; shrinks after each segment.
  let clear = new Int32Array(count);
  let clearCount = 0;
  for (let i = 0; i < count; i++) if (active === null || active[i] !== 0) clear[clearCount++] = i;
  const segments = candidate.length + 1;
  const pathStride = 2 * (segments + 1);
  const p = layout.points.data;
  const grid = wallGridOf(obstacles, tolerance);
  for (let j = 0; j < segments && clearCount > 0; j++) {
    const starts = new Float64Array(2 * clearCount);
    const ends = new Float64Array(2 * clearCount);
    for (let t = 0; t < clearCount; t++) {
      const at = clear[t]! * pathStride + 2 * j;
      starts[2 * t] = p[at]!;
      starts[2 * t + 1] = p[at + 1]!;
      ends[2 * t] = p[at + 2]!;
      ends[2 * t + 1] = p[at + 3]!;
    }
    const startTensor = new Tensor(starts, [clearCount, 2]);
    const endTensor = new Tensor(ends, [clearCount, 2]);
    const blocked = new Uint8Array(clearCount);
    if (grid !== null) {
      const first = j > 0 ? obstacles.wallRow[candidate[j - 1]!]! : -1;
      const second = j < candidate.length ? obstacles.wallRow[candidate[j]!]! : -1;
      for (let t = 0; t < clearCount; t++) {
        // The numbers of segmentsBlocked: start, and end - start.
        const px = starts[2 * t]!;
        const py = starts[2 * t + 1]!;
        if (grid.blocks(px, py, ends[2 * t]! - px, ends[2 * t + 1]! - py, first, second)) blocked[t] = 1;
      }
    } else if (obstacles.walls !== null) {
      const exclude = new Int32Array(2 * clearCount);
      const first = j > 0 ? obstacles.wallRow[candidate[j - 1]!]! : -1;
      const second = j < candidate.length ? obstacles.wallRow[candidate[j]!]! : -1;
      for (let t = 0; t < clearCount; t++) {
        exclude[2 * t] = first;
        exclude[2 * t + 1] = second;
      }
      const crossing = noGrad(() => segmentsBlocked(startTensor, endTensor, obstacles.walls!, { exclude, tolerance, spatialIndex: false })).data;
      for (let t = 0; t < clearCount; t++) if (crossing[t] !== 0) blocked[t] = 1;
    }
    for (const o of obstacles.others) {
      if (endsSegment(candidate, j, o)) continue;
      const crossing = noGrad(() => objects[o]!.intersects(startTensor, endTensor, { approx: false, tolerance })).data;
      for (let t = 0; t < clearCount; t++) if (crossing[t] !== 0) blocked[t] = 1;
    }
    const stillClear = new Int32Array(clearCount);
    let stillClearCount = 0;
    for (let t = 0; t < clearCount; t++) {
      if (blocked[t] === 0) stillClear[stillClearCount++] = clear[t]!;
      else result[clear[t]!] = 0;
    }
    clear = stillClear;
    clearCount = stillClearCount;
  }
  return result;
}

/**
 * The smoothed test: `1 - max` over segments and objects of the smoothed
 * crossings, differentiable w.r.t. the points and the objects.
 *
 * @internal
 * @example
 * ```ts
 * const approx = resolveApprox({ approx: true });
 * unobstructedSmooth(pathsLayout('op', points), walls, [0], 0.005, approx, obstaclesOf(walls, true, approx)).item(); // 1
 * ```
 */
export function unobstructedSmooth(
  layout: PathsLayout,
  objects: readonly Interactable[],
  candidate: readonly number[],
  tolerance: number,
  approx: ResolvedApprox,
  obstacles: Obstacles,
): Tensor {
  if (obstacles.walls === null && obstacles.others.length === 0) return ones(layout.batch);
  const segments = candidate.length + 1;
  const count = layout.count;
  const segmentCount = segments * count;
  const [starts, ends] = segmentsPrimitive.apply([layout.points], undefined) as [Tensor, Tensor];
  let crossing: Tensor | null = null;
  if (obstacles.walls !== null) {
    const exclude = segmentExclusions(candidate, obstacles.wallRow, count);
    // obstaclesOf sends walls to the kernel only with a built-in activation.
    const activation = approx.activation as 'hardSigmoid' | 'sigmoid';
    crossing = segmentsIntersectSmooth(starts, ends, obstacles.walls, { exclude, tolerance, alpha: approx.alpha, activation });
  }
  for (const o of obstacles.others) {
    let value = objects[o]!.intersects(starts, ends, { ...approx, tolerance });
    if (candidate.includes(o)) {
      const excluded = new Float64Array(segmentCount);
      for (let j = 0; j < segments; j++) {
        if (!endsSegment(candidate, j, o)) continue;
        for (let i = 0; i < count; i++) excluded[segments * i + j] = 1;
      }
      value = where(new Tensor(excluded, [segmentCount]), 0, value);
    }
    crossing = crossing === null ? value : maximum(crossing, value);
  }
  const blocked = max(reshape(crossing!, [count, segments]), -1);
  return sub(1, layout.batch.length === 1 ? blocked : reshape(blocked, layout.batch));
}

/**
 * Whether no segment of the paths is blocked: segment j goes from point j to
 * point j + 1, and every ray-blocking object of the scene (`blocksRays`) is
 * tested against it, except the objects at its two ends (candidate[j - 1]
 * and candidate[j], when they exist). Objects left out of the candidates by
 * a filter still block. A crossing counts when both its parametric
 * coordinates (along the segment, along the object) are within
 * `[-tolerance, 1 + tolerance]`.
 *
 * Walls (and RIS) are tested by the fused geometry kernels, many segments
 * and walls in one loop: `segmentsBlocked` (exact, stopping at the first
 * blocking wall) or `segmentsIntersectSmooth` (under approximation); other
 * object types by their own `intersects`. The exact test indexes the walls
 * in a uniform grid (`SegmentGrid`) when there are at least
 * `SPATIAL_INDEX_MIN_WALLS` of them, unless `spatialIndex` is false: only the
 * walls near each segment are tested, with the same answers. Exact: 0/1, no
 * gradient.
 * Approximated: `1 - max` of the smoothed crossings (DiffeRT2d's `not any`),
 * differentiable w.r.t. the points and the objects.
 *
 * @param points - `[..., K + 2, 2]`: TX, the K interaction points, RX (metres).
 * @param objects - the scene's objects (all of them: any may block).
 * @param candidate - the K indices into `objects` the paths interact with, in order.
 * @param options - `tolerance` (default 0.005), `spatialIndex` (default
 *   true) and smoothing.
 * @returns `[...]`: 1 when no segment is blocked, else 0 (or in [0, 1] smoothed).
 * @throws Error naming the function for a bad shape, an object that is not
 *   interactable, a candidate index out of range, a bad tolerance, or a
 *   `spatialIndex` that is not a boolean.
 * @example
 * ```ts
 * const floor = new Wall([[0, 0], [1, 0]]);
 * const screen = new Wall([[0.3, 0.1], [0.3, 2]]);
 * pathUnobstructed([[[0, 1], [0.5, 0], [1, 1]]], [floor, screen], [0]).toArray(); // [0]
 * pathUnobstructed([[[0, 1], [0.5, 0], [1, 1]]], [floor], [0]).toArray(); // [1]
 * ```
 */
export function pathUnobstructed(
  points: TensorLike,
  objects: readonly Interactable[],
  candidate: readonly number[],
  options: UnobstructedOptions = {},
): Tensor {
  const op = 'pathUnobstructed';
  const layout = pathsLayout(op, points);
  const checkedList = checkedObjects(op, 'objects', objects);
  checkCandidate(op, candidate, checkedList.length, layout.interactions);
  const tolerance = options.tolerance ?? DEFAULT_INTERSECT_TOLERANCE;
  if (!(typeof tolerance === 'number' && Number.isFinite(tolerance))) {
    throw new Error(`${op}: tolerance must be a finite number, got ${String(tolerance)}`);
  }
  const approx = resolveApprox(options, op);
  if (approx.approx) return unobstructedSmooth(layout, checkedList, candidate, tolerance, approx, obstaclesOf(checkedList, true, approx, options.spatialIndex, op));
  const clear = unobstructedHard(layout, checkedList, candidate, tolerance, null, obstaclesOf(checkedList, false, null, options.spatialIndex, op));
  return new Tensor(clear, [...layout.batch]);
}
