/**
 * The fused kernel of power maps with the image method and exact validity:
 * one plain loop over the grid points per path candidate, with early exits,
 * that gives the same numbers, bit for bit, as `totalReceivedPower` of
 * `@differt2d/tracer` (the same floating-point operations in the same order:
 * the image method of `imagePathPoints`, the containment test of
 * `interactionPointsOnObjects`, the loss of `interactionLosses`, the blocking
 * test of `segmentsBlocked`, the length of `pathLength`, the power of
 * `receivedPower`), without building tensors.
 *
 * Why: on the basic scene's 300 x 300 map of order <= 1 the tensor pipeline
 * spends its time in array passes, allocations and index maps (~230 ms);
 * this loop does the same work in a few tens of milliseconds. Exact validity
 * is a step function, so no gradient is lost: maps with a gradient or with
 * smoothed validity go through the differentiable tracer.
 *
 * @module
 */
import { Wall, type Interactable, type SegmentGrid } from '@differt2d/geometry';
import { DEFAULT_INTERSECT_TOLERANCE, DEFAULT_LOSS_TOLERANCE } from '@differt2d/tracer';
import { blockersNear } from './blockerCulling.js';

/** Below this a sum of two squares may have underflowed (as `laneNorm` and `vectorLength`). */
const TINY_SUM_OF_SQUARES = 1e-280;

/** Numbers per object in `ImageKernelScene.containment`. */
const CONTAINMENT_SIZE = 6;

/** No blocker rows (a family of segments tested through the grid needs no list). */
const NO_ROWS = new Int32Array(0);

/**
 * With a grid, the blocking walls are culled per kind of segment
 * (`blockersNear`, a pass over every wall) only below this many walls; above,
 * every kind goes through the grid.
 */
const CULL_MAX_BLOCKERS = 512;

/**
 * A kind of segment whose culled list holds at least this many walls goes
 * through the grid; a shorter list is scanned (last blocking wall first),
 * which costs less than a walk through the cells.
 */
const GRID_MIN_CULLED = 64;

/**
 * A scene's walls, laid out for the kernel.
 *
 * @example
 * ```ts
 * const kernelScene: ImageKernelScene | null = imageKernelSceneOf(basicScene().objects);
 * kernelScene?.blockerCount; // 7
 * ```
 */
export interface ImageKernelScene {
  /** Number of objects of the scene (candidates index them). */
  readonly objectCount: number;
  /** Per object, 4 numbers: origin x, y and the unit normal x, y as the image method computes it. */
  readonly imageFrames: Float64Array;
  /** Per object, 2 numbers: the unit normal x, y as the interaction-loss kernel computes it. */
  readonly lossNormals: Float64Array;
  /**
   * Per object, 6 numbers: origin x, y, direction t x, y, `t . t`, and the
   * numerator below which `s = num / (t . t)` must be divided to be decided
   * (NaN: always divide), see `parameterOnWall`.
   */
  readonly containment: Float64Array;
  /** Per blocking wall, 4 numbers: origin x, y, direction t x, y (the blocking test). */
  readonly blockers: Float64Array;
  /** Number of blocking walls. */
  readonly blockerCount: number;
  /** Per object, its row in `blockers`, or -1. */
  readonly blockerRow: Int32Array;
}

/** The length of a 2-vector as `vectorLength` of `@differt2d/geometry` computes it (the interaction loss). */
function vectorLength(x: number, y: number): number {
  const sumOfSquares = x * x + y * y;
  if (sumOfSquares < Infinity && !(sumOfSquares < TINY_SUM_OF_SQUARES)) return Math.sqrt(sumOfSquares);
  return Math.hypot(x, y);
}

/** The length of a 2-vector as `laneNorm` of `@differt2d/autodiff` computes it (`norm`, the path length). */
function laneLength(x: number, y: number): number {
  const sumOfSquares = x * x + y * y;
  if (sumOfSquares < Infinity && !(sumOfSquares < TINY_SUM_OF_SQUARES)) return Math.sqrt(sumOfSquares);
  if (sumOfSquares !== sumOfSquares) return NaN;
  const largest = Math.max(Math.abs(x), Math.abs(y));
  if (largest === 0 || largest === Infinity) return largest;
  const sx = x / largest;
  const sy = y / largest;
  return largest * Math.sqrt(sx * sx + sy * sy);
}

