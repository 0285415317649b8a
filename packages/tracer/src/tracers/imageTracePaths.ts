/**
 * Tracing every path candidate of a scene: the candidates, lazily; each
 * traced (by the image method unless told otherwise), checked for validity,
 * with its received power.
 *
 * @module
 */
import type { Tensor, TensorLike } from '@differt2d/autodiff';
import type { Interactable, Wall } from '@differt2d/geometry';
import { countPathCandidates, pathCandidates, type CandidateOptions } from '../candidates/pathCandidates.js';
import { prunable, visibleCandidates, type CandidateRegion, type VisibleCandidateOptions } from '../candidates/visibleCandidates.js';
import type { TracedPaths } from '../paths/tracedPaths.js';
import { receivedPower, type PowerOptions } from '../power/receivedPower.js';
import { obstaclesOf, type Obstacles } from '../validity/pathUnobstructed.js';
import { checkedPathValidity } from '../validity/pathValidity.js';
import { resolveValidityOptions, type ResolvedValidityOptions, type ValidityOptions } from '../validity/validityOptions.js';
import { imagePaths } from './imagePaths.js';
import { checkedObjects, checkedPositions, isSpecularWall, positionsBatchShape } from './imageOperands.js';

/**
 * A path tracer: the paths from TX to RX through an ordered list of objects.
 * `imagePaths` is one (for walls); the Fermat and min-path tracers are others.
 *
 * @example
 * ```ts
 * const tracer: PathTracer = (tx, objects, rx) => imagePaths(tx, objects as Wall[], rx);
 * ```
 */
export type PathTracer = (tx: Tensor, objects: readonly Interactable[], rx: Tensor) => TracedPaths;

/**
 * Options of {@link tracePaths} and {@link totalReceivedPower}: which
 * candidates (`minOrder`, `maxOrder`, `order`, `filter`, `prune`), how paths are
 * judged valid (`approx`, `alpha`, `activation`, `lossTolerance`,
 * `intersectTolerance`), the power model (`rCoef`, `h`) and the tracer.
 *
 * @example
 * ```ts
 * const options: TracePathsOptions = { maxOrder: 2, approx: true, filter: (i) => i !== 4 };
 * ```
 */
export interface TracePathsOptions extends CandidateOptions, ValidityOptions, PowerOptions {
  /**
   * The tracer (default: the image method, which handles specular walls
   * only). Any function with the {@link PathTracer} signature, e.g. a
   * Fermat or min-path tracer for scenes with RIS or vertices.
   */
  tracer?: PathTracer;
}

/**
 * One candidate of a scene, traced.
 *
 * @example
 * ```ts
 * const first: TracedCandidate = tracePaths([0.1, 0.1], [0.3, 0.2], walls).next().value!;
 * first.candidate; // []: line of sight
 * ```
 */
export interface TracedCandidate {
  /** The object indices the paths interact with, in order (`[]`: line of sight). */
  readonly candidate: readonly number[];
  /** The paths: `points` `[..., K + 2, 2]`, `loss` `[...]`. */
  readonly paths: TracedPaths;
  /** `[...]`: 0/1, or in [0, 1] under approximation (see `pathValidity`). */
  readonly validity: Tensor;
  /** `[...]`: the received power of each path, not weighted by its validity. */
  readonly power: Tensor;
}

/** A checked scene and its options, ready to trace candidates. */
interface TraceSetup {
  readonly tx: Tensor;
  readonly rx: Tensor;
  readonly batch: readonly number[];
  readonly objects: readonly Interactable[];
  readonly candidates: CandidateOptions;
  /** How the candidates are pruned (null: every candidate is traced). */
  readonly candidatePruning: CandidatePruning | null;
  readonly validity: ResolvedValidityOptions;
  readonly power: PowerOptions;
  readonly tracer: PathTracer;
  readonly obstacles: Obstacles;
}

const traceWithImages: PathTracer = (tx, objects, rx) => imagePaths(tx, objects as readonly Wall[], rx);

/** How a setup's candidates are pruned: from one end of the paths to a box holding the other ends. */
interface CandidatePruning {
  readonly source: readonly [number, number];
  readonly region: CandidateRegion;
  readonly options: VisibleCandidateOptions;
}

