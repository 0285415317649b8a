/**
 * Path candidates pruned by visibility: those of `pathCandidates`, in the
 * same order, less the ones that provably hold no valid path from one
 * source point to a region.
 *
 * @module
 */
import { resolveApprox, type Interactable } from '@differt2d/geometry';
import { resolveValidityOptions, type ValidityOptions } from '../validity/validityOptions.js';
import { BeamSearch, type SearchEnds } from './beamSearch.js';
import { candidatePlan } from './candidatePlan.js';
import { inForwardOrder } from './forwardOrder.js';
import { pathCandidates, type CandidateOptions } from './pathCandidates.js';
import { visibilityScene } from './visibilityScene.js';

/**
 * Above this loss tolerance, exact validity may accept image paths that do
 * not reflect (a path through its wall has loss 4, one with a zero-length
 * segment loss 1): pruning, which follows reflections, is then off.
 *
 * @example
 * ```ts
 * tracePaths(tx, rx, walls, { lossTolerance: 1 }); // every candidate: 1 > MAX_PRUNED_LOSS_TOLERANCE
 * ```
 */
export const MAX_PRUNED_LOSS_TOLERANCE = 0.5;

/**
 * Coordinates whose size (the largest absolute coordinate of the walls, the
 * source and the region) is outside [1e-100, 1e100] metres are not pruned:
 * products of coordinates would underflow or overflow.
 */
const MIN_PRUNED_SCALE = 1e-100;
const MAX_PRUNED_SCALE = 1e100;

/**
 * Options of {@link visibleCandidates}: which candidates (as
 * `pathCandidates`, `prune` included), the validity test they will face
 * (exact validity only is pruned; `intersectTolerance` below 0 makes walls
 * hide nothing) and which end of the paths the source is.
 *
 * @example
 * ```ts
 * const options: VisibleCandidateOptions = { maxOrder: 2, sourceIs: 'rx' };
 * ```
 */
export interface VisibleCandidateOptions extends CandidateOptions, ValidityOptions {
  /**
   * `'tx'` (default): `source` is the transmitter and `region` holds the
   * receivers. `'rx'`: `source` is the receiver and `region` holds the
   * transmitters; the candidates are still given from the transmitter's end
   * and in `pathCandidates` order (paths are reversible).
   */
  sourceIs?: 'tx' | 'rx';
}

/**
 * An axis-aligned box `[[xmin, ymin], [xmax, ymax]]` (metres); a point is a
 * box with equal corners.
 *
 * @example
 * ```ts
 * const grid: CandidateRegion = [[0, 0], [1, 1]];
 * const receiver: CandidateRegion = [[0.3, 0.2], [0.3, 0.2]];
 * ```
 */
export type CandidateRegion = readonly [readonly [number, number], readonly [number, number]];

function finitePoint(op: string, name: string, value: unknown): [number, number] {
  const ok =
    value !== null &&
    typeof value === 'object' &&
    (value as ArrayLike<unknown>).length === 2 &&
    Number.isFinite((value as ArrayLike<unknown>)[0]) &&
    Number.isFinite((value as ArrayLike<unknown>)[1]);
  if (!ok) throw new Error(`${op}: ${name} must be [x, y] with finite coordinates, got ${JSON.stringify(value)}`);
  const point = value as ArrayLike<number>;
  return [point[0]!, point[1]!];
}

/**
 * Whether candidates for these options may be pruned: `prune` not false,
 * exact validity, and a loss tolerance that only lets reflecting image
 * paths through (see {@link MAX_PRUNED_LOSS_TOLERANCE}).
 *
 * @internal
 * @throws Error naming `op` when `prune` is not a boolean, or for a bad smoothing option.
 * @example
 * ```ts
 * prunable({ approx: true }); // false
 * ```
 */
export function prunable(options: CandidateOptions & ValidityOptions, op = 'visibleCandidates'): boolean {
  if (options.prune !== undefined && typeof options.prune !== 'boolean') {
    throw new Error(`${op}: prune must be a boolean, got ${JSON.stringify(options.prune)}`);
  }
  if (options.prune === false) return false;
  if (resolveApprox(options, op).approx) return false;
  return (options.lossTolerance ?? 0) <= MAX_PRUNED_LOSS_TOLERANCE;
}