/**
 * Whether `s = numerator / tt` (tt = t . t > 0) lies in [0, 1], as the
 * containment test computes it, mostly without the division: for a normal
 * `tt`, `fl(num / tt) <= 1` exactly when `num <= tt` (division is monotonic,
 * and the quotient of the next double above `tt` exceeds 1 by more than half
 * an ulp of 1), and `fl(num / tt) >= 0` when `num >= 0`; a negative
 * numerator passes only when its quotient underflows to -0, which needs
 * `|num| < tt 2^-1000` (`tiny`): only then is the division done.
 *
 * @param tiny - `tt * 2^-1000` for `tt` in [2^-1000, 2^1000], else NaN (always divide).
 * @example
 * ```ts
 * parameterOnWall(0.5, 2, 2 * 2 ** -1000); // true: s = 0.25
 * parameterOnWall(-5e-324, 4, 4 * 2 ** -1000); // true: s = -5e-324 / 4 underflows to -0, and -0 >= 0
 * ```
 */
export function parameterOnWall(numerator: number, tt: number, tiny: number): boolean {
  if (tiny !== tiny) {
    const s = numerator / tt;
    return s >= 0 && s <= 1;
  }
  if (numerator >= 0) return numerator <= tt;
  return numerator > -tiny && numerator / tt === 0;
}

/** A plain wall, whose image, containment and blocking tests are exactly `Wall`'s. */
function isPlainWall(object: Interactable): object is Wall {
  return (
    object instanceof Wall &&
    object.kind === 'wall' &&
    object.contains === Wall.prototype.contains &&
    object.cartesianToParametric === Wall.prototype.cartesianToParametric &&
    object.intersects === Wall.prototype.intersects
  );
}

/**
 * The scene laid out for the kernel, or `null` when the kernel cannot trace
 * it exactly as the tracer would: some object that may appear in a
 * candidate (`allowed`) is not a plain specular wall, or some ray-blocking
 * object is tested by its own `intersects` rather than the wall kernel.
 *
 * @param allowed - whether object `index` may appear in candidates (default: all).
 * @example
 * ```ts
 * imageKernelSceneOf(basicScene().objects)?.objectCount; // 7
 * imageKernelSceneOf([new RIS([[0, 0], [1, 0]])]); // null: the image method does not trace a RIS
 * ```
 */
export function imageKernelSceneOf(objects: readonly Interactable[], allowed: (index: number) => boolean = () => true): ImageKernelScene | null {
  const count = objects.length;
  const imageFrames = new Float64Array(4 * count);
  const lossNormals = new Float64Array(2 * count);
  const containment = new Float64Array(CONTAINMENT_SIZE * count);
  const blockerRow = new Int32Array(count).fill(-1);
  const blockerList: number[] = [];
  for (let o = 0; o < count; o++) {
    const object = objects[o]!;
    if (allowed(o) && !isPlainWall(object)) return null;
    if (object.blocksRays) {
      if (!(object instanceof Wall) || object.intersects !== Wall.prototype.intersects) return null;
      blockerRow[o] = blockerList.length / 4;
      const xys = object.xys.data;
      blockerList.push(xys[0]!, xys[1]!, xys[2]! - xys[0]!, xys[3]! - xys[1]!);
    }
    if (!(object instanceof Wall)) continue;
    const xys = object.xys.data;
    const ox = xys[0]!;
    const oy = xys[1]!;
    const tx = xys[2]! - ox;
    const ty = xys[3]! - oy;
    // imagePathPoints: |t| by Math.sqrt, n = (t.y, -t.x) / |t|.
    const imageLength = Math.sqrt(tx * tx + ty * ty);
    imageFrames[4 * o] = ox;
    imageFrames[4 * o + 1] = oy;
    imageFrames[4 * o + 2] = imageLength === 0 ? 0 : ty / imageLength;
    imageFrames[4 * o + 3] = imageLength === 0 ? 0 : -tx / imageLength;
    // interactionLosses (wallFrames): |t| by vectorLength(t.y, t.x).
    const lossLength = vectorLength(ty, tx);
    if (lossLength !== 0) {
      lossNormals[2 * o] = ty / lossLength;
      lossNormals[2 * o + 1] = -tx / lossLength;
    }
    // interactionPointsOnObjects: s = ((p - origin) . t) / (t . t), with t = direction.
    const direction = object.direction.data;
    const tt = direction[0]! * direction[0]! + direction[1]! * direction[1]!;
    const c = CONTAINMENT_SIZE * o;
    containment[c] = object.origin.data[0]!;
    containment[c + 1] = object.origin.data[1]!;
    containment[c + 2] = direction[0]!;
    containment[c + 3] = direction[1]!;
    containment[c + 4] = tt;
    containment[c + 5] = tt >= 2 ** -1000 && tt <= 2 ** 1000 ? tt * 2 ** -1000 : NaN;
  }
  return {
    objectCount: count,
    imageFrames,
    lossNormals,
    containment,
    blockers: Float64Array.from(blockerList),
    blockerCount: blockerList.length / 4,
    blockerRow,
  };
}

