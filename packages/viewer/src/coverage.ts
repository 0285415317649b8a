/**
 * The coverage-map layer: the received power over a grid of receiver
 * positions, computed by the library in Web Workers (`powerMapInWorkers`),
 * with progress, cancellation, a dB colour scale and the map's raster.
 *
 * @module
 */
import {
  colormap,
  colorScale,
  mapCellExtent,
  mapRaster,
  powerMapInWorkers,
  type ColorScaleOptions,
  type PowerGrid,
  type PowerGridOptions,
  type Scene,
} from '@differt2d/scene';
import type { CoverageLayer, Store } from './state.js';
import { orderRuns, traceOptions, type TraceSettings } from './tracing.js';
import { coverageWorkers } from './workerPool.js';

/** Grid sizes offered (cells along the scene's longer side). */
export const RESOLUTIONS: readonly number[] = Object.freeze([60, 100, 150, 250, 400]);

/** The default grid size. */
export const DEFAULT_RESOLUTION = 150;

/**
 * One map to compute: a scene and the library's grid options (no
 * callbacks: progress and cancellation are added).
 *
 * @example
 * ```ts
 * const job: MapJob = { scene, options: { over: 'rx', nx: 150, ny: 150, maxOrder: 2 } };
 * ```
 */
export interface MapJob {
  readonly scene: Scene;
  readonly options: PowerGridOptions;
}

/** Chunks per map at least: the progress bar moves in steps of about 5 %, and every worker gets several chunks. */
export const MIN_CHUNKS = 20;

/**
 * The grid of a scene for a resolution: `resolution` cells along the
 * longer side of its bounding box, as many per metre along the other, in
 * chunks of rows small enough for `MIN_CHUNKS` chunks.
 *
 * @example
 * ```ts
 * gridShape(basicScene(), 150); // { nx: 150, ny: 150, bbox: [[0, 0], [1, 1]], chunkRows: 8 }
 * ```
 */
export function gridShape(scene: Scene, resolution: number): { nx: number; ny: number; bbox: [[number, number], [number, number]]; chunkRows: number } {
  const box = scene.boundingBox().data;
  const bbox: [[number, number], [number, number]] = [
    [box[0]!, box[1]!],
    [box[2]!, box[3]!],
  ];
  const dx = bbox[1][0] - bbox[0][0];
  const dy = bbox[1][1] - bbox[0][1];
  const longest = Math.max(dx, dy) || 1;
  const nx = Math.max(2, Math.round((resolution * dx) / longest));
  const ny = Math.max(2, Math.round((resolution * dy) / longest));
  return { nx, ny, bbox, chunkRows: Math.max(1, Math.ceil(ny / MIN_CHUNKS)) };
}

/**
 * The maps of coverage for a scene and settings: one per run of selected
 * orders (their powers add up), over a grid of receivers.
 *
 * @example
 * ```ts
 * coverageJobs(basicScene(), DEFAULT_TRACE_SETTINGS, 150).length; // 1 (orders 0 to 2)
 * ```
 */
export function coverageJobs(scene: Scene, settings: TraceSettings, resolution: number): MapJob[] {
  const shape = gridShape(scene, resolution);
  return orderRuns(settings.orders).map((run) => ({ scene, options: { over: 'rx', ...shape, ...traceOptions(settings, run) } }));
}

/**
 * A colour scale in dB for a map: the top at the largest value (rounded up
 * to 5 dB), 60 dB of range at most.
 *
 * @example
 * ```ts
 * autoDbScale(new Float64Array([1, 10, 0])); // { scale: 'dB', vmin: -25, vmax: -10 }
 * ```
 */
export function autoDbScale(power: Float64Array): ColorScaleOptions {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < power.length; i++) {
    const value = power[i]!;
    if (value > 0 && Number.isFinite(value)) {
      const db = 10 * Math.log10(value / 100);
      if (db < low) low = db;
      if (db > high) high = db;
    }
  }
  if (!Number.isFinite(high)) return { scale: 'dB', vmin: -60, vmax: 0 };
  const vmax = Math.ceil(high / 5) * 5;
  const vmin = Math.max(Math.floor(low / 5) * 5, vmax - 60);
  return { scale: 'dB', vmin: vmin < vmax ? vmin : vmax - 5, vmax };
}

