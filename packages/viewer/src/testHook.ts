/**
 * A read-only window onto the viewer for tests and scripts
 * (`window.differt2dViewer`): the scene's points and the paths shown, with
 * their exact numbers, where a handle is on screen, and the timings.
 *
 * @module
 */
import type { Figure2Animation } from './animation.js';
import { median, type ViewerApp } from './app.js';
import { handlePosition, type Handle } from './handles.js';

/**
 * What `window.differt2dViewer.snapshot()` returns.
 *
 * @example
 * ```ts
 * const { transmitters, paths } = await page.evaluate(() => window.differt2dViewer.snapshot());
 * ```
 */
export interface ViewerSnapshot {
  readonly sceneName: string;
  readonly transmitters: Record<string, [number, number]>;
  readonly receivers: Record<string, [number, number]>;
  /** Each object's kind, and its ends `[[x0, y0], [x1, y1]]` when it is a segment. */
  readonly objects: { kind: string; xys: number[][] | null }[];
  readonly settings: { orders: boolean[]; method: string; approx: boolean; alpha: number };
  readonly paths: { tx: string; rx: string; candidate: number[]; power: number; validity: number; points: number[][] }[];
  readonly total: number;
  readonly gradients: Record<string, [number, number]>;
  readonly coverage: { nx: number; ny: number; stale: boolean; kind: string; finite: number; ms: number; workers: number } | null;
  readonly progress: { rowsDone: number; rows: number; running: boolean } | null;
  readonly optimization: { step: number; steps: number; running: boolean; tx: [number, number]; objective: number } | null;
}

/**
 * The hook's interface.
 *
 * @example
 * ```ts
 * window.differt2dViewer.handleOnScreen({ kind: 'tx', name: 'tx' }); // { x: 312.5, y: 640.1 }
 * ```
 */
export interface ViewerHook {
  /** The current state, as plain data. */
  snapshot(): ViewerSnapshot;
  /** Where a handle is in the page (client pixels), or null. */
  handleOnScreen(handle: Handle): { x: number; y: number } | null;
  /** Timings of the live updates (milliseconds, most recent last) and their medians. */
  timings(): { trace: number[]; draw: number[]; traceMedian: number; drawMedian: number };
  /** Every progress fraction the last map reported. */
  progressLog(): number[];
  /** The map shown: its axes and values, or null. */
  coverageGrid(): { x: number[]; y: number[]; power: number[] } | null;
}

function points(map: ReadonlyMap<string, { xy: { data: Float64Array } }>): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const [name, point] of map) out[name] = [point.xy.data[0]!, point.xy.data[1]!];
  return out;
}

/**
 * Install `window.differt2dViewer`.
 *
 * @example
 * ```ts
 * installTestHook(app, animation);
 * ```
 */
export function installTestHook(app: ViewerApp, animation: Figure2Animation): ViewerHook {
  const hook: ViewerHook = {
    snapshot() {
      const state = app.state;
      const trace = state.trace;
      const coverage = state.coverage;
      const run = state.optimization;
      let finite = 0;
      if (coverage !== null) for (const value of coverage.grid.power) if (Number.isFinite(value)) finite++;
      return {
        sceneName: state.sceneName,
        transmitters: points(state.scene.transmitters),
        receivers: points(state.scene.receivers),
        objects: state.scene.objects.map((object) => {
          const data = (object as { xys?: { data?: unknown } }).xys?.data;
          return { kind: object.kind, xys: data instanceof Float64Array && data.length === 4 ? [[data[0]!, data[1]!], [data[2]!, data[3]!]] : null };
        }),
        settings: { ...state.settings, orders: [...state.settings.orders] },
        paths: (trace?.paths ?? []).map((path) => ({ tx: path.tx, rx: path.rx, candidate: [...path.candidate], power: path.power, validity: path.validity, points: path.points })),
        total: trace?.total ?? 0,
        gradients: Object.fromEntries([...(trace?.gradients ?? new Map())].map(([name, g]) => [name, [g[0], g[1]]])),
        coverage:
          coverage === null
            ? null
            : { nx: coverage.grid.x.length, ny: coverage.grid.y.length, stale: coverage.stale, kind: coverage.kind, finite, ms: coverage.ms, workers: coverage.workers },
        progress: state.progress === null ? null : { ...state.progress },
        optimization:
          run === null
            ? null
            : { step: run.step, steps: run.steps, running: run.running && animation.running, tx: [...run.trajectory[run.trajectory.length - 1]!] as [number, number], objective: run.objective },
      };
    },
    handleOnScreen(handle) {
      const at = handlePosition(app.state.scene, handle);
      if (at === null) return null;
      const frame = app.layout().layout.frame;
      const box = app.canvas.getBoundingClientRect();
      return { x: box.left + frame.pixelX(at[0]), y: box.top + frame.pixelY(at[1]) };
    },
    timings() {
      return { trace: [...app.timings.trace], draw: [...app.timings.draw], traceMedian: median(app.timings.trace), drawMedian: median(app.timings.draw) };
    },
    progressLog() {
      return [...app.coverage.progressLog];
    },
    coverageGrid() {
      const grid = app.state.coverage?.grid;
      return grid === undefined ? null : { x: [...grid.x], y: [...grid.y], power: [...grid.power] };
    },
  };
  (window as unknown as { differt2dViewer: ViewerHook }).differt2dViewer = hook;
  return hook;
}