/** The bounding box of positions `[..., 2]`. */
function boundingBox(positions: Tensor): CandidateRegion {
  const data = positions.data;
  let xmin = Infinity;
  let ymin = Infinity;
  let xmax = -Infinity;
  let ymax = -Infinity;
  for (let i = 0; i < data.length; i += 2) {
    const x = data[i]!;
    const y = data[i + 1]!;
    if (x < xmin) xmin = x;
    if (x > xmax) xmax = x;
    if (y < ymin) ymin = y;
    if (y > ymax) ymax = y;
  }
  return [
    [xmin, ymin],
    [xmax, ymax],
  ];
}

/**
 * Pruning applies to the image method with exact validity (see
 * `visibleCandidates`), from a single TX to the box of the receivers, or
 * else from a single RX to the box of the transmitters.
 */
function candidatePruningOf(op: string, tx: Tensor, rx: Tensor, options: TracePathsOptions, validity: ResolvedValidityOptions): CandidatePruning | null {
  if (!prunable(options, op) || options.tracer !== undefined || validity.approx.approx) return null;
  const pruneOptions: VisibleCandidateOptions = {
    minOrder: options.minOrder,
    maxOrder: options.maxOrder,
    order: options.order,
    filter: options.filter,
    approx: false,
    lossTolerance: validity.lossTolerance,
    intersectTolerance: validity.intersectTolerance,
  };
  if (tx.size === 2 && rx.size > 0) {
    return { source: [tx.data[0]!, tx.data[1]!], region: boundingBox(rx), options: pruneOptions };
  }
  if (rx.size === 2 && tx.size > 0) {
    return { source: [rx.data[0]!, rx.data[1]!], region: boundingBox(tx), options: { ...pruneOptions, sourceIs: 'rx' } };
  }
  return null;
}

/** The indices a candidate filter allows, ascending. */
function allowedObjects(objectCount: number, filter: CandidateOptions['filter']): number[] {
  const all = Array.from({ length: objectCount }, (_, i) => i);
  if (filter === undefined) return all;
  if (typeof filter === 'function') return all.filter((i) => filter(i));
  return all.filter((i) => filter.includes(i));
}

/**
 * Check everything before the first candidate is traced, so that bad input
 * fails at the call, not midway through the iteration.
 *
 * @internal
 * @example
 * ```ts
 * const setup = traceSetup('tracePaths', [0.1, 0.1], [0.3, 0.2], walls, { maxOrder: 2 });
 * ```
 */
export function traceSetup(op: string, tx: TensorLike, rx: TensorLike, objects: readonly Interactable[], options: TracePathsOptions): TraceSetup {
  const txPositions = checkedPositions(op, 'tx', tx);
  const rxPositions = checkedPositions(op, 'rx', rx);
  const batch = positionsBatchShape(op, txPositions, rxPositions);
  const list = checkedObjects(op, 'objects', objects);
  const candidates: CandidateOptions = { minOrder: options.minOrder, maxOrder: options.maxOrder, order: options.order, filter: options.filter };
  countPathCandidates(list.length, candidates); // throws on bad orders or filter indices
  const minOrder = options.order ?? options.minOrder ?? 0;
  const maxOrder = options.order ?? options.maxOrder ?? Math.max(1, minOrder);
  const allowed = allowedObjects(list.length, options.filter);
  if (minOrder >= 1 && allowed.length === 0) {
    const why = list.length === 0 ? 'objects is empty' : 'the filter excludes every object';
    throw new Error(`${op}: paths of order >= ${minOrder} need at least one object to interact with, but ${why}`);
  }
  if (options.tracer === undefined && maxOrder >= 1) {
    for (const index of allowed) {
      const object = list[index]!;
      if (!isSpecularWall(object)) {
        throw new Error(
          `${op}: objects[${index}] is a ${object.kind}${object.name === undefined ? '' : ` (${object.name})`}, which the image method ` +
            `cannot trace: leave it out of the candidates with the filter option (it still blocks rays), or pass another tracer`,
        );
      }
    }
  }
  if (options.tracer !== undefined && typeof options.tracer !== 'function') {
    throw new Error(`${op}: tracer must be a function (tx, objects, rx) => TracedPaths, got ${typeof options.tracer}`);
  }
  for (const name of ['rCoef', 'h'] as const) {
    const value = options[name];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value))) {
      throw new Error(`${op}: ${name} must be a finite number, got ${String(value)}`);
    }
  }
  const validity = resolveValidityOptions(options, op);
  const approx = validity.approx.approx ? validity.approx : null;
  return {
    tx: txPositions,
    rx: rxPositions,
    batch,
    objects: list,
    candidates,
    candidatePruning: candidatePruningOf(op, txPositions, rxPositions, options, validity),
    validity,
    power: { rCoef: options.rCoef, h: options.h },
    tracer: options.tracer ?? traceWithImages,
    obstacles: obstaclesOf(list, approx !== null, approx, options.spatialIndex, op),
  };
}

