/**
 * What a power map computes, resolved once: the grid (axes, chunks of rows),
 * the moving point and the fixed ones, the tracer's options and, when it
 * applies, the fused image-method kernel.
 *
 * @module
 */
import { asTensor, type TensorLike } from '@differt2d/autodiff';
import { SegmentGrid, SPATIAL_INDEX_MIN_WALLS } from '@differt2d/geometry';
import { countPathCandidates, type TracePathsOptions } from '@differt2d/tracer';
import { checkSceneTraceOptions, isApproximated, toTracePathsOptions, type SceneTraceOptions } from '../operations/traceOptions.js';
import type { Scene } from '../scene/scene.js';
import { imageKernelSceneOf, imageKernelSettingsOf, type ImageKernelScene, type ImageKernelSettings } from './imagePowerKernel.js';

/**
 * Which point moves over the grid: `'rx'`, a receiver (the power at each grid
 * point, summed over all the scene's transmitters; the scene's own receivers
 * are not used), or `'tx'`, a transmitter (the power it sends to all the
 * scene's receivers, summed; the scene's own transmitters are not used).
 *
 * @example
 * ```ts
 * const over: GridOver = 'tx';
 * ```
 */
export type GridOver = 'rx' | 'tx';

/**
 * Options of `powerGrid`, `powerMap`, `powerMapInWorkers` and
 * `powerMapParallel`: the grid, then the scene operations' options.
 *
 * @example
 * ```ts
 * const options: PowerGridOptions = { over: 'rx', nx: 300, maxOrder: 1 };
 * const txMap: PowerGridOptions = { over: 'tx', nx: 100, ny: 50, bbox: [[0, 0], [1, 0.5]], approx: true, gradient: true };
 * ```
 */
export interface PowerGridOptions extends SceneTraceOptions {
  /** The moving point (see {@link GridOver}). */
  over: GridOver;
  /** Number of grid columns (along x), >= 1. */
  nx: number;
  /** Number of grid rows (along y), >= 1 (default `nx`). */
  ny?: number;
  /** `[[xmin, ymin], [xmax, ymax]]` (metres); default `scene.boundingBox()`. */
  bbox?: TensorLike;
  /** Also compute the gradient of the power w.r.t. the moving point (default false). */
  gradient?: boolean;
  /**
   * Rows per chunk (default: about 16384 grid points per chunk with the
   * fused image kernel; through the differentiable tracer, 32768 divided by
   * the number of candidates, between 64 and 4096 points: see
   * `KERNEL_CHUNK_POINTS` and `TAPE_CHUNK_PATHS`). Chunks bound the memory
   * and are the unit of work of workers; results do not depend on the
   * number of workers, for a given `chunkRows`.
   */
  chunkRows?: number;
}

/**
 * A power map: the grid's axes and the power at each point (row-major: row
 * `j` is `y[j]`, column `i` is `x[i]`; the point `(x[i], y[j])` is at
 * `j * nx + i`), and with `gradient` its gradient w.r.t. the moving point.
 *
 * @example
 * ```ts
 * const { x, y, power }: PowerGrid = powerGrid(basicScene(), { over: 'rx', nx: 3 });
 * power[1 * x.length + 2]; // the power at (x[2], y[1])
 * ```
 */
export interface PowerGrid {
  /** `[nx]`: the columns' x (metres), as `scene.grid(nx, ny)`. */
  x: Float64Array;
  /** `[ny]`: the rows' y (metres). */
  y: Float64Array;
  /** `[ny * nx]`: the received power (same unit as `receivedPower`, P0 = 100 at zero distance; 0 where no path is valid). */
  power: Float64Array;
  /** `[ny * nx * 2]` with `gradient`: d power / d x, d power / d y of the moving point, per grid point. */
  gradient?: Float64Array;
}

/**
 * Grid points per chunk with the fused image kernel (~400 KB of points and
 * values: 16 bytes per point, 8 per value).
 *
 * @example
 * ```ts
 * resolveGridPlan('powerGrid', basicScene(), { over: 'rx', nx: 300 }).chunkRows; // floor(16384 / 300) = 54
 * ```
 */
export const KERNEL_CHUNK_POINTS = 16384;

/**
 * Points times candidates per chunk through the differentiable tracer.
 * With the gradient, the tape holds every candidate's intermediates for the
 * chunk until the backward pass: measured ~0.7-1.2 KB per point and
 * candidate (basic scene, approx), so a chunk holds ~25-40 MB whatever the
 * order: 4096 points for order <= 1 (8 candidates), 655 for order <= 2 (50).
 * Chunks hold between 64 and 4096 points, and at least one row.
 *
 * @example
 * ```ts
 * resolveGridPlan('powerGrid', basicScene(), { over: 'tx', nx: 100, approx: true, gradient: true }).chunkRows; // 40
 * resolveGridPlan('powerGrid', basicScene(), { over: 'tx', nx: 100, maxOrder: 2, approx: true, gradient: true }).chunkRows; // 6
 * ```
 */
