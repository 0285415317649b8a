/**
 * The paper's figure 2 as an animation: the TX of `square-with-obstacle`
 * moves step by step (Adam on the library's gradients) towards the position
 * that maximises the worse of two receivers' powers, while the view shows
 * the trajectory, the line-of-sight paths and, every 20 steps, the objective
 * over a grid of TX positions (computed in the workers).
 *
 * @module
 */
import { adam, applyUpdates, chain, tensor, zeroNans, type Optimizer, type Tensor } from '@differt2d/autodiff';
import { receivedPowerPerPair, type Scene } from '@differt2d/scene';
import type { ViewerApp } from './app.js';
import { gridShape, type MapJob, type MapLook } from './coverage.js';
import type { XY } from './handles.js';
import { figure2Scene } from './scenes.js';
import type { TraceSettings } from './tracing.js';

/** Steps of the optimisation (the paper's). */
export const FIGURE2_STEPS = 100;

/** The steps at which the objective map is recomputed (the paper's snapshots, and the start). */
export const FIGURE2_MAP_STEPS: readonly number[] = Object.freeze([0, 20, 40, 60, 80]);

/** The power at zero distance, P0. */
const P0 = 100;

/** Grid size of the objective maps. */
const OBJECTIVE_RESOLUTION = 100;

/**
 * The slope of the smoothed validity at step `k`: from 1 to 100
 * geometrically, `10^(2k / (steps - 1))`.
 *
 * @example
 * ```ts
 * alphaAt(0); // 1
 * alphaAt(99); // 100
 * ```
 */
export function alphaAt(k: number, steps = FIGURE2_STEPS): number {
  return 10 ** ((2 * k) / (steps - 1));
}

/** The trace settings of figure 2 at a slope: line of sight only, smoothed validity. */
function figure2Settings(alpha: number): TraceSettings {
  return { orders: [true, false, false, false], method: 'image', approx: true, alpha };
}

/**
 * Figure 2's objective and its gradient w.r.t. the TX at a slope: the worse
 * receiver's power over P0 (`receivedPowerPerPair`, line of sight, smoothed
 * validity) and the gradient of that receiver's power (the gradient of a
 * minimum is the gradient of its smallest term).
 *
 * @example
 * ```ts
 * objectiveAndGradient(figure2Scene(), 1).objective; // ~1e-3 (the TX starts behind the obstacle)
 * ```
 */
export function objectiveAndGradient(scene: Scene, alpha: number): { objective: number; gradient: [number, number] } {
  const { pairs } = receivedPowerPerPair(scene, { order: 0, approx: true, alpha, gradient: true });
  let worst = pairs[0];
  for (const pair of pairs) if (worst === undefined || pair.power < worst.power) worst = pair;
  if (worst === undefined) throw new Error('figure 2: the scene has no transmitter-receiver pair');
  return { objective: worst.power / P0, gradient: [worst.gradTx![0] / P0, worst.gradTx![1] / P0] };
}

/**
 * The objective maps of figure 2: per receiver, the power over a grid of TX
 * positions; their minimum over P0 is the objective.
 *
 * @example
 * ```ts
 * objectiveJobs(figure2Scene(), 1, 100).length; // 2
 * ```
 */
export function objectiveJobs(scene: Scene, alpha: number, resolution: number): MapJob[] {
  const shape = gridShape(scene, resolution);
  return [...scene.receivers].map(([name, point]) => ({
    scene: scene.withReceivers({ [name]: point.xy }),
    options: { over: 'tx', ...shape, order: 0, approx: true, alpha },
  }));
}

/** The look of figure 2's panels: min over receivers of P / P0, log scale 1e-4 to 1. */
const OBJECTIVE_LOOK: MapLook = Object.freeze({
  kind: 'objective',
  combine: 'min',
  factor: 1 / P0,
  scaleOf: () => ({ scale: 'log' as const, vmin: 1e-4, vmax: 1 }),
  label: 'min over RX of P/P0 (TX here)',
});

