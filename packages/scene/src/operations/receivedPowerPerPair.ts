/**
 * The received power of every transmitter-receiver pair, and optionally its
 * gradient with respect to the pair's two positions.
 *
 * @module
 */
import { sum, Tensor, valueAndGrad } from '@differt2d/autodiff';
import { totalReceivedPower } from '@differt2d/tracer';
import type { Scene } from '../scene/scene.js';
import { checkSceneTraceOptions, toTracePathsOptions, type SceneTraceOptions } from './traceOptions.js';

/**
 * Options of {@link receivedPowerPerPair}.
 *
 * @example
 * ```ts
 * const options: PowerPerPairOptions = { maxOrder: 2, approx: true, gradient: true };
 * ```
 */
export interface PowerPerPairOptions extends SceneTraceOptions {
  /** Also compute each pair's gradient w.r.t. its TX and RX positions (default false). */
  gradient?: boolean;
}

/**
 * The power received by one pair.
 *
 * @example
 * ```ts
 * const pair: PairPower = receivedPowerPerPair(basicScene(), { gradient: true }).pairs[0];
 * pair.gradTx; // [d power / d tx.x, d power / d tx.y]
 * ```
 */
export interface PairPower {
  /** The transmitter's name. */
  readonly tx: string;
  /** The receiver's name. */
  readonly rx: string;
  /** The sum over the pair's paths of `validity * power` (same unit as `receivedPower`, P0 = 100 at zero distance). */
  readonly power: number;
  /** With `gradient`: d power / d (TX x, TX y). */
  readonly gradTx?: [number, number];
  /** With `gradient`: d power / d (RX x, RX y). */
  readonly gradRx?: [number, number];
}

/**
 * Powers of every pair of a scene, and their sum.
 *
 * @example
 * ```ts
 * const { pairs, total }: ReceivedPowerPerPair = receivedPowerPerPair(basicScene());
 * ```
 */
export interface ReceivedPowerPerPair {
  /** One entry per pair, in `scene.pairs()` order. */
  readonly pairs: PairPower[];
  /** The sum of the pairs' powers (0 for a scene with no pair). */
  readonly total: number;
}

/**
 * The received power of every transmitter-receiver pair of a scene (the sum
 * over its paths of `validity * power`), and with `gradient: true` its
 * gradient w.r.t. the pair's TX and RX positions (by reverse-mode autodiff;
 * under exact validity, the gradient of the valid paths' powers; use
 * `approx: true` for the smoothed validity's gradient too).
 *
 * All pairs are traced together, as one batch per candidate.
 *
 * @param options - as {@link SceneTraceOptions}, plus `gradient`.
 * @throws Error naming the option or object at fault.
 * @example
 * ```ts
 * const { pairs, total } = receivedPowerPerPair(basicScene(), { maxOrder: 0, approx: true, gradient: true });
 * pairs[0].power; // 10.42316648814386 (DiffeRT2d: the same)
 * pairs[0].gradTx; // [65.837..., 37.383...] (DiffeRT2d: the same)
 * total; // 10.42...
 * ```
 */
export function receivedPowerPerPair(scene: Scene, options: PowerPerPairOptions = {}): ReceivedPowerPerPair {
  const op = 'receivedPowerPerPair';
  const traceOptions = toTracePathsOptions(op, options);
  if (options.gradient !== undefined && typeof options.gradient !== 'boolean') {
    throw new Error(`${op}: gradient must be a boolean, got ${String(options.gradient)}`);
  }
  checkSceneTraceOptions(scene, traceOptions);
  const pairs = scene.pairs();
  if (pairs.length === 0) return { pairs: [], total: 0 };
  const txData = new Float64Array(2 * pairs.length);
  const rxData = new Float64Array(2 * pairs.length);
  pairs.forEach((pair, p) => {
    txData.set(pair.txPoint.xy.data, 2 * p);
    rxData.set(pair.rxPoint.xy.data, 2 * p);
  });
  const txs = new Tensor(txData, [pairs.length, 2]);
  const rxs = new Tensor(rxData, [pairs.length, 2]);
  let powers: Float64Array;
  let gradTx: Float64Array | null = null;
  let gradRx: Float64Array | null = null;
  if (options.gradient === true) {
    const powerAndGradient = valueAndGrad(
      (t: Tensor, r: Tensor) => {
        const each = totalReceivedPower(t, r, scene.objects, traceOptions);
        return [sum(each), each];
      },
      { argnums: [0, 1], hasAux: true },
    );
    const [[, each], [gTx, gRx]] = powerAndGradient(txs, rxs) as [[Tensor, Tensor], [Tensor, Tensor]];
    powers = each.data;
    gradTx = gTx.data;
    gradRx = gRx.data;
  } else {
    powers = totalReceivedPower(txs, rxs, scene.objects, traceOptions).data;
  }
  let total = 0;
  const result: PairPower[] = pairs.map((pair, p) => {
    total += powers[p]!;
    const entry: { -readonly [K in keyof PairPower]: PairPower[K] } = { tx: pair.tx, rx: pair.rx, power: powers[p]! };
    if (gradTx !== null && gradRx !== null) {
      entry.gradTx = [gradTx[2 * p]!, gradTx[2 * p + 1]!];
      entry.gradRx = [gradRx[2 * p]!, gradRx[2 * p + 1]!];
    }
    return entry;
  });
  return { pairs: result, total };
}
