/**
 * The viewer as a whole: the store, the canvas it is drawn on, and the
 * operations the controls, the pointer and the keyboard call (load a scene,
 * change settings, move a handle, compute a map...). Tracing is
 * synchronous and redrawing waits for the next animation frame.
 *
 * @module
 */
import { objectiveAndGradient } from './animation.js';
import { CanvasPainter, measureText } from './canvasPainter.js';
import { COVERAGE_LOOK, CoverageController, coverageJobs, DEFAULT_RESOLUTION } from './coverage.js';
import { drawView } from './drawing.js';
import { moveHandle, type Handle, type XY } from './handles.js';
import type { Scene } from '@differt2d/scene';
import { initialState, Store, type ViewerState } from './state.js';
import { DEFAULT_TRACE_SETTINGS, traceView, type TraceSettings } from './tracing.js';
import { viewLayout, type ViewLayout } from './viewLayout.js';

/** How many recent frame timings are kept. */
export const TIMING_WINDOW = 240;

/**
 * Timings of the live updates, most recent last (milliseconds).
 *
 * @example
 * ```ts
 * const { trace, draw }: FrameTimings = app.timings;
 * ```
 */
export interface FrameTimings {
  /** Finding the paths, their power and its gradient, per update. */
  readonly trace: number[];
  /** Drawing the view, per frame. */
  readonly draw: number[];
}

/**
 * The median of some numbers (NaN for none).
 *
 * @example
 * ```ts
 * median([3, 1, 2]); // 2
 * ```
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function keep(list: number[], value: number): void {
  list.push(value);
  if (list.length > TIMING_WINDOW) list.shift();
}

/**
 * The viewer: state, drawing, and the operations on them.
 *
 * @example
 * ```ts
 * const app = new ViewerApp(canvas, basicScene(), 'basic');
 * app.moveHandle({ kind: 'tx', name: 'tx' }, [0.2, 0.1]);
 * ```
 */
export class ViewerApp {
  readonly store: Store;
  readonly coverage: CoverageController;
  readonly timings: FrameTimings = { trace: [], draw: [] };
  /** Grid size of coverage maps (cells along the longer side). */
  resolution = DEFAULT_RESOLUTION;
  /** Recompute a shown coverage map after each change (once the pointer is released). */
  autoMap = true;
  private drawRequested = false;
  private mapTimer: ReturnType<typeof setTimeout> | null = null;
  private cachedLayout: { key: string; view: ViewLayout } | null = null;
  private size = { width: 0, height: 0, ratio: 1 };
  /** Called with errors to show (set by the controls). */
  onError: (message: string) => void = () => {};

  constructor(
    readonly canvas: HTMLCanvasElement,
    scene: Scene,
    sceneName: string,
  ) {
    this.store = new Store(initialState(scene, sceneName));
    this.coverage = new CoverageController(this.store);
    this.store.subscribe(() => this.requestDraw());
    this.retrace();
  }

  /** The current state. */
  get state(): ViewerState {
    return this.store.state;
  }

  /** Load a scene (the view is fitted to it; maps and the optimisation are dropped). */
  loadScene(scene: Scene, sceneName: string, settings: TraceSettings = this.state.settings ?? DEFAULT_TRACE_SETTINGS): void {
    this.coverage.cancel();
    this.store.set({ ...initialState(scene, sceneName, settings), showGradient: this.state.showGradient });
    this.retrace();
  }

  /** Change how paths are traced. */
  setSettings(patch: Partial<TraceSettings>): void {
    this.store.set({ settings: { ...this.state.settings, ...patch } });
    this.retrace();
    this.sceneChanged(false);
  }

  /**
   * Move a handle (TX, RX, wall end) to `xy` (clamped to the view), retrace.
   *
   * @param dragging - a drag is under way: a coverage map is refreshed only when it ends.
   */
  moveHandle(handle: Handle, xy: XY, dragging = false): void {
    const { xmin, xmax, ymin, ymax } = this.state.extent;
    const clamped: XY = [Math.min(xmax, Math.max(xmin, xy[0])), Math.min(ymax, Math.max(ymin, xy[1]))];
    let scene: Scene;
    try {
      scene = moveHandle(this.state.scene, handle, clamped);
    } catch (error) {
      this.onError((error as Error).message);
      return;
    }
    if (scene === this.state.scene) return;
    this.store.set({ scene });
    this.retrace();
    this.sceneChanged(dragging);
  }

