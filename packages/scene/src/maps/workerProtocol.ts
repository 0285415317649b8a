/**
 * The messages between a page (or node's main thread) and the workers that
 * compute rows of a power map, and how a map is sent: the scene as scene
 * JSON, the options as plain data (every default resolved in the sender,
 * so that a worker computes exactly what the sender would).
 *
 * @module
 */
import { asTensor } from '@differt2d/autodiff';
import { resolveApprox } from '@differt2d/geometry';
import { sceneFromJson, sceneToJson } from '../formats/sceneJson.js';
import type { Scene } from '../scene/scene.js';
import { resolveGridPlan, type GridOver, type GridPlan, type PowerGridOptions } from './gridPlan.js';

/**
 * The tag of every message of this protocol (other messages are ignored).
 *
 * @example
 * ```ts
 * worker.postMessage({ protocol: POWER_MAP_PROTOCOL, type: 'rows', job: 1, chunk: 0, rowStart: 0, rowEnd: 10 });
 * ```
 */
export const POWER_MAP_PROTOCOL = 'differt2d.powerMap/1';

/**
 * Map options as plain data (structured-clone and JSON safe): no function,
 * every default that depends on the sender resolved.
 *
 * @example
 * ```ts
 * const options: PortableGridOptions = { over: 'rx', nx: 10, ny: 10, bbox: [[0, 0], [1, 1]], gradient: false, chunkRows: 10, approx: false, alpha: 100, activation: 'hardSigmoid' };
 * ```
 */
export interface PortableGridOptions {
  over: GridOver;
  nx: number;
  ny: number;
  bbox: [[number, number], [number, number]];
  gradient: boolean;
  chunkRows: number;
  approx: boolean;
  alpha: number;
  activation: 'hardSigmoid' | 'sigmoid';
  minOrder?: number;
  maxOrder?: number;
  order?: number;
  filter?: number[];
  lossTolerance?: number;
  intersectTolerance?: number;
  rCoef?: number;
  h?: number;
  method?: PowerGridOptions['method'];
  solver?: PowerGridOptions['solver'];
  maxIterations?: number;
  steps?: number;
  learningRate?: number;
  many?: number;
  seed?: number;
  prune?: boolean;
  spatialIndex?: boolean;
}

/**
 * A map to compute elsewhere: the scene JSON text and the portable options.
 *
 * @example
 * ```ts
 * const { job }: { job: PowerMapJob } = portablePowerMap('powerMapInWorkers', basicScene(), { over: 'rx', nx: 10 });
 * ```
 */
export interface PowerMapJob {
  /** The scene, as scene JSON text. */
  readonly scene: string;
  /** The options. */
  readonly options: PortableGridOptions;
}

/**
 * A message to a worker: start a job (sent once per worker and job, before
 * its rows), or compute rows `[rowStart, rowEnd)` of chunk `chunk`.
 *
 * @example
 * ```ts
 * const request: PowerMapRequest = { protocol: POWER_MAP_PROTOCOL, type: 'rows', job: 1, chunk: 0, rowStart: 0, rowEnd: 10 };
 * ```
 */
export type PowerMapRequest =
  | { protocol: typeof POWER_MAP_PROTOCOL; type: 'job'; job: number; scene: string; options: PortableGridOptions }
  | { protocol: typeof POWER_MAP_PROTOCOL; type: 'rows'; job: number; chunk: number; rowStart: number; rowEnd: number };

/**
 * A worker's answer: the rows of a chunk, or why they failed.
 *
 * @example
 * ```ts
 * const reply: PowerMapReply = { protocol: POWER_MAP_PROTOCOL, type: 'error', job: 1, chunk: 0, message: 'out of memory' };
 * ```
 */
export type PowerMapReply =
  | { protocol: typeof POWER_MAP_PROTOCOL; type: 'rows'; job: number; chunk: number; power: Float64Array; gradient: Float64Array | null }
  | { protocol: typeof POWER_MAP_PROTOCOL; type: 'error'; job: number; chunk: number; message: string };