/**
 * Runs figure 2 in the viewer, one step every `stepMs` milliseconds.
 *
 * @example
 * ```ts
 * const animation = new Figure2Animation(app);
 * animation.start();
 * ```
 */
export class Figure2Animation {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private optimizer: Optimizer<readonly unknown[]> = chain(zeroNans(), adam(0.01));
  private optimizerState: readonly unknown[] | null = null;
  private tx: Tensor = tensor([0, 0]);
  private step = 0;
  private settingsBefore: TraceSettings | null = null;
  /** Milliseconds between steps. */
  stepMs = 30;

  constructor(private readonly app: ViewerApp) {}

  /** Whether it is stepping. */
  get running(): boolean {
    return this.timer !== null;
  }

  /** Load figure 2's scene and start from step 0. */
  start(): void {
    this.stop();
    if (this.app.state.sceneName !== 'figure-2' || this.settingsBefore === null) this.settingsBefore = this.app.state.settings;
    const scene = figure2Scene();
    this.app.loadScene(scene, 'figure-2', figure2Settings(alphaAt(0)));
    this.optimizer = chain(zeroNans(), adam(0.01));
    this.tx = tensor([...(scene.transmitter('tx').xy.toArray() as number[])]);
    this.optimizerState = this.optimizer.init(this.tx);
    this.step = 0;
    const start: XY = [this.tx.data[0]!, this.tx.data[1]!];
    this.app.store.set({ optimization: { step: 0, steps: FIGURE2_STEPS, trajectory: [start], objective: objectiveAndGradient(scene, alphaAt(0)).objective, alpha: alphaAt(0), running: true } });
    this.timer = setTimeout(() => this.tick(), this.stepMs);
  }

  /**
   * Stop, and the settings to load another scene with: those from before
   * figure 2 (line of sight and smoothing were its own), else the current ones.
   */
  leave(): TraceSettings {
    this.stop();
    const settings = this.app.state.sceneName === 'figure-2' && this.settingsBefore !== null ? this.settingsBefore : this.app.state.settings;
    this.settingsBefore = null;
    return settings;
  }

  /** Stop stepping (the trajectory stays shown). */
  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const run = this.app.state.optimization;
    if (run?.running === true) this.app.store.set({ optimization: { ...run, running: false } });
  }

  private tick(): void {
    const run = this.app.state.optimization;
    if (run === null || this.app.state.sceneName !== 'figure-2') {
      this.stop();
      return;
    }
    const k = this.step;
    const alpha = alphaAt(k);
    if (FIGURE2_MAP_STEPS.includes(k)) {
      // The panel of step k shows the objective this step sees; drawn when ready, stepping goes on.
      this.app.coverage.run(objectiveJobs(this.app.state.scene, alpha, OBJECTIVE_RESOLUTION), OBJECTIVE_LOOK).catch((error: unknown) => this.app.onError(`Figure 2 map: ${(error as Error).message}`));
    }
    const { objective, gradient } = objectiveAndGradient(this.app.state.scene, alpha);
    // The loss is -objective.
    const update = this.optimizer.update(tensor([-gradient[0], -gradient[1]]), this.optimizerState!, this.tx);
    this.optimizerState = update.state;
    this.tx = applyUpdates(this.tx, update.updates);
    this.step = k + 1;
    const position: XY = [this.tx.data[0]!, this.tx.data[1]!];
    this.app.setSettings(figure2Settings(alpha));
    this.app.moveHandle({ kind: 'tx', name: 'tx' }, position);
    const done = this.step >= FIGURE2_STEPS;
    this.app.store.set({ optimization: { step: this.step, steps: FIGURE2_STEPS, trajectory: [...run.trajectory, position], objective, alpha, running: !done } });
    this.timer = done ? null : setTimeout(() => this.tick(), this.stepMs);
  }
}