/**
 * Options of {@link accumulateImagePower}, resolved.
 *
 * @example
 * ```ts
 * const settings: ImageKernelSettings = { lossTolerance: 1e-2, intersectTolerance: 0.005, rCoef: 0.5, h: 0.1 };
 * ```
 */
export interface ImageKernelSettings {
  /** A path is valid when its loss is below this. */
  readonly lossTolerance: number;
  /** Tolerance on both parametric coordinates of a blocking crossing. */
  readonly intersectTolerance: number;
  /** Reflection coefficient per interaction. */
  readonly rCoef: number;
  /** TX height of the power model. */
  readonly h: number;
}

/**
 * The kernel settings of tracer options (their defaults filled in).
 *
 * @example
 * ```ts
 * imageKernelSettingsOf({}).rCoef; // 0.5
 * ```
 */
export function imageKernelSettingsOf(options: { lossTolerance?: number; intersectTolerance?: number; rCoef?: number; h?: number }): ImageKernelSettings {
  return {
    lossTolerance: options.lossTolerance ?? DEFAULT_LOSS_TOLERANCE,
    intersectTolerance: options.intersectTolerance ?? DEFAULT_INTERSECT_TOLERANCE,
    rCoef: options.rCoef ?? 0.5,
    h: options.h ?? 0.1,
  };
}

/**
 * Whether the segment (sx, sy) + (rx, ry) crosses blocking wall row `w`: the
 * test of `segmentsBlocked` (the same values compared the same way), with
 * early exits. Not geometry's `segmentCrossesWall` (the same booleans,
 * branch-free): in this loop that one made the basic 300 x 300 map twice as
 * slow (measured 35 against 16 ms).
 */
function crossesBlocker(sx: number, sy: number, rx: number, ry: number, blockers: Float64Array, w: number, low: number, high: number): boolean {
  const k = 4 * w;
  const tx = blockers[k + 2]!;
  const ty = blockers[k + 3]!;
  const d = rx * ty - ry * tx;
  const wx = blockers[k]! - sx;
  const wy = blockers[k + 1]! - sy;
  const alongSegment = wx * ty - wy * tx;
  if (d > 0) {
    if (!(alongSegment >= low * d && alongSegment <= high * d)) return false;
    const alongWall = wx * ry - wy * rx;
    return alongWall >= low * d && alongWall <= high * d;
  }
  if (d < 0) {
    if (!(alongSegment <= low * d && alongSegment >= high * d)) return false;
    const alongWall = wx * ry - wy * rx;
    return alongWall <= low * d && alongWall >= high * d;
  }
  return false;
}

/**
 * Loss of the specular reflection at b of a -> b -> c on a wall of normal
 * (nx, ny), given i = b - a, r = c - b and their lengths: `interactionLosses`,
 * verbatim.
 */
function reflectionLoss(ix: number, iy: number, li: number, rx: number, ry: number, lr: number, nx: number, ny: number): number {
  if (li === 0) ix = iy = 0;
  else {
    ix /= li;
    iy /= li;
  }
  if (lr === 0) rx = ry = 0;
  else {
    rx /= lr;
    ry /= lr;
  }
  const twiceAlong = 2 * (ix * nx + iy * ny);
  const ex = rx - ix + twiceAlong * nx;
  const ey = ry - iy + twiceAlong * ny;
  return ex * ex + ey * ey;
}

