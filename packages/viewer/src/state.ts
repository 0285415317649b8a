/**
 * The viewer's state: the scene and how it is traced, what is selected,
 * the traced result, the coverage layer and the optimisation's trajectory;
 * one store, changed by `set`, read by the parts of the page that subscribe.
 *
 * @module
 */
import { drawingExtent, paddedExtent, sceneDrawing, type Colormap, type ColorScale, type DataExtent, type PowerGrid, type RgbaImage, type Scene } from '@differt2d/scene';
import type { Handle, XY } from './handles.js';
import { DEFAULT_TRACE_SETTINGS, type TraceResult, type TraceSettings } from './tracing.js';

/**
 * A computed coverage map as the view shows it.
 *
 * @example
 * ```ts
 * const layer: CoverageLayer = { grid, scale, colormap, raster, cells, label: 'Power (dB)', kind: 'coverage', stale: false, ms: 420, workers: 2 };
 * ```
 */
export interface CoverageLayer {
  /** The map. */
  readonly grid: PowerGrid;
  /** Its colour scale. */
  readonly scale: ColorScale;
  /** Its colour map. */
  readonly colormap: Colormap;
  /** One pixel per cell, highest y on top. */
  readonly raster: RgbaImage;
  /** The cells' extent (metres). */
  readonly cells: DataExtent;
  /** The colour bar's label. */
  readonly label: string;
  /** `coverage`: power over RX positions; `objective`: figure 2's objective over TX positions. */
  readonly kind: 'coverage' | 'objective';
  /** True once the scene or settings changed after the map was computed. */
  readonly stale: boolean;
  /** How long it took (milliseconds). */
  readonly ms: number;
  /** Workers used (0: computed in the page's thread). */
  readonly workers: number;
}

/**
 * Progress of the coverage map being computed.
 *
 * @example
 * ```ts
 * const progress: CoverageProgress = { rowsDone: 40, rows: 100, running: true };
 * ```
 */
export interface CoverageProgress {
  readonly rowsDone: number;
  readonly rows: number;
  readonly running: boolean;
}

/**
 * The figure-2 optimisation's state.
 *
 * @example
 * ```ts
 * const run: OptimizationView = { step: 20, steps: 100, trajectory: [[0.5, 0.7]], objective: 1e-3, alpha: 2.5, running: true };
 * ```
 */
export interface OptimizationView {
  /** Steps done. */
  readonly step: number;
  /** Steps in all. */
  readonly steps: number;
  /** TX positions: the start, then after each step. */
  readonly trajectory: readonly XY[];
  /** The objective (min over receivers of P / P0) at the last step. */
  readonly objective: number;
  /** The slope of the smoothed validity of the last step. */
  readonly alpha: number;
  /** Still stepping. */
  readonly running: boolean;
}

/**
 * Everything the page shows.
 *
 * @example
 * ```ts
 * const state: ViewerState = initialState(basicScene(), 'basic');
 * ```
 */
export interface ViewerState {
  /** The scene's id in the list, or the dropped file's name. */
  readonly sceneName: string;
  readonly scene: Scene;
  /** The data extent shown (fixed while the scene is edited, so that dragging does not rescale the view). */
  readonly extent: DataExtent;
  readonly settings: TraceSettings;
  /** The handle the keyboard moves (highlighted). */
  readonly selected: Handle | null;
  /** The handle under the pointer. */
  readonly hovered: Handle | null;
  /** A handle is being dragged. */
  readonly dragging: boolean;
  /** The traced paths of the current scene and settings. */
  readonly trace: TraceResult | null;
  /** The index in `trace.paths` of the path the list points at. */
  readonly highlightedPath: number | null;
  readonly coverage: CoverageLayer | null;
  readonly progress: CoverageProgress | null;
  /** Show the gradient of the received power at each TX. */
  readonly showGradient: boolean;
  readonly optimization: OptimizationView | null;
  /** A message for the user (an error reading a file...), or null. */
  readonly message: { readonly text: string; readonly error: boolean } | null;
}

/**
 * The extent a scene is shown with: everything in it, padded by 6 %.
 *
 * @example
 * ```ts
 * sceneExtent(basicScene()); // { xmin: -0.06, xmax: 1.06, ymin: -0.06, ymax: 1.06 }
 * ```
 */
export function sceneExtent(scene: Scene): DataExtent {
  return paddedExtent(drawingExtent(sceneDrawing(scene)) ?? { xmin: 0, xmax: 1, ymin: 0, ymax: 1 }, 0.06);
}

/**
 * The state of a freshly loaded scene (its TX selected).
 *
 * @example
 * ```ts
 * initialState(basicScene(), 'basic').selected; // { kind: 'tx', name: 'tx' }
 * ```
 */
export function initialState(scene: Scene, sceneName: string, settings: TraceSettings = DEFAULT_TRACE_SETTINGS): ViewerState {
  const firstTx = scene.transmitters.keys().next();
  return {
    sceneName,
    scene,
    extent: sceneExtent(scene),
    settings,
    selected: firstTx.done ? null : { kind: 'tx', name: firstTx.value },
    hovered: null,
    dragging: false,
    trace: null,
    highlightedPath: null,
    coverage: null,
    progress: null,
    showGradient: true,
    optimization: null,
    message: null,
  };
}

/**
 * What changed in a `set`: the keys given.
 *
 * @example
 * ```ts
 * store.subscribe((state, changed) => { if (changed.has('scene')) redraw(); });
 * ```
 */
export type Changes = ReadonlySet<keyof ViewerState>;

/**
 * The store: the current state, replaced (never mutated) by `set`; listeners
 * are called after each `set`, in the order they subscribed.
 *
 * @example
 * ```ts
 * const store = new Store(initialState(basicScene(), 'basic'));
 * store.subscribe((state) => console.log(state.scene));
 * store.set({ showGradient: false });
 * ```
 */
export class Store {
  private current: ViewerState;
  private readonly listeners: ((state: ViewerState, changed: Changes) => void)[] = [];

  constructor(state: ViewerState) {
    this.current = state;
  }

  /** The current state. */
  get state(): ViewerState {
    return this.current;
  }

  /** Replace some fields and tell the listeners. */
  set(patch: Partial<ViewerState>): void {
    this.current = { ...this.current, ...patch };
    const changed = new Set(Object.keys(patch) as (keyof ViewerState)[]);
    for (const listener of this.listeners) listener(this.current, changed);
  }

  /** Call `listener` after every change. */
  subscribe(listener: (state: ViewerState, changed: Changes) => void): void {
    this.listeners.push(listener);
  }
}