/**
 * Whether a value is a message of this protocol.
 *
 * @example
 * ```ts
 * isPowerMapMessage({ protocol: POWER_MAP_PROTOCOL, type: 'rows' }); // true
 * isPowerMapMessage('hello'); // false
 * ```
 */
export function isPowerMapMessage(value: unknown): value is PowerMapRequest | PowerMapReply {
  return typeof value === 'object' && value !== null && (value as { protocol?: unknown }).protocol === POWER_MAP_PROTOCOL;
}

/** Copy the optional keys that are set. */
function copyDefined<K extends keyof PortableGridOptions>(target: PortableGridOptions, source: PowerGridOptions, keys: readonly K[]): void {
  for (const key of keys) {
    const value = (source as unknown as Record<string, unknown>)[key];
    if (value !== undefined) (target as unknown as Record<string, unknown>)[key] = value;
  }
}

/** The scene JSON of scenes already sent (scenes are immutable: a map of the same scene again skips writing ~5 ms of text per 2,000 walls). */
const sceneTexts = new WeakMap<Scene, string>();

/**
 * Prepare a map to be computed elsewhere: check the options (at the call,
 * with the caller's name), resolve them to plain data, serialise the scene.
 * Also returns the map's plan for this scene (its grid and chunks); rows
 * meant to match the workers' bit for bit must be computed from
 * `planOfJob(op, job)`, the plan a worker resolves (the scene read back
 * from its JSON).
 *
 * @param checked - the plan of `scene` and `options` when already resolved.
 * @throws Error naming `op` and the option for bad options, an activation
 *   function (functions cannot be sent: use `'hardSigmoid'` or `'sigmoid'`),
 *   or a scene that scene JSON cannot write (a user-defined object type).
 * @example
 * ```ts
 * const { job, plan } = portablePowerMap('powerMapInWorkers', basicScene(), { over: 'rx', nx: 100 });
 * job.options.chunkRows; // 100
 * ```
 */
export function portablePowerMap(op: string, scene: Scene, options: PowerGridOptions, checked?: GridPlan): { job: PowerMapJob; plan: GridPlan } {
  const plan = checked ?? resolveGridPlan(op, scene, options);
  const approx = resolveApprox(options, op);
  if (typeof approx.activation === 'function') {
    throw new Error(`${op}: an activation function cannot be sent to workers; use 'hardSigmoid' or 'sigmoid' (or powerMap, in this thread)`);
  }
  let text = sceneTexts.get(scene);
  if (text === undefined) {
    try {
      text = sceneToJson(scene);
    } catch (error) {
      throw new Error(`${op}: the scene cannot be sent to workers as scene JSON: ${(error as Error).message}`, { cause: error });
    }
    sceneTexts.set(scene, text);
  }
  const portable: PortableGridOptions = {
    over: plan.over,
    nx: plan.nx,
    ny: plan.ny,
    bbox: [[...plan.bbox[0]], [...plan.bbox[1]]],
    gradient: plan.gradient,
    chunkRows: plan.chunkRows,
    approx: approx.approx,
    alpha: approx.alpha,
    activation: approx.activation,
  };
  copyDefined(portable, options, ['minOrder', 'maxOrder', 'order', 'lossTolerance', 'intersectTolerance', 'rCoef', 'h', 'prune', 'spatialIndex']);
  copyDefined(portable, options, ['method', 'solver', 'maxIterations', 'steps', 'learningRate', 'many', 'seed']);
  const filter = options.filter;
  if (typeof filter === 'function') {
    portable.filter = scene.objects.map((_, index) => index).filter((index) => filter(index));
  } else if (filter !== undefined) {
    portable.filter = [...filter];
  }
  return { job: { scene: text, options: portable }, plan };
}

/**
 * The plan of a job, as a worker resolves it.
 *
 * @example
 * ```ts
 * planOfJob('worker', job).nx; // job.options.nx
 * ```
 */
export function planOfJob(op: string, job: PowerMapJob): GridPlan {
  const options = job.options;
  return resolveGridPlan(op, sceneFromJson(job.scene), { ...options, bbox: asTensor(options.bbox) });
}