/**
 * Add, for one path candidate, the received power of its valid paths to
 * `out`: for each point i of `moving` (`[N * 2]`), the path between the
 * fixed point and that point (the moving point is the receiver when
 * `movingIs` is `'rx'`, the transmitter when `'tx'`); when it is valid
 * (every point on its wall, no segment blocked by a wall other than those at
 * its ends, loss below the tolerance), `out[i] += power`.
 *
 * Early exits: a path stops at its first point off its wall, then at its
 * first blocked segment (a wall found blocking moves to the front of that
 * segment's test order: neighbouring points are blocked by the same wall),
 * then at a loss above the tolerance (the costliest test, and the one that
 * rejects the fewest paths: on the basic scene's 300 x 300 map of order
 * <= 1, 495k of the 720k paths are on their walls, 192k of those are not
 * blocked, and the loss rejects ~1%). With a fixed transmitter, its images
 * are computed once per candidate. Line of sight and single reflections
 * (most candidates of a map) run a loop with every value in a local.
 *
 * Only the blocking walls that may block some segment of a kind (from the
 * fixed point, a wall or the box of the moving points, to the next) are
 * tested: see `blockersNear`. With `blockerIndex` (a `SegmentGrid` over
 * `scene.blockers`, built with the settings' `intersectTolerance`), the
 * kinds with many such walls are tested through the grid instead, only
 * against the walls near each segment, and in scenes of 512 walls or more
 * every kind is (culling would cost a pass over every wall per candidate):
 * the same answers. The last wall found blocking a kind is tried first.
 *
 * @param candidate - object indices, each a plain wall of `scene`.
 * @param movingBox - the four corners `[x, y] x 4` of a box holding every
 *   moving point (default: their bounding box); a box that misses some
 *   point gives wrong numbers.
 * @param blockerIndex - a grid over the scene's blocking walls (rows of
 *   `scene.blockers`, tolerance `settings.intersectTolerance`), or null (scan).
 * @example
 * ```ts
 * const out = new Float64Array(2);
 * accumulateImagePower(kernelScene, [0], 0.1, 0.1, 'rx', Float64Array.of(0.3, 0.2, 0.6, 0.1), imageKernelSettingsOf({}), out);
 * ```
 */