export const TAPE_CHUNK_PATHS = 32768;

/**
 * A resolved map: everything `gridRows` needs to compute any rows.
 *
 * @example
 * ```ts
 * const plan: GridPlan = resolveGridPlan('powerGrid', basicScene(), { over: 'rx', nx: 10 });
 * plan.chunkRows; // 10: one chunk
 * ```
 */
export interface GridPlan {
  /** The function asking, for messages. */
  readonly op: string;
  /** The scene. */
  readonly scene: Scene;
  /** The moving point. */
  readonly over: GridOver;
  /** Columns. */
  readonly nx: number;
  /** Rows. */
  readonly ny: number;
  /** `[[xmin, ymin], [xmax, ymax]]`. */
  readonly bbox: readonly [readonly [number, number], readonly [number, number]];
  /** Column x. */
  readonly x: Float64Array;
  /** Row y. */
  readonly y: Float64Array;
  /** The fixed points (all TX over `'rx'`, all RX over `'tx'`), `[F * 2]`. */
  readonly fixed: Float64Array;
  /** Whether the gradient is computed. */
  readonly gradient: boolean;
  /** Rows per chunk. */
  readonly chunkRows: number;
  /** The tracer's options. */
  readonly traceOptions: TracePathsOptions;
  /** The scene options as given (with the grid's). */
  readonly options: PowerGridOptions;
  /**
   * The fused kernel's scene and settings, when the map can use it (exact,
   * image method, no gradient), and its grid over the blocking walls (null
   * with `spatialIndex: false` or fewer than `SPATIAL_INDEX_MIN_WALLS` of them).
   */
  readonly kernel: { readonly scene: ImageKernelScene; readonly settings: ImageKernelSettings; readonly blockerIndex: SegmentGrid | null } | null;
}

function positiveInteger(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new Error(`${op}: ${name} must be a positive integer, got ${typeof value === 'number' ? value : JSON.stringify(value)}`);
  }
  return value;
}

/**
 * The axis values of a grid over [lower, upper] with `count` points: the
 * same numbers as `scene.grid` (`lower (1 - f) + upper f`, `f = linspace(0, 1, count)`).
 *
 * @example
 * ```ts
 * gridAxis(0, 1, 3); // Float64Array [0, 0.5, 1]
 * ```
 */
export function gridAxis(lower: number, upper: number, count: number): Float64Array {
  const axis = new Float64Array(count);
  const step = count > 1 ? (1 - 0) / (count - 1) : 0;
  for (let i = 0; i < count; i++) {
    const f = count > 1 && i === count - 1 ? 1 : 0 + i * step;
    axis[i] = lower * (1 - f) + upper * f;
  }
  return axis;
}

function readBox(op: string, scene: Scene, bbox: TensorLike | undefined): [[number, number], [number, number]] {
  const box = bbox === undefined ? scene.boundingBox() : asTensor(bbox, `${op}: bbox`);
  if (box.shape.length !== 2 || box.shape[0] !== 2 || box.shape[1] !== 2) {
    throw new Error(`${op}: bbox must be [[xmin, ymin], [xmax, ymax]], got shape [${box.shape.join(', ')}]`);
  }
  const [x0, y0, x1, y1] = box.data;
  for (const value of [x0, y0, x1, y1]) {
    if (!Number.isFinite(value)) throw new Error(`${op}: bbox coordinates must be finite numbers, got [[${x0}, ${y0}], [${x1}, ${y1}]]`);
  }
  return [
    [x0!, y0!],
    [x1!, y1!],
  ];
}

/** The scene's fixed points for a map over `over`, checked to exist. */
function fixedPoints(op: string, scene: Scene, over: GridOver): Float64Array {
  const points = over === 'rx' ? scene.transmitters : scene.receivers;
  if (points.size === 0) {
    const needed = over === 'rx' ? 'a transmitter (a map over receivers sums the power of every transmitter)' : 'a receiver (a map over transmitters sums the power at every receiver)';
    throw new Error(`${op}: the scene has no ${over === 'rx' ? 'transmitter' : 'receiver'}; over '${over}' needs at least ${needed}`);
  }
  const fixed = new Float64Array(2 * points.size);
  let f = 0;
  for (const point of points.values()) {
    fixed[f++] = point.xy.data[0]!;
    fixed[f++] = point.xy.data[1]!;
  }
  return fixed;
}

/** Whether object `index` may appear in a candidate under the filter. */
function allowedBy(filter: TracePathsOptions['filter']): (index: number) => boolean {
  if (filter === undefined) return () => true;
  if (typeof filter === 'function') return filter;
  const set = new Set(filter);
  return (index) => set.has(index);
}