  /** A drag ended: refresh the coverage map if it is out of date. */
  dragEnded(): void {
    this.store.set({ dragging: false });
    if (this.state.coverage?.stale === true && this.autoMap) this.scheduleMap(0);
  }

  /** Trace the current scene with the current settings. */
  retrace(): void {
    let result = traceView(this.state.scene, this.state.settings);
    if (this.state.sceneName === 'figure-2' && result.error === null) {
      // Figure 2's arrow shows where its objective (the smaller of the two
      // receivers' powers, the one the animation climbs) increases, not their sum.
      const name = this.state.scene.transmitters.keys().next().value as string;
      const { gradient } = objectiveAndGradient(this.state.scene, this.state.settings.alpha);
      result = { ...result, gradients: new Map([[name, gradient]]) };
    }
    keep(this.timings.trace, result.traceMs + result.gradientMs);
    const highlighted = this.state.highlightedPath;
    this.store.set({ trace: result, highlightedPath: highlighted !== null && highlighted < result.paths.length ? highlighted : null });
  }

  private sceneChanged(dragging: boolean): void {
    const coverage = this.state.coverage;
    if (coverage === null || coverage.kind !== 'coverage') return;
    if (this.coverage.running) this.coverage.cancel();
    if (!coverage.stale) this.store.set({ coverage: { ...coverage, stale: true } });
    if (this.autoMap && !dragging) this.scheduleMap(250);
  }

  private scheduleMap(delayMs: number): void {
    if (this.mapTimer !== null) clearTimeout(this.mapTimer);
    this.mapTimer = setTimeout(() => {
      this.mapTimer = null;
      void this.computeCoverage();
    }, delayMs);
  }

  /** Compute the coverage map of the current scene and settings in the workers. */
  async computeCoverage(): Promise<boolean> {
    if (this.mapTimer !== null) {
      clearTimeout(this.mapTimer);
      this.mapTimer = null;
    }
    const jobs = coverageJobs(this.state.scene, this.state.settings, this.resolution);
    if (jobs.length === 0) {
      this.onError('Select at least one order to compute a coverage map.');
      return false;
    }
    try {
      return await this.coverage.run(jobs, COVERAGE_LOOK);
    } catch (error) {
      this.onError(`Coverage map: ${(error as Error).message}`);
      return false;
    }
  }

  /** Remove the map layer. */
  clearCoverage(): void {
    this.coverage.cancel();
    this.store.set({ coverage: null, progress: null });
  }

  /** Fit the canvas to its box (CSS size times the device pixel ratio) and redraw. */
  resize(): void {
    const box = this.canvas.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(320, Math.floor(box.width));
    const height = Math.max(240, Math.floor(box.height));
    if (width === this.size.width && height === this.size.height && ratio === this.size.ratio) return;
    this.size = { width, height, ratio };
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.drawNow();
  }

  /** The layout of the view at the canvas's size (kept while nothing it depends on changes). */
  layout(width = this.size.width, height = this.size.height): ViewLayout {
    const state = this.state;
    const { xmin, xmax, ymin, ymax } = state.extent;
    const coverage = state.coverage;
    const key = [width, height, xmin, xmax, ymin, ymax, coverage === null ? '' : `${coverage.label}|${coverage.scale.vmin}|${coverage.scale.vmax}`].join('|');
    if (this.cachedLayout?.key !== key) {
      this.cachedLayout = { key, view: viewLayout(state.extent, width, height, measureText, coverage) };
    }
    return this.cachedLayout.view;
  }

  /** Redraw at the next animation frame (once, however many changes come first). */
  requestDraw(): void {
    if (this.drawRequested) return;
    this.drawRequested = true;
    requestAnimationFrame(() => {
      this.drawRequested = false;
      this.drawNow();
    });
  }

  /** Redraw now. */
  drawNow(): void {
    if (this.size.width === 0) return;
    const start = performance.now();
    const context = this.canvas.getContext('2d')!;
    drawView(new CanvasPainter(context, this.size.width, this.size.height, this.size.ratio), this.state, this.layout());
    keep(this.timings.draw, performance.now() - start);
  }

  /** The canvas's size in CSS pixels and its pixel ratio. */
  get viewSize(): { readonly width: number; readonly height: number; readonly ratio: number } {
    return this.size;
  }
}