export function accumulateImagePower(
  scene: ImageKernelScene,
  candidate: readonly number[],
  fixedX: number,
  fixedY: number,
  movingIs: 'rx' | 'tx',
  moving: Float64Array,
  settings: ImageKernelSettings,
  out: Float64Array,
  movingBox: readonly number[] = boxCorners(moving),
  blockerIndex: SegmentGrid | null = null,
): void {
  const count = out.length;
  const order = candidate.length;
  if (blockerIndex !== null && (blockerIndex.wallCount !== scene.blockerCount || blockerIndex.tolerance !== settings.intersectTolerance)) {
    throw new Error(
      `accumulateImagePower: blockerIndex must index the scene's ${scene.blockerCount} blocking walls with tolerance ${settings.intersectTolerance}, ` +
        `got ${blockerIndex.wallCount} walls with tolerance ${blockerIndex.tolerance}`,
    );
  }
  if (order <= 1) {
    if (order === 0) accumulateLineOfSight(scene, fixedX, fixedY, movingIs === 'rx', moving, settings, out, movingBox, blockerIndex);
    else accumulateSingleReflections(scene, candidate[0]!, fixedX, fixedY, movingIs === 'rx', moving, settings, out, movingBox, blockerIndex);
    return;
  }
  const imageFrames = scene.imageFrames;
  const lossNormals = scene.lossNormals;
  const containment = scene.containment;
  const blockers = scene.blockers;
  const low = -settings.intersectTolerance;
  const high = 1 + settings.intersectTolerance;
  const lossTolerance = settings.lossTolerance;
  const numerator = Math.pow(settings.rCoef, order);
  const hh = settings.h * settings.h;
  const walls = Int32Array.from(candidate);
  const txFixed = movingIs === 'rx';
  const fixedPoint = [fixedX, fixedY];
  // Per segment j: the blocker rows to test (those that may block it, but
  // those at its ends), or the grid.
  const orders: Int32Array[] = [];
  const skips = new Int32Array(2 * (order + 1));
  const throughGrid = new Uint8Array(order + 1);
  const lastBlocker = new Int32Array(order + 1).fill(-1);
  for (let j = 0; j <= order; j++) {
    const start = j === 0 ? (txFixed ? fixedPoint : movingBox) : wallEnds(scene, walls[j - 1]!);
    const end = j === order ? (txFixed ? movingBox : fixedPoint) : wallEnds(scene, walls[j]!);
    const skip0 = j > 0 ? scene.blockerRow[walls[j - 1]!]! : -1;
    const skip1 = j < order ? scene.blockerRow[walls[j]!]! : -1;
    skips[2 * j] = skip0;
    skips[2 * j + 1] = skip1;
    const blocking = blockingTestOf(scene, start, end, settings.intersectTolerance, skip0, skip1, blockerIndex);
    orders.push(blocking.rows);
    throughGrid[j] = blocking.throughGrid ? 1 : 0;
  }
  const points = new Float64Array(2 * (order + 2));
  const images = new Float64Array(2 * order);
  // Segment vectors, and their lengths as the loss and the path length compute them.
  const segmentX = new Float64Array(order + 1);
  const segmentY = new Float64Array(order + 1);
  const lossLengths = new Float64Array(order + 1);
  const laneLengths = new Float64Array(order + 1);
  // A fixed transmitter's images are the same for every point.
  if (txFixed) writeImages(imageFrames, walls, fixedX, fixedY, images);
  const last = 2 * (order + 1);
  // Read in the loop from a typed array, not from the parameters: see the
  // note on the loops of line of sight and single reflections (boxing).
  const fixedXY = Float64Array.of(fixedX, fixedY);
  for (let i = 0; i < count; i++) {
    const mx = moving[2 * i]!;
    const my = moving[2 * i + 1]!;
    const txX = txFixed ? fixedXY[0]! : mx;
    const txY = txFixed ? fixedXY[1]! : my;
    if (!txFixed) writeImages(imageFrames, walls, txX, txY, images);
    points[0] = txX;
    points[1] = txY;
    let px = txFixed ? mx : fixedXY[0]!;
    let py = txFixed ? my : fixedXY[1]!;
    points[last] = px;
    points[last + 1] = py;
    // From the receiver back, each point where the line to the matching
    // image meets its wall; stop at the first off its wall.
    let onWalls = true;
    for (let k = order - 1; k >= 0; k--) {
      const f = 4 * walls[k]!;
      const nx = imageFrames[f + 2]!;
      const ny = imageFrames[f + 3]!;
      const ux = px - images[2 * k]!;
      const uy = py - images[2 * k + 1]!;
      const un = ux * nx + uy * ny;
      if (un !== 0) {
        const tau = ((imageFrames[f]! - px) * nx + (imageFrames[f + 1]! - py) * ny) / un;
        if (tau - tau === 0) {
          px += tau * ux;
          py += tau * uy;
        }
      }
      const c = CONTAINMENT_SIZE * walls[k]!;
      const along = (px - containment[c]!) * containment[c + 2]! + (py - containment[c + 1]!) * containment[c + 3]!;
      if (!parameterOnWall(along, containment[c + 4]!, containment[c + 5]!)) {
        onWalls = false;
        break;
      }
      points[2 * (k + 1)] = px;
      points[2 * (k + 1) + 1] = py;
    }
    if (!onWalls) continue;
    // Blocking, segment by segment.
    let blocked = false;
    for (let j = 0; j <= order && !blocked; j++) {
      const sx = points[2 * j]!;
      const sy = points[2 * j + 1]!;
      const rx = points[2 * j + 2]! - sx;
      const ry = points[2 * j + 3]! - sy;
      segmentX[j] = rx;
      segmentY[j] = ry;
      blocked =
        throughGrid[j] !== 0
          ? gridSegmentBlocked(sx, sy, rx, ry, blockers, blockerIndex!, skips[2 * j]!, skips[2 * j + 1]!, lastBlocker, j, low, high)
          : segmentBlocked(sx, sy, rx, ry, blockers, orders[j]!, low, high);
    }
    if (blocked) continue;
    // Segment lengths: one square root where both length functions agree.
    for (let j = 0; j <= order; j++) {
      const rx = segmentX[j]!;
      const ry = segmentY[j]!;
      const sumOfSquares = rx * rx + ry * ry;
      if (sumOfSquares < Infinity && !(sumOfSquares < TINY_SUM_OF_SQUARES)) {
        lossLengths[j] = laneLengths[j] = Math.sqrt(sumOfSquares);
      } else {
        lossLengths[j] = vectorLength(rx, ry);
        laneLengths[j] = laneLength(rx, ry);
      }
    }
    if (order > 0) {
      let loss = 0;
      for (let k = 0; k < order; k++) {
        const n = 2 * walls[k]!;
        const term = reflectionLoss(
          segmentX[k]!,
          segmentY[k]!,
          lossLengths[k]!,
          segmentX[k + 1]!,
          segmentY[k + 1]!,
          lossLengths[k + 1]!,
          lossNormals[n]!,
          lossNormals[n + 1]!,
        );
        loss = k === 0 ? term : loss + term;
      }
      if (!(loss < lossTolerance)) continue;
    }
    let length = 0;
    for (let j = 0; j <= order; j++) length += laneLengths[j]!;
    out[i] += numerator / (hh + length * length);
  }
}