/**
 * How maps of a `run` become one layer: summed (coverage over several runs
 * of orders) or their minimum (figure 2's objective), times `factor`, shown
 * with the colour scale `scaleOf` gives and the colour bar's `label`.
 *
 * @example
 * ```ts
 * const look: MapLook = { kind: 'coverage', combine: 'sum', factor: 1, scaleOf: autoDbScale, label: 'Power (dB)' };
 * ```
 */
export interface MapLook {
  /** What the layer shows: `coverage` goes out of date when the scene changes; `objective` (over TX positions) does not when a TX moves. */
  readonly kind: CoverageLayer['kind'];
  readonly combine: 'sum' | 'min';
  readonly factor: number;
  readonly scaleOf: (values: Float64Array) => ColorScaleOptions;
  readonly label: string;
}

/**
 * The look of a coverage map: powers summed, dB scale from the data.
 *
 * @example
 * ```ts
 * await coverage.run(coverageJobs(scene, settings, 150), COVERAGE_LOOK);
 * ```
 */
export const COVERAGE_LOOK: MapLook = Object.freeze({ kind: 'coverage', combine: 'sum', factor: 1, scaleOf: autoDbScale, label: 'Power (dB rel. P0)' });

/**
 * Computes maps in the workers, one at a time (a new one cancels the one
 * running), and puts them in the store as the coverage layer.
 *
 * @example
 * ```ts
 * const coverage = new CoverageController(store);
 * await coverage.run(coverageJobs(scene, settings, 150), COVERAGE_LOOK);
 * ```
 */
export class CoverageController {
  private controller: AbortController | null = null;
  /** Every progress fraction reported by the last map (for tests and the status line). */
  progressLog: number[] = [];

  constructor(private readonly store: Store) {}

  /** Whether a map is being computed. */
  get running(): boolean {
    return this.controller !== null;
  }

  /** Stop the map being computed (its promise resolves to false). */
  cancel(): void {
    if (this.controller === null) return;
    this.controller.abort();
    this.controller = null;
    const progress = this.store.state.progress;
    this.store.set({ progress: progress === null ? null : { ...progress, running: false } });
  }

  /**
   * Compute maps and show them as one layer (see {@link MapLook}). Resolves to true when the map
   * is shown, false when cancelled (by `cancel` or a newer `run`).
   *
   * @throws Error from the library (bad options), shown to the user by the caller.
   */
  async run(jobs: readonly MapJob[], look: MapLook): Promise<boolean> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const rowsPerJob = jobs.map((job) => job.options.ny ?? job.options.nx);
    const rows = rowsPerJob.reduce((a, b) => a + b, 0);
    let rowsBefore = 0;
    this.progressLog = [0];
    this.store.set({ progress: { rowsDone: 0, rows, running: true } });
    const workers = coverageWorkers();
    const start = performance.now();
    try {
      let grid: PowerGrid | null = null;
      for (let k = 0; k < jobs.length; k++) {
        const job = jobs[k]!;
        const part = await powerMapInWorkers(job.scene, workers, {
          ...job.options,
          signal: controller.signal,
          onProgress: (done) => {
            if (controller.signal.aborted) return;
            this.progressLog.push((rowsBefore + done) / rows);
            this.store.set({ progress: { rowsDone: rowsBefore + done, rows, running: true } });
          },
        });
        rowsBefore += rowsPerJob[k]!;
        if (grid === null) grid = part;
        else for (let i = 0; i < grid.power.length; i++) grid.power[i] = look.combine === 'sum' ? grid.power[i]! + part.power[i]! : Math.min(grid.power[i]!, part.power[i]!);
      }
      if (grid === null || controller.signal.aborted) return false;
      if (look.factor !== 1) for (let i = 0; i < grid.power.length; i++) grid.power[i] = grid.power[i]! * look.factor;
      const scale = colorScale(look.scaleOf(grid.power), grid.power);
      const colors = colormap('viridis');
      const layer: CoverageLayer = {
        grid,
        scale,
        colormap: colors,
        raster: mapRaster(grid, scale, colors),
        cells: mapCellExtent(grid),
        label: look.label,
        kind: look.kind,
        stale: false,
        ms: performance.now() - start,
        workers: workers.length,
      };
      this.controller = null;
      this.store.set({ coverage: layer, progress: { rowsDone: rows, rows, running: false } });
      return true;
    } catch (error) {
      if (controller.signal.aborted) return false;
      this.controller = null;
      this.store.set({ progress: null });
      throw error;
    }
  }
}