/**
 * The path candidates of {@link pathCandidates}, lazily and in the same
 * order, less those that provably hold no valid path (exact validity, image
 * method) from the point `source` to any point of `region`. A sum over the
 * kept candidates is therefore the same, bit for bit, as over all of them
 * whenever left-out candidates would add nothing (an invalid path adds 0).
 *
 * A candidate is left out when, following it from the source as a beam of
 * rays (the wedge from the current image source through the part of the
 * last wall it can reach), some wall of it is wholly hidden, by walls that
 * stop rays, from the previous one (or from the source), or when the beam
 * after its last wall misses `region`. Occlusion is judged conservatively in
 * angular bins, with margins that absorb rounding, and ray blocking in the
 * tracer is stricter than real occlusion (walls and segments are extended
 * by `intersectTolerance`), so no valid path is lost.
 *
 * Only plain specular walls (`Wall`s of kind `wall`) are pruned: a
 * candidate holding any other object (vertex, RIS, user type, or a `Wall`
 * subclass with its own containment test) is kept. Every candidate is
 * given, unpruned, when `prune` is false, under smoothed validity
 * (`approx`: every candidate gets a weight) or with a `lossTolerance` above
 * 0.5 (and, a safeguard, for coordinates beyond 1e100 or all below
 * 1e-100); with an `intersectTolerance` below 0, walls hide nothing (only
 * the geometry of reflections prunes). Pruning holds for the image method; optimised tracers (Fermat,
 * min-path) accept paths that reflect only approximately, so they are not
 * pruned by `tracePaths`.
 *
 * Everything is checked at the call. The search is lazy and holds a few
 * arrays per order; with `sourceIs: 'rx'` and an order of 2 or more, one
 * order's kept candidates are gathered and sorted before the first is
 * given.
 *
 * @param objects - the scene's objects (candidates index them; any may block).
 * @param source - `[x, y]` (metres): the transmitter, or the receiver with `sourceIs: 'rx'`.
 * @param region - `[[xmin, ymin], [xmax, ymax]]` (metres): a box holding every receiver (every transmitter with `sourceIs: 'rx'`).
 * @param options - candidates, validity and `sourceIs`.
 * @returns a generator of candidates, each a fresh array of object indices, TX to RX.
 * @throws Error naming the argument for a bad source or region, a bad order
 *   or filter index, or a bad validity option.
 * @example
 * ```ts
 * // A room with a screen between TX and RX.
 * const walls = [
 *   new Wall([[0, 0], [1, 0]]), new Wall([[1, 0], [1, 1]]), new Wall([[1, 1], [0, 1]]), new Wall([[0, 1], [0, 0]]),
 *   new Wall([[0.5, 0.1], [0.5, 0.9]]),
 * ];
 * [...visibleCandidates(walls, [0.2, 0.5], [[0.8, 0.5], [0.8, 0.5]], { order: 1 })];
 * // [[0], [2], [3]]: the screen hides wall 1 from the TX, and wall 4 sends its rays
 * // back to the left, away from the RX (pathCandidates: [[0], [1], [2], [3], [4]])
 * // a map over a grid: its bounding box as the region, the candidates as a stream
 * for (const candidate of visibleCandidates(walls, [0.2, 0.5], [[0, 0], [1, 1]], { maxOrder: 2 })) console.log(candidate);
 * ```
 */
export function visibleCandidates(
  objects: readonly Interactable[],
  source: readonly [number, number],
  region: CandidateRegion,
  options: VisibleCandidateOptions = {},
): Generator<number[]> {
  const op = 'visibleCandidates';
  if (!Array.isArray(objects)) throw new Error(`${op}: objects must be an array of objects, got ${typeof objects}`);
  const plan = candidatePlan(objects.length, options);
  const [sx, sy] = finitePoint(op, 'source', source);
  if (region === null || typeof region !== 'object' || (region as ArrayLike<unknown>).length !== 2) {
    throw new Error(`${op}: region must be [[xmin, ymin], [xmax, ymax]], got ${JSON.stringify(region)}`);
  }
  const [x0, y0] = finitePoint(op, 'region[0]', region[0]);
  const [x1, y1] = finitePoint(op, 'region[1]', region[1]);
  const validity = resolveValidityOptions(options, op);
  const sourceIs = options.sourceIs ?? 'tx';
  if (sourceIs !== 'tx' && sourceIs !== 'rx') throw new Error(`${op}: sourceIs must be 'tx' or 'rx', got ${JSON.stringify(sourceIs)}`);
  if (!prunable(options, op)) return pathCandidates(objects.length, options);
  const ends: SearchEnds = {
    source: [sx, sy],
    region: [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)],
    // A negative tolerance shrinks the walls that block: real occlusion would then be too strict.
    occlusion: validity.intersectTolerance >= 0,
  };
  return prunedCandidates(objects, plan.allowed, plan.minOrder, plan.maxOrder, ends, sourceIs === 'rx');
}

function* prunedCandidates(
  objects: readonly Interactable[],
  allowed: readonly number[],
  minOrder: number,
  maxOrder: number,
  ends: SearchEnds,
  fromReceiver: boolean,
): Generator<number[]> {
  const scene = visibilityScene(objects);
  const [sx, sy] = ends.source;
  const [xmin, ymin, xmax, ymax] = ends.region;
  const scale = Math.max(scene.scale, Math.abs(sx), Math.abs(sy), Math.abs(xmin), Math.abs(ymin), Math.abs(xmax), Math.abs(ymax));
  if (!(scale >= MIN_PRUNED_SCALE && scale <= MAX_PRUNED_SCALE)) {
    yield* pathCandidates(objects.length, { minOrder, maxOrder, filter: allowed });
    return;
  }
  const search = new BeamSearch(scene, allowed, ends, maxOrder);
  for (let order = minOrder; order <= maxOrder; order++) {
    if (fromReceiver) yield* inForwardOrder(search.ofOrder(order), order, objects.length);
    else yield* search.ofOrder(order);
  }
}