/** The two end points `[x0, y0, x1, y1]` of object `index` as its containment test sees it (origin, origin + direction). */
function wallEnds(scene: ImageKernelScene, index: number): number[] {
  const c = CONTAINMENT_SIZE * index;
  const ox = scene.containment[c]!;
  const oy = scene.containment[c + 1]!;
  return [ox, oy, ox + scene.containment[c + 2]!, oy + scene.containment[c + 3]!];
}

/** The four corners `[x, y] x 4` of the bounding box of points `[N * 2]`. */
function boxCorners(points: Float64Array): number[] {
  let xmin = Infinity;
  let ymin = Infinity;
  let xmax = -Infinity;
  let ymax = -Infinity;
  for (let i = 0; i < points.length; i += 2) {
    const x = points[i]!;
    const y = points[i + 1]!;
    if (x < xmin) xmin = x;
    if (x > xmax) xmax = x;
    if (y < ymin) ymin = y;
    if (y > ymax) ymax = y;
  }
  return [xmin, ymin, xmax, ymin, xmax, ymax, xmin, ymax];
}

/**
 * Whether the segment (sx, sy) + (rx, ry) crosses one of the blocker rows
 * of `order`: those that may block its family of segments
 * (`blockersNear`), less those at its ends. A row that blocks moves to the
 * front, so that it is tried first next time (neighbouring grid points are
 * blocked by the same wall); the order of the tests never changes the
 * answer.
 */
function segmentBlocked(sx: number, sy: number, rx: number, ry: number, blockers: Float64Array, order: Int32Array, low: number, high: number): boolean {
  for (let k = 0; k < order.length; k++) {
    const w = order[k]!;
    if (crossesBlocker(sx, sy, rx, ry, blockers, w, low, high)) {
      if (k > 0) {
        order[k] = order[0]!;
        order[0] = w;
      }
      return true;
    }
  }
  return false;
}

/**
 * Whether the segment (sx, sy) + (rx, ry) is blocked by a wall other than
 * rows `skip0` and `skip1`, through the grid: the last wall found blocking
 * its kind (`last[slot]`) first, then the walls near the segment. The same
 * answer as a scan of every wall (the grid's walk gives the scan's boolean).
 */
function gridSegmentBlocked(
  sx: number,
  sy: number,
  rx: number,
  ry: number,
  blockers: Float64Array,
  grid: SegmentGrid,
  skip0: number,
  skip1: number,
  last: Int32Array,
  slot: number,
  low: number,
  high: number,
): boolean {
  const remembered = last[slot]!;
  if (remembered >= 0 && crossesBlocker(sx, sy, rx, ry, blockers, remembered, low, high)) return true;
  const found = grid.blockingWall(sx, sy, rx, ry, skip0, skip1);
  if (found < 0) return false;
  last[slot] = found;
  return true;
}

/**
 * The blocker rows (or the grid) that a family of segments, from the
 * region `startEnds` to the region `endEnds` (corners, `[x, y] x k`), is
 * tested against, less rows `skip0` and `skip1` (the walls at its ends):
 * `blockersNear` in small scenes, the grid in large ones or when the culled
 * list is long. `throughGrid` says which.
 */
function blockingTestOf(
  scene: ImageKernelScene,
  startEnds: readonly number[],
  endEnds: readonly number[],
  tolerance: number,
  skip0: number,
  skip1: number,
  blockerIndex: SegmentGrid | null,
): { readonly rows: Int32Array; readonly throughGrid: boolean } {
  const culled = blockerIndex === null || scene.blockerCount < CULL_MAX_BLOCKERS;
  const rows = culled ? blockersNear(scene.blockers, scene.blockerCount, [...startEnds, ...endEnds], tolerance, skip0, skip1) : NO_ROWS;
  return { rows, throughGrid: blockerIndex !== null && (!culled || rows.length >= GRID_MIN_CULLED) };
}

