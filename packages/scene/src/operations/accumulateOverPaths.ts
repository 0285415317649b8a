/**
 * Accumulating a function of each path (by default its validity times its
 * received power) per transmitter-receiver pair, or over the whole scene.
 *
 * @module
 */
import { add, asTensor, mul, zeros, type Tensor, type TensorLike } from '@differt2d/autodiff';
import { totalReceivedPower, tracePaths, type TracedCandidate } from '@differt2d/tracer';
import type { Scene, TransmitterReceiverPair } from '../scene/scene.js';
import { checkSceneTraceOptions, toTracePathsOptions, type SceneTraceOptions } from './traceOptions.js';

/**
 * A function of one traced path candidate of one pair: its tensors have an
 * empty batch shape (one TX, one RX), e.g. `validity` and `power` of shape
 * `[]`, `paths.points` `[K + 2, 2]`. It should return a tensor of the same
 * shape for every candidate (usually a scalar); the values are summed.
 *
 * @example
 * ```ts
 * // the received power in dB would not add up; the path count does:
 * const validPaths: PathFunction = ({ validity }) => validity;
 * ```
 */
export type PathFunction = (path: TracedCandidate, pair: TransmitterReceiverPair) => TensorLike;

/**
 * Options of {@link accumulateOverPaths}.
 *
 * @example
 * ```ts
 * const options: AccumulateOptions = { maxOrder: 2, fn: ({ validity }) => validity, reduce: 'sum' };
 * ```
 */
export interface AccumulateOptions extends SceneTraceOptions {
  /** The function of each path (default: `validity * power`, the received power). */
  fn?: PathFunction;
  /** `'pairs'` (default): one value per TX-RX pair; `'sum'`: their sum. */
  reduce?: 'pairs' | 'sum';
}

/**
 * The accumulated value of one transmitter-receiver pair.
 *
 * @example
 * ```ts
 * const [{ tx, rx, value }]: PairValue[] = accumulateOverPaths(basicScene());
 * value.item(); // 24.60... (received power, max order 1)
 * ```
 */
export interface PairValue {
  /** The transmitter's name. */
  readonly tx: string;
  /** The receiver's name. */
  readonly rx: string;
  /** The sum over the pair's path candidates (a tensor on the tape inside `grad`). */
  readonly value: Tensor;
}

function checkReduce(reduce: unknown): asserts reduce is 'pairs' | 'sum' | undefined {
  if (reduce !== undefined && reduce !== 'pairs' && reduce !== 'sum') {
    throw new Error(`accumulateOverPaths: reduce must be 'pairs' or 'sum', got ${JSON.stringify(reduce)}`);
  }
}

/**
 * Accumulate a function of each path over a scene (DiffeRT2d's
 * `accumulate_on_receivers`, generalised): for each transmitter-receiver
 * pair (in `scene.pairs()` order), the sum over its path candidates of
 * `fn(path, pair)`, by default `validity * power` (the received power: valid
 * paths only, or weighted by the smoothed validity under `approx`). With
 * `reduce: 'sum'`, the sum over all pairs (a scalar 0 for a scene with no
 * pair).
 *
 * The candidates are those of `scenePaths`: with the image method and exact
 * validity, candidates that provably hold no valid path are left out
 * (`prune`, default true), which changes nothing for a function that is 0
 * on invalid paths (the default); a function of every candidate (a count
 * of candidates, a sum of losses) needs `prune: false`.
 *
 * Differentiable: call it inside `grad` on a scene built from the
 * differentiated tensors (a TX position, wall coordinates...).
 *
 * @param options - as {@link SceneTraceOptions}, plus `fn` and `reduce`.
 * @returns one {@link PairValue} per pair, or (with `reduce: 'sum'`) their sum.
 * @throws Error naming the option or object at fault, at the call.
 * @example
 * ```ts
 * accumulateOverPaths(basicScene(), { maxOrder: 2 })[0].value.item(); // 28.1067... (DiffeRT2d: 28.106760976353343)
 * accumulateOverPaths(basicScene(), { maxOrder: 2, fn: ({ validity }) => validity, reduce: 'sum' }).item(); // 12 valid paths
 * // the gradient of the summed power w.r.t. the TX position:
 * grad((tx: Tensor) => accumulateOverPaths(basicScene().withTransmitter('tx', tx), { approx: true, reduce: 'sum' }))(tensor([0.1, 0.1]));
 * ```
 */
export function accumulateOverPaths(scene: Scene, options?: AccumulateOptions & { reduce?: 'pairs' }): PairValue[];
export function accumulateOverPaths(scene: Scene, options: AccumulateOptions & { reduce: 'sum' }): Tensor;
export function accumulateOverPaths(scene: Scene, options?: AccumulateOptions): PairValue[] | Tensor;
export function accumulateOverPaths(scene: Scene, options: AccumulateOptions = {}): PairValue[] | Tensor {
  const op = 'accumulateOverPaths';
  const traceOptions = toTracePathsOptions(op, options);
  checkReduce(options.reduce);
  const fn = options.fn;
  if (fn !== undefined && typeof fn !== 'function') throw new Error(`${op}: fn must be a function (path, pair) => Tensor, got ${typeof fn}`);
  checkSceneTraceOptions(scene, traceOptions);
  const values: PairValue[] = [];
  for (const pair of scene.pairs()) {
    let value: Tensor | null = null;
    if (fn === undefined) {
      value = totalReceivedPower(pair.txPoint.xy, pair.rxPoint.xy, scene.objects, traceOptions);
    } else {
      for (const traced of tracePaths(pair.txPoint.xy, pair.rxPoint.xy, scene.objects, traceOptions)) {
        const term = asTensor(fn(traced, pair), `${op}: fn`);
        value = value === null ? term : add(value, term);
      }
    }
    values.push({ tx: pair.tx, rx: pair.rx, value: value ?? zeros([]) });
  }
  if (options.reduce !== 'sum') return values;
  let total: Tensor | null = null;
  for (const { value } of values) total = total === null ? value : add(total, value);
  return total ?? zeros([]);
}

/**
 * The default path function: `validity * power`.
 *
 * @example
 * ```ts
 * accumulateOverPaths(basicScene(), { fn: weightedPower }); // the same as without fn
 * ```
 */
export const weightedPower: PathFunction = ({ validity, power }) => mul(validity, power);
