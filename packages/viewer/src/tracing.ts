/**
 * The live computation behind the view: the valid paths of the chosen
 * orders, their powers, and the gradient of the received power w.r.t. each
 * transmitter, all from the library's scene operations.
 *
 * @module
 */
import { receivedPowerPerPair, validScenePaths, type Scene, type ScenePath, type SceneTraceOptions, type TraceMethod } from '@differt2d/scene';

/** The largest order the page offers. */
export const MAX_ORDER = 3;

/**
 * How paths are traced: which orders (index k: paths of k interactions),
 * the method, and the smoothed validity with its slope.
 *
 * @example
 * ```ts
 * const settings: TraceSettings = { orders: [true, true, true, false], method: 'image', approx: false, alpha: 100 };
 * ```
 */
export interface TraceSettings {
  /** `[MAX_ORDER + 1]`: whether paths of k interactions are traced. */
  readonly orders: readonly boolean[];
  /** The tracing method. */
  readonly method: TraceMethod;
  /** Smoothed validity (DiffeRT2d's approximation). */
  readonly approx: boolean;
  /** The slope of the smoothed validity (with `approx`). */
  readonly alpha: number;
}

/**
 * The default settings: orders 0 to 2, the image method, exact validity.
 *
 * @example
 * ```ts
 * DEFAULT_TRACE_SETTINGS.orders; // [true, true, true, false]
 * ```
 */
export const DEFAULT_TRACE_SETTINGS: TraceSettings = Object.freeze({ orders: Object.freeze([true, true, true, false]), method: 'image', approx: false, alpha: 100 });

/**
 * The selected orders as runs of consecutive orders (`[minOrder, maxOrder]`),
 * one library call each.
 *
 * @example
 * ```ts
 * orderRuns([true, false, true, true]); // [[0, 0], [2, 3]]
 * ```
 */
export function orderRuns(orders: readonly boolean[]): [number, number][] {
  const runs: [number, number][] = [];
  for (let k = 0; k < orders.length; k++) {
    if (!orders[k]) continue;
    const last = runs[runs.length - 1];
    if (last !== undefined && last[1] === k - 1) last[1] = k;
    else runs.push([k, k]);
  }
  return runs;
}

/**
 * The library's options for one run of orders.
 *
 * @example
 * ```ts
 * traceOptions(DEFAULT_TRACE_SETTINGS, [0, 2]); // { minOrder: 0, maxOrder: 2, method: 'image', approx: false }
 * ```
 */
export function traceOptions(settings: TraceSettings, run: readonly [number, number]): SceneTraceOptions {
  const options: SceneTraceOptions = { minOrder: run[0], maxOrder: run[1], method: settings.method, approx: settings.approx };
  if (settings.approx) options.alpha = settings.alpha;
  return options;
}

/**
 * The result of {@link traceView}.
 *
 * @example
 * ```ts
 * const { paths, total, gradients, traceMs }: TraceResult = traceView(basicScene(), DEFAULT_TRACE_SETTINGS);
 * ```
 */
export interface TraceResult {
  /** The valid paths of every pair, by order, then as the library lists them. */
  readonly paths: readonly ScenePath[];
  /** The received power summed over pairs (validity-weighted, P0 = 100). */
  readonly total: number;
  /** Per transmitter: d total power / d (x, y), summed over its receivers. */
  readonly gradients: ReadonlyMap<string, readonly [number, number]>;
  /** Time to find the paths (milliseconds). */
  readonly traceMs: number;
  /** Time for the power and its gradient (milliseconds). */
  readonly gradientMs: number;
  /** An error the library reported (e.g. the image method on a RIS), or null. */
  readonly error: string | null;
}

/**
 * Trace a scene: `validScenePaths` for each run of selected orders, then
 * `receivedPowerPerPair` with the gradient w.r.t. TX.
 *
 * @example
 * ```ts
 * traceView(basicScene(), DEFAULT_TRACE_SETTINGS).paths.length; // 12
 * ```
 */
export function traceView(scene: Scene, settings: TraceSettings): TraceResult {
  const runs = orderRuns(settings.orders);
  const start = performance.now();
  const paths: ScenePath[] = [];
  try {
    for (const run of runs) paths.push(...validScenePaths(scene, traceOptions(settings, run)));
  } catch (error) {
    return { paths: [], total: 0, gradients: new Map(), traceMs: performance.now() - start, gradientMs: 0, error: (error as Error).message };
  }
  const traced = performance.now();
  let total = 0;
  const gradients = new Map<string, [number, number]>();
  for (const name of scene.transmitters.keys()) gradients.set(name, [0, 0]);
  for (const run of runs) {
    const powers = receivedPowerPerPair(scene, { ...traceOptions(settings, run), gradient: true });
    total += powers.total;
    for (const pair of powers.pairs) {
      const sum = gradients.get(pair.tx)!;
      sum[0] += pair.gradTx![0];
      sum[1] += pair.gradTx![1];
    }
  }
  return { paths, total, gradients, traceMs: traced - start, gradientMs: performance.now() - traced, error: null };
}