/*
 * The two loops below keep every value of a path in a local double. Two
 * habits keep V8 from boxing them into heap numbers (a heap number per path
 * costs ~8 ns and garbage; measured on the basic scene's map): the fixed
 * point is read from a typed array inside the loop (merged with a moving
 * point's coordinate, a plain parameter makes the merge boxed), and a value
 * that may come from a call in a rare branch is forced to a double with a
 * unary plus (V8 may not inline that call, and a boxed result would box the
 * common branch's value too). Line of sight and single reflections have a
 * loop each: smaller functions, each with one kind of path, compile better.
 */

/** {@link accumulateImagePower} for line of sight. */
function accumulateLineOfSight(
  scene: ImageKernelScene,
  fixedX: number,
  fixedY: number,
  txFixed: boolean,
  moving: Float64Array,
  settings: ImageKernelSettings,
  out: Float64Array,
  movingBox: readonly number[],
  blockerIndex: SegmentGrid | null,
): void {
  const count = out.length;
  const blockers = scene.blockers;
  const low = -settings.intersectTolerance;
  const high = 1 + settings.intersectTolerance;
  const hh = settings.h * settings.h;
  const fixedPoint = [fixedX, fixedY];
  const blocking = blockingTestOf(scene, txFixed ? fixedPoint : movingBox, txFixed ? movingBox : fixedPoint, settings.intersectTolerance, -1, -1, blockerIndex);
  const rows = blocking.rows;
  const throughGrid = blocking.throughGrid;
  const lastBlocker = Int32Array.of(-1);
  const fixedXY = Float64Array.of(fixedX, fixedY);
  for (let i = 0; i < count; i++) {
    const mx = moving[2 * i]!;
    const my = moving[2 * i + 1]!;
    const txX = txFixed ? fixedXY[0]! : mx;
    const txY = txFixed ? fixedXY[1]! : my;
    const rx = (txFixed ? mx : fixedXY[0]!) - txX;
    const ry = (txFixed ? my : fixedXY[1]!) - txY;
    if (
      throughGrid
        ? gridSegmentBlocked(txX, txY, rx, ry, blockers, blockerIndex!, -1, -1, lastBlocker, 0, low, high)
        : segmentBlocked(txX, txY, rx, ry, blockers, rows, low, high)
    ) {
      continue;
    }
    const length = +laneLength(rx, ry);
    out[i] += 1 / (hh + length * length);
  }
}