/**
 * The fused kernel's data: the scene, the settings, and (when asked and
 * worth it) the grid over the blocking walls, built once per map on first
 * use: the calling thread of a map computed in workers never needs it.
 */
function kernelOf(scene: ImageKernelScene, settings: ImageKernelSettings, spatialIndex: boolean): NonNullable<GridPlan['kernel']> {
  let blockerIndex: SegmentGrid | null | undefined;
  return {
    scene,
    settings,
    get blockerIndex(): SegmentGrid | null {
      if (blockerIndex === undefined) {
        blockerIndex = spatialIndex && scene.blockerCount >= SPATIAL_INDEX_MIN_WALLS ? new SegmentGrid(scene.blockers, settings.intersectTolerance) : null;
      }
      return blockerIndex;
    },
  };
}

/**
 * Check and resolve the options of a map. Everything is checked here, so
 * that bad input fails at the call with a message naming the option.
 *
 * @throws Error naming `op` and the option (over, nx, ny, bbox, chunkRows,
 *   gradient), a scene without the fixed points the map needs, or the
 *   tracer's message for bad tracing options.
 * @example
 * ```ts
 * resolveGridPlan('powerGrid', basicScene(), { over: 'rx', nx: 300 }).kernel !== null; // true: the fused kernel applies
 * ```
 */
export function resolveGridPlan(op: string, scene: Scene, options: PowerGridOptions): GridPlan {
  if (options === null || typeof options !== 'object') throw new Error(`${op}: options must be an object, got ${String(options)}`);
  const over = options.over;
  if (over !== 'rx' && over !== 'tx') throw new Error(`${op}: over must be 'rx' or 'tx', got ${JSON.stringify(over)}`);
  const nx = positiveInteger(op, 'nx', options.nx);
  const ny = positiveInteger(op, 'ny', options.ny ?? nx);
  if (options.gradient !== undefined && typeof options.gradient !== 'boolean') {
    throw new Error(`${op}: gradient must be a boolean, got ${String(options.gradient)}`);
  }
  const gradient = options.gradient === true;
  const traceOptions = toTracePathsOptions(op, options);
  checkSceneTraceOptions(scene, traceOptions);
  const fixed = fixedPoints(op, scene, over);
  const bbox = readBox(op, scene, options.bbox);
  const useKernel = !gradient && traceOptions.tracer === undefined && !isApproximated(options);
  const kernelScene = useKernel ? imageKernelSceneOf(scene.objects, allowedBy(traceOptions.filter)) : null;
  const kernel = kernelScene === null ? null : kernelOf(kernelScene, imageKernelSettingsOf(options), options.spatialIndex !== false);
  const candidates = countPathCandidates(scene.objects.length, traceOptions);
  const chunkPoints = kernel !== null ? KERNEL_CHUNK_POINTS : Math.max(64, Math.min(4096, Math.floor(TAPE_CHUNK_PATHS / Math.max(1, candidates))));
  const chunkRows = options.chunkRows === undefined ? Math.max(1, Math.floor(chunkPoints / nx)) : positiveInteger(op, 'chunkRows', options.chunkRows);
  return {
    op,
    scene,
    over,
    nx,
    ny,
    bbox,
    x: gridAxis(bbox[0][0], bbox[1][0], nx),
    y: gridAxis(bbox[0][1], bbox[1][1], ny),
    fixed,
    gradient,
    chunkRows: Math.min(chunkRows, ny),
    traceOptions,
    options,
    kernel,
  };
}

/**
 * The chunks of a plan: `[rowStart, rowEnd)` ranges of `chunkRows` rows
 * (the last may be shorter), in order.
 *
 * @example
 * ```ts
 * gridChunks({ ny: 5, chunkRows: 2 }); // [[0, 2], [2, 4], [4, 5]]
 * ```
 */
export function gridChunks(plan: { readonly ny: number; readonly chunkRows: number }): [number, number][] {
  const chunks: [number, number][] = [];
  for (let start = 0; start < plan.ny; start += plan.chunkRows) chunks.push([start, Math.min(plan.ny, start + plan.chunkRows)]);
  return chunks;
}

/**
 * An empty result for a plan: the axes, and zeroed power (and gradient).
 *
 * @example
 * ```ts
 * emptyPowerGrid(plan).power.length; // ny * nx
 * ```
 */
export function emptyPowerGrid(plan: GridPlan): PowerGrid {
  const grid: PowerGrid = { x: plan.x.slice(), y: plan.y.slice(), power: new Float64Array(plan.nx * plan.ny) };
  if (plan.gradient) grid.gradient = new Float64Array(2 * plan.nx * plan.ny);
  return grid;
}
