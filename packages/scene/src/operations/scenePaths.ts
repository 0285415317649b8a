/**
 * All path candidates of a scene, all its paths (with validity and power),
 * and its valid paths, for every transmitter-receiver pair.
 *
 * @module
 */
import { countPathCandidates, pathCandidates, tracePaths, type TracedCandidate } from '@differt2d/tracer';
import type { Scene } from '../scene/scene.js';
import { checkSceneTraceOptions, isApproximated, toTracePathsOptions, type SceneTraceOptions } from './traceOptions.js';

/**
 * One traced path of a scene, as plain numbers.
 *
 * @example
 * ```ts
 * const [los]: ScenePath[] = validScenePaths(basicScene(), { order: 0 });
 * los.points; // [[0.1, 0.1], [0.302, 0.2147]]
 * los.power; // 15.63...
 * ```
 */
export interface ScenePath {
  /** The transmitter's name. */
  readonly tx: string;
  /** The receiver's name. */
  readonly rx: string;
  /** The indices of the objects met, in order (`[]`: line of sight). */
  readonly candidate: readonly number[];
  /** `[K + 2][2]`: the transmitter, the K interaction points, the receiver (metres). */
  readonly points: number[][];
  /** The sum of the interaction losses (0 for a perfect path). */
  readonly loss: number;
  /** 0 or 1; in [0, 1] with smoothed validity (`approx`). */
  readonly validity: number;
  /** The received power of the path, not weighted by its validity. */
  readonly power: number;
}

/**
 * The path candidates of a scene: the ordered lists of object indices a path
 * may meet, lazily, by increasing order and lexicographically within an
 * order (as `pathCandidates` of `@differt2d/tracer`). All of them, whatever
 * `prune` says: pruning depends on where a pair's TX and RX are, so it is
 * done per pair by {@link scenePaths}.
 *
 * @param options - `minOrder` (default 0), `maxOrder` (default 1), `order`, `filter`.
 * @throws Error naming the option for a bad order or filter index, at the call.
 * @example
 * ```ts
 * [...sceneCandidates(basicScene(), { maxOrder: 1 })].length; // 8: line of sight and 7 walls
 * [...sceneCandidates(basicScene(), { order: 2, filter: [0, 2] })]; // [[0, 2], [2, 0]]
 * ```
 */
export function sceneCandidates(scene: Scene, options: SceneTraceOptions = {}): Generator<number[]> {
  countPathCandidates(scene.objects.length, options); // checks the orders and the filter now, not at the first next()
  return pathCandidates(scene.objects.length, options);
}

/** A traced candidate of one pair, as numbers. */
function toScenePath(tx: string, rx: string, traced: TracedCandidate): ScenePath {
  const data = traced.paths.points.data;
  const points: number[][] = [];
  for (let j = 0; j < data.length; j += 2) points.push([data[j]!, data[j + 1]!]);
  return {
    tx,
    rx,
    candidate: [...traced.candidate],
    points,
    loss: traced.paths.loss.data[0]!,
    validity: traced.validity.data[0]!,
    power: traced.power.data[0]!,
  };
}

/**
 * Every path of a scene, lazily: for each transmitter-receiver pair (in
 * `scene.pairs()` order), for each path candidate (in `sceneCandidates`
 * order), the path traced by the chosen method, its loss, validity and
 * power. Invalid paths are included (validity 0): see
 * {@link validScenePaths} for the valid ones. With the image method and
 * exact validity, candidates that provably hold no valid path for the pair
 * are left out (option `prune`, default true; `prune: false` lists every
 * candidate of every pair); the valid paths are the same either way.
 *
 * Everything is checked at the call (not at the first `next()`).
 *
 * @param options - candidates, method and solver, validity, power (see {@link SceneTraceOptions}).
 * @throws Error naming the option or object at fault (e.g. a RIS with the image method).
 * @example
 * ```ts
 * for (const path of scenePaths(basicScene(), { maxOrder: 1 })) {
 *   console.log(path.tx, path.rx, path.candidate, path.validity, path.power);
 * }
 * // tx rx [] 1 15.63 / tx rx [0] 1 3.34 / tx rx [2] 1 0.17 / tx rx [3] 1 2.71 / tx rx [4] 1 2.75 (walls 1, 5 and 6 pruned)
 * [...scenePaths(basicScene(), { maxOrder: 1, prune: false })].length; // 8: line of sight and 7 walls
 * ```
 */
export function scenePaths(scene: Scene, options: SceneTraceOptions = {}): Generator<ScenePath> {
  const traceOptions = toTracePathsOptions('scenePaths', options);
  checkSceneTraceOptions(scene, traceOptions);
  return pathsOfPairs(scene, traceOptions);
}

function* pathsOfPairs(scene: Scene, traceOptions: ReturnType<typeof toTracePathsOptions>): Generator<ScenePath> {
  for (const pair of scene.pairs()) {
    for (const traced of tracePaths(pair.txPoint.xy, pair.rxPoint.xy, scene.objects, traceOptions)) {
      yield toScenePath(pair.tx, pair.rx, traced);
    }
  }
}

/**
 * The valid paths of a scene, for every pair: with exact validity those of
 * validity 1; with smoothed validity (`approx`) those of validity above 0.5
 * (DiffeRT2d's `is_true`).
 *
 * @param options - as {@link scenePaths}.
 * @throws Error naming the option or object at fault.
 * @example
 * ```ts
 * validScenePaths(basicScene(), { maxOrder: 2 }).length; // 12 (as DiffeRT2d)
 * validScenePaths(basicScene(), { maxOrder: 2 }).map((p) => p.candidate); // [[], [0], [2], [3], [4], [0, 2], ...]
 * ```
 */
export function validScenePaths(scene: Scene, options: SceneTraceOptions = {}): ScenePath[] {
  const paths = scenePaths(scene, options);
  const approx = isApproximated(options);
  const valid: ScenePath[] = [];
  for (const path of paths) {
    if (approx ? path.validity > 0.5 : path.validity === 1) valid.push(path);
  }
  return valid;
}