/** {@link accumulateImagePower} for single reflections on object `wall`. */
function accumulateSingleReflections(
  scene: ImageKernelScene,
  wall: number,
  fixedX: number,
  fixedY: number,
  txFixed: boolean,
  moving: Float64Array,
  settings: ImageKernelSettings,
  out: Float64Array,
  movingBox: readonly number[],
  blockerIndex: SegmentGrid | null,
): void {
  const count = out.length;
  const blockers = scene.blockers;
  const low = -settings.intersectTolerance;
  const high = 1 + settings.intersectTolerance;
  const numerator = settings.rCoef;
  const hh = settings.h * settings.h;
  const lossTolerance = settings.lossTolerance;
  // The wall's frames.
  const f = 4 * wall;
  const ox = scene.imageFrames[f]!;
  const oy = scene.imageFrames[f + 1]!;
  const nx = scene.imageFrames[f + 2]!;
  const ny = scene.imageFrames[f + 3]!;
  const c = CONTAINMENT_SIZE * wall;
  const cx = scene.containment[c]!;
  const cy = scene.containment[c + 1]!;
  const ctx = scene.containment[c + 2]!;
  const cty = scene.containment[c + 3]!;
  const tt = scene.containment[c + 4]!;
  const tiny = scene.containment[c + 5]!;
  const lnx = scene.lossNormals[2 * wall]!;
  const lny = scene.lossNormals[2 * wall + 1]!;
  const row = scene.blockerRow[wall]!;
  // The blockers that may block the segments from the transmitter to the
  // wall, and from the wall to the receiver (or the grid), remembering the
  // last blocking wall of each.
  const fixedPoint = [fixedX, fixedY];
  const ends = wallEnds(scene, wall);
  const tolerance = settings.intersectTolerance;
  const first = blockingTestOf(scene, txFixed ? fixedPoint : movingBox, ends, tolerance, row, -1, blockerIndex);
  const second = blockingTestOf(scene, ends, txFixed ? movingBox : fixedPoint, tolerance, row, -1, blockerIndex);
  const firstRows = first.rows;
  const secondRows = second.rows;
  const firstThroughGrid = first.throughGrid;
  const secondThroughGrid = second.throughGrid;
  const lastBlocker = Int32Array.of(-1, -1);
  const fixedXY = Float64Array.of(fixedX, fixedY);
  // The image of a fixed transmitter (imagePathPoints' arithmetic).
  let imageX = 0;
  let imageY = 0;
  if (txFixed) {
    const s = (fixedX - ox) * nx + (fixedY - oy) * ny;
    imageX = fixedX - 2 * s * nx;
    imageY = fixedY - 2 * s * ny;
  }
  for (let i = 0; i < count; i++) {
    const mx = moving[2 * i]!;
    const my = moving[2 * i + 1]!;
    const txX = txFixed ? fixedXY[0]! : mx;
    const txY = txFixed ? fixedXY[1]! : my;
    const rxX = txFixed ? mx : fixedXY[0]!;
    const rxY = txFixed ? my : fixedXY[1]!;
    if (!txFixed) {
      const s = (txX - ox) * nx + (txY - oy) * ny;
      imageX = txX - 2 * s * nx;
      imageY = txY - 2 * s * ny;
    }
    let px = rxX;
    let py = rxY;
    const ux = px - imageX;
    const uy = py - imageY;
    const un = ux * nx + uy * ny;
    if (un !== 0) {
      const tau = ((ox - px) * nx + (oy - py) * ny) / un;
      if (tau - tau === 0) {
        px += tau * ux;
        py += tau * uy;
      }
    }
    if (!parameterOnWall((px - cx) * ctx + (py - cy) * cty, tt, tiny)) continue;
    const r0x = px - txX;
    const r0y = py - txY;
    if (
      firstThroughGrid
        ? gridSegmentBlocked(txX, txY, r0x, r0y, blockers, blockerIndex!, row, -1, lastBlocker, 0, low, high)
        : segmentBlocked(txX, txY, r0x, r0y, blockers, firstRows, low, high)
    ) {
      continue;
    }
    const r1x = rxX - px;
    const r1y = rxY - py;
    if (
      secondThroughGrid
        ? gridSegmentBlocked(px, py, r1x, r1y, blockers, blockerIndex!, row, -1, lastBlocker, 1, low, high)
        : segmentBlocked(px, py, r1x, r1y, blockers, secondRows, low, high)
    ) {
      continue;
    }
    const squares0 = r0x * r0x + r0y * r0y;
    const squares1 = r1x * r1x + r1y * r1y;
    let length0 = 0;
    let length1 = 0;
    let loss = 0;
    if (squares0 < Infinity && !(squares0 < TINY_SUM_OF_SQUARES) && squares1 < Infinity && !(squares1 < TINY_SUM_OF_SQUARES)) {
      length0 = Math.sqrt(squares0);
      length1 = Math.sqrt(squares1);
      loss = +reflectionLoss(r0x, r0y, length0, r1x, r1y, length1, lnx, lny);
    } else {
      loss = +reflectionLoss(r0x, r0y, vectorLength(r0x, r0y), r1x, r1y, vectorLength(r1x, r1y), lnx, lny);
      length0 = +laneLength(r0x, r0y);
      length1 = +laneLength(r1x, r1y);
    }
    if (!(loss < lossTolerance)) continue;
    const length = length0 + length1;
    out[i] += numerator / (hh + length * length);
  }
}

/** The images of (x, y) through the walls in order, as `imagePathPoints` computes them. */
function writeImages(imageFrames: Float64Array, walls: Int32Array, x: number, y: number, images: Float64Array): void {
  let ix = x;
  let iy = y;
  for (let k = 0; k < walls.length; k++) {
    const f = 4 * walls[k]!;
    const nx = imageFrames[f + 2]!;
    const ny = imageFrames[f + 3]!;
    const s = (ix - imageFrames[f]!) * nx + (iy - imageFrames[f + 1]!) * ny;
    ix -= 2 * s * nx;
    iy -= 2 * s * ny;
    images[2 * k] = ix;
    images[2 * k + 1] = iy;
  }
}
