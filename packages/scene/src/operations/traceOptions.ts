/**
 * The options every scene operation shares: which path candidates, which
 * tracing method (image, Fermat, min-path) with its solver, how validity is
 * judged, and the power model; and their translation into the tracer's
 * `TracePathsOptions`.
 *
 * @module
 */
import { resolveApprox } from '@differt2d/geometry';
import {
  fermatPaths,
  minPaths,
  tracePaths,
  type CandidateOptions,
  type OptimizedPathOptions,
  type PathTracer,
  type PowerOptions,
  type TracePathsOptions,
  type ValidityOptions,
} from '@differt2d/tracer';
import type { Scene } from '../scene/scene.js';

/**
 * How paths are traced: `'image'` (the image method, specular walls only;
 * the default and by far the fastest), `'fermat'` (Fermat paths, shortest
 * length: walls, vertices, RIS geometry) or `'mpt'` (min-path tracing, least
 * interaction loss: any object type, RIS included).
 *
 * @example
 * ```ts
 * const method: TraceMethod = 'mpt';
 * receivedPowerPerPair(squareScene().addObjects(new RIS([[0.5, 0.3], [0.5, 0.7]])), { order: 1, method });
 * ```
 */
export type TraceMethod = 'image' | 'fermat' | 'mpt';

/**
 * The tracing methods, in the order of {@link TraceMethod}.
 *
 * @example
 * ```ts
 * TRACE_METHODS.includes('fermat'); // true
 * ```
 */
export const TRACE_METHODS: readonly TraceMethod[] = Object.freeze(['image', 'fermat', 'mpt'] as const);

/**
 * Options of the scene operations (`scenePaths`, `receivedPowerPerPair`,
 * `powerGrid`...): the tracer's own options, unchanged, plus the method.
 *
 * - candidates: `minOrder` (default 0), `maxOrder` (default 1), `order`
 *   (both), `filter` (a predicate on object indices or a list of them;
 *   excluded objects still block rays);
 * - validity: `approx` (smoothed validity; default: the global setting of
 *   `@differt2d/geometry`, exact unless changed), `alpha` (default 100),
 *   `activation` (`'hardSigmoid'`, `'sigmoid'` or a function),
 *   `lossTolerance` (default 1e-2), `intersectTolerance` (default 0.005),
 *   `spatialIndex` (default true: blocking tests through a grid over the walls);
 * - pruning: `prune` (default true: leave out candidates that provably hold no
 *   valid path; exact validity only);
 * - power: `rCoef` (default 0.5), `h` (default 0.1);
 * - `method` (default `'image'`); for `'fermat'` and `'mpt'` only, the
 *   solver: `solver` (`'lm'`, the default, or `'adam'`, DiffeRT2d's),
 *   `maxIterations` (`'lm'`), `steps`, `learningRate`, `many`, `seed`
 *   (`'adam'`). They are ignored by the image method.
 *
 * @example
 * ```ts
 * const options: SceneTraceOptions = { maxOrder: 2, approx: true, alpha: 50 };
 * const figure1: SceneTraceOptions = { order: 1, method: 'mpt', solver: 'adam', steps: 1000 };
 * ```
 */
export interface SceneTraceOptions extends CandidateOptions, ValidityOptions, PowerOptions, OptimizedPathOptions {
  /** The tracing method (default `'image'`). */
  method?: TraceMethod;
}

/** The solver options of a Fermat / min-path tracer, as given (unset ones left out). */
function solverOptions(options: OptimizedPathOptions): OptimizedPathOptions {
  const picked: OptimizedPathOptions = {};
  if (options.solver !== undefined) picked.solver = options.solver;
  if (options.maxIterations !== undefined) picked.maxIterations = options.maxIterations;
  if (options.steps !== undefined) picked.steps = options.steps;
  if (options.learningRate !== undefined) picked.learningRate = options.learningRate;
  if (options.many !== undefined) picked.many = options.many;
  if (options.seed !== undefined) picked.seed = options.seed;
  return picked;
}

/**
 * The tracer of a method: `undefined` for the image method (the tracer's
 * default), else a Fermat or min-path tracer with the solver options.
 *
 * @throws Error naming `op` for an unknown method or solver.
 * @example
 * ```ts
 * const tracer = tracerOf('powerGrid', { method: 'fermat', solver: 'lm' });
 * ```
 */
export function tracerOf(op: string, options: SceneTraceOptions): PathTracer | undefined {
  const method = options.method ?? 'image';
  if (!TRACE_METHODS.includes(method)) {
    throw new Error(`${op}: method must be one of ${TRACE_METHODS.map((m) => `'${m}'`).join(', ')}, got ${JSON.stringify(method)}`);
  }
  if (options.solver !== undefined && options.solver !== 'lm' && options.solver !== 'adam') {
    throw new Error(`${op}: solver must be 'lm' or 'adam', got ${JSON.stringify(options.solver)}`);
  }
  if (method === 'image') return undefined;
  const solver = solverOptions(options);
  if (method === 'fermat') return (tx, objects, rx) => fermatPaths(tx, objects, rx, solver);
  return (tx, objects, rx) => minPaths(tx, objects, rx, solver);
}

/**
 * The tracer's options for scene options: candidates, validity, power and
 * the tracer of the method. Only the known keys are copied, so options
 * objects may carry other fields (`nx`, `gradient`...).
 *
 * @throws Error naming `op` for an unknown method or solver.
 * @example
 * ```ts
 * toTracePathsOptions('scenePaths', { maxOrder: 2, method: 'mpt' }).tracer; // a min-path tracer
 * ```
 */
export function toTracePathsOptions(op: string, options: SceneTraceOptions): TracePathsOptions {
  if (options === null || typeof options !== 'object') throw new Error(`${op}: options must be an object, got ${String(options)}`);
  const traced: TracePathsOptions = {};
  const keys = ['minOrder', 'maxOrder', 'order', 'filter', 'approx', 'alpha', 'activation', 'lossTolerance', 'intersectTolerance', 'spatialIndex', 'prune', 'rCoef', 'h'] as const;
  for (const key of keys) {
    if (options[key] !== undefined) (traced as Record<string, unknown>)[key] = options[key];
  }
  const tracer = tracerOf(op, options);
  if (tracer !== undefined) traced.tracer = tracer;
  return traced;
}

/**
 * Check a scene's objects and the options before any work: the tracer's own
 * checks (orders, filter indices, tolerances, image method on non-walls...)
 * run on a throw-away call, so that an operation fails at the call, not
 * midway through.
 *
 * @throws Error from `tracePaths` naming the option or object at fault.
 * @example
 * ```ts
 * checkSceneTraceOptions(basicScene(), toTracePathsOptions('op', { maxOrder: -1 })); // throws
 * ```
 */
export function checkSceneTraceOptions(scene: Scene, options: TracePathsOptions): void {
  tracePaths([0, 0], [0, 0], scene.objects, options);
}

/**
 * Whether the options ask for smoothed validity (the option, or the global
 * default of `@differt2d/geometry`).
 *
 * @example
 * ```ts
 * isApproximated({ approx: true }); // true
 * isApproximated({}); // false, unless setApproxDefaults changed it
 * ```
 */
export function isApproximated(options: ValidityOptions): boolean {
  return resolveApprox(options).approx;
}