/**
 * The candidates of a checked scene, traced and judged, without their power.
 *
 * @internal
 * @example
 * ```ts
 * for (const { candidate, validity } of tracedCandidates(setup)) console.log(candidate, validity.item());
 * ```
 */
export function* tracedCandidates(setup: TraceSetup): Generator<{ candidate: number[]; paths: TracedPaths; validity: Tensor }> {
  const pruning = setup.candidatePruning;
  const candidates =
    pruning === null
      ? pathCandidates(setup.objects.length, setup.candidates)
      : visibleCandidates(setup.objects, pruning.source, pruning.region, pruning.options);
  for (const candidate of candidates) {
    const paths = setup.tracer(
      setup.tx,
      candidate.map((index) => setup.objects[index]!),
      setup.rx,
    );
    const validity = checkedPathValidity(paths, setup.objects, candidate, setup.validity, setup.obstacles);
    yield { candidate, paths, validity };
  }
}

/**
 * Trace every path candidate of a scene, lazily: for each candidate (by
 * increasing order, lexicographic within an order, as `pathCandidates`), the
 * paths from every TX to every RX of the batch, their validity and their
 * received power.
 *
 * Candidates that provably hold no valid path are left out (option `prune`,
 * default true; see `visibleCandidates`): with the image method and exact
 * validity, when the batch has a single TX (pruned from it towards the
 * bounding box of the receivers) or else a single RX (from it towards the
 * box of the transmitters). Every path left out has validity 0 for the
 * whole batch, so sums of `validity * power` are unchanged, bit for bit;
 * `prune: false` gives every candidate (e.g. to see invalid paths).
 * Smoothed validity (`approx`), other tracers and batches of both TX and
 * RX are never pruned.
 *
 * With the default tracer (the image method), every object that may appear
 * in a candidate must be a specular wall: a scene holding a RIS, a vertex or
 * a user type throws at the call, naming the object, unless the `filter`
 * option leaves it out of the candidates (it still blocks rays) or another
 * `tracer` is given. (Skipping such candidates silently would drop paths
 * without a word.)
 *
 * Everything is checked before the first candidate is traced: bad positions
 * (NaN, shapes), objects, orders, filter indices and options throw at the
 * call, not during the iteration. Differentiable: run it inside `grad` (and
 * consume it there) for gradients w.r.t. TX, RX and the objects.
 *
 * @param tx - `[..., 2]`: transmitter positions (metres).
 * @param rx - `[..., 2]`: receiver positions (metres), broadcast with `tx`.
 * @param objects - the scene's objects, in order (candidates index them).
 * @param options - candidates, validity, power and tracer options.
 * @returns a generator of {@link TracedCandidate}, one per candidate.
 * @throws Error naming the argument for bad input (see above), including an
 *   empty object list when `minOrder >= 1`.
 * @example
 * ```ts
 * const objects = [new Wall([[0, 0], [1, 0]]), new Wall([[0, 1], [0, 0]])];
 * for (const { candidate, validity, power } of tracePaths([0.1, 0.1], [0.3, 0.2], objects, { maxOrder: 2 })) {
 *   console.log(candidate, validity.item(), power.item());
 * }
 * // [] 1 16.67 / [0] 1 3.57 / [1] 1 2.78 / [1, 0] 1 0.96
 * // with { maxOrder: 2, prune: false }, also [0, 1] 0 0.71 (in between: its first point is off wall 0)
 * ```
 */
export function tracePaths(
  tx: TensorLike,
  rx: TensorLike,
  objects: readonly Interactable[],
  options: TracePathsOptions = {},
): Generator<TracedCandidate> {
  const setup = traceSetup('tracePaths', tx, rx, objects, options);
  return withPower(setup);
}

function* withPower(setup: TraceSetup): Generator<TracedCandidate> {
  for (const traced of tracedCandidates(setup)) {
    yield { ...traced, power: receivedPower(traced.paths.points, setup.power) };
  }
}
