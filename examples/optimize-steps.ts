/**
 * `pnpm example optimize-steps`: the paper's figure 2, placing a
 * transmitter by gradient descent through the smoothed (differentiable)
 * validity of its paths.
 *
 * `square-with-obstacle` (a square obstacle of side 0.1 at the centre),
 * receivers rx_0 (0.3, 0.1) and rx_1 (0.5, 0.1), TX starting at (0.5, 0.7),
 * behind the obstacle for both. The objective is the worse of the two
 * receivers' powers, `min_i P_i / P0`, over line-of-sight paths only,
 * with the approximation on: a blocked path is not dropped but weighted by
 * a smoothed validity of slope `alpha`. The optimiser starts with a gentle
 * slope (alpha = 1, the objective is smooth and its gradient points out of
 * the shadow) and sharpens it step after step up to alpha = 100:
 * alpha_k = 10^(2k/99) at step k = 0..99. Each step takes the gradient of
 * the loss = -objective w.r.t. the TX position and moves the TX by Adam
 * (learning rate 0.01) after NaN gradients are zeroed.
 *
 * The figure shows, after 20, 40, 60 and 80 steps, the objective over a
 * 600 x 600 grid of TX positions with the alpha of the next step (log
 * colour scale 1e-4 to 1), and the TX's path so far. In float64 the TX ends
 * near (0.399, 0.104), where both receivers are in line of sight.
 *
 * @module
 */
import { adam, applyUpdates, chain, div, min, neg, tensor, valueAndGrad, zeroNans, type Tensor } from '@differt2d/autodiff';
import { totalReceivedPower } from '@differt2d/tracer';
import {
  drawBitmapText,
  drawTransmitterMarker,
  measureBitmapText,
  powerGrid,
  renderMapImage,
  rgbToHex,
  SCENE_COLORS,
  squareSceneWithObstacle,
  svgNumber,
  type DataExtent,
  type PlotFrame,
  type RgbaImage,
  type Scene,
} from '@differt2d/scene';
import { encodePngCompact } from '@differt2d/scene/node';
import { check, formatMs, formatPoint, formatValue, gridSize, OutputFolder, P0, Stopwatch, type Example, type ExampleOptions, type ExampleReport } from './shared/example.js';
import { renderMapPanelsSvg } from './shared/mapPanels.js';
import { drawCross, drawRing, drawTrajectory, svgCross, svgTrajectory, svgTriangle, type XY } from './shared/overlays.js';

/** The receivers of figure 2. */
export const FIGURE2_RECEIVERS: Readonly<Record<'rx_0' | 'rx_1', XY>> = { rx_0: [0.3, 0.1], rx_1: [0.5, 0.1] };

/** Where the transmitter of figure 2 starts. */
export const FIGURE2_START: XY = [0.5, 0.7];

/** Steps of the optimisation. */
export const FIGURE2_STEPS = 100;

/** The steps after which figure 2 shows the objective. */
export const FIGURE2_SNAPSHOTS = [20, 40, 60, 80] as const;

/** Where DiffeRT2d's TX ends in float64 (REFERENCE.md). */
export const FIGURE2_EXPECTED_END: XY = [0.399, 0.104];

/**
 * The scene of figure 2: `square-with-obstacle` (ratio 0.1), its receivers
 * replaced by rx_0 and rx_1, the TX at its start.
 *
 * @example
 * ```ts
 * [...figure2Scene().receivers.keys()]; // ['rx_0', 'rx_1']
 * ```
 */
export function figure2Scene(): Scene {
  return squareSceneWithObstacle({ ratio: 0.1 })
    .withReceivers({ rx_0: [...FIGURE2_RECEIVERS.rx_0], rx_1: [...FIGURE2_RECEIVERS.rx_1] })
    .withTransmitter('tx', [...FIGURE2_START]);
}

/**
 * The slope of the smoothed validity at step `k` of `steps`: from 1 to 100
 * geometrically, `10^(2k / (steps - 1))` (numpy's `logspace(0, 2, steps)`).
 *
 * @example
 * ```ts
 * alphaAtStep(0); // 1
 * alphaAtStep(99); // 100
 * ```
 */
export function alphaAtStep(k: number, steps = FIGURE2_STEPS): number {
  return 10 ** ((2 * k) / (steps - 1));
}

/** The trace options of the objective at a slope: line of sight only, smoothed validity. */
function objectiveOptions(alpha: number) {
  return { order: 0, approx: true, alpha } as const;
}

/**
 * The objective of figure 2 at a TX position: the worse receiver's power
 * relative to P0, `min_i P_i(tx) / P0` (line of sight, smoothed validity
 * of slope `alpha`). Differentiable w.r.t. `tx`.
 *
 * @param tx - `[2]`: the TX position.
 * @example
 * ```ts
 * objective(figure2Scene(), tensor([0.4, 0.1]), 100).item(); // 0.3333...
 * ```
 */
export function objective(scene: Scene, tx: Tensor, alpha: number): Tensor {
  const receivers = tensor([...scene.receivers.values()].map((point) => point.xy.toArray() as number[]));
  return div(min(totalReceivedPower(tx, receivers, scene.objects, objectiveOptions(alpha))), P0);
}

/**
 * The result of {@link optimizeTransmitter}.
 *
 * @example
 * ```ts
 * const { trajectory, losses } = optimizeTransmitter(figure2Scene());
 * trajectory.length; // 101: the start, then after each step
 * ```
 */
export interface TransmitterOptimization {
  /** The TX position at the start (`[0]`) and after each step (`[k]` after k steps). */
  readonly trajectory: readonly XY[];
  /** The loss (-objective) at each step, before its update (`[k]`: at `trajectory[k]` with `alphaAtStep(k)`). */
  readonly losses: readonly number[];
  /** Steps where the gradient had a NaN (zeroed). */
  readonly nanSteps: number;
}

/**
 * Figure 2's optimisation: `steps` steps of Adam (learning rate 0.01, NaN
 * gradients zeroed first) on the loss `-objective(tx, alpha_k)`.
 *
 * @example
 * ```ts
 * optimizeTransmitter(figure2Scene()).trajectory[100]; // ~[0.3995, 0.1037]
 * ```
 */
export function optimizeTransmitter(scene: Scene, steps = FIGURE2_STEPS): TransmitterOptimization {
  const optimizer = chain(zeroNans(), adam(0.01));
  let tx = tensor(scene.transmitter('tx').xy.toArray() as number[]);
  let state = optimizer.init(tx);
  const trajectory: XY[] = [[tx.data[0]!, tx.data[1]!]];
  const losses: number[] = [];
  let nanSteps = 0;
  for (let k = 0; k < steps; k++) {
    const alpha = alphaAtStep(k, steps);
    const [loss, gradient] = valueAndGrad((position: Tensor) => neg(objective(scene, position, alpha)))(tx);
    if (gradient.data.some(Number.isNaN)) nanSteps++;
    losses.push(loss.item());
    const update = optimizer.update(gradient, state, tx);
    state = update.state;
    tx = applyUpdates(tx, update.updates);
    trajectory.push([tx.data[0]!, tx.data[1]!]);
  }
  return { trajectory, losses, nanSteps };
}

/**
 * The objective over an `n` x `n` grid of TX positions over the scene: per
 * receiver a power map over transmitters, then their minimum over P0.
 *
 * @example
 * ```ts
 * objectiveGrid(figure2Scene(), 600, alphaAtStep(20)).power.length; // 360000
 * ```
 */
export function objectiveGrid(scene: Scene, n: number, alpha: number): { x: Float64Array; y: Float64Array; power: Float64Array } {
  let grid: { x: Float64Array; y: Float64Array; power: Float64Array } | undefined;
  for (const [name, point] of scene.receivers) {
    const single = powerGrid(scene.withReceivers({ [name]: point.xy }), { over: 'tx', nx: n, ny: n, ...objectiveOptions(alpha) });
    if (grid === undefined) grid = { x: single.x, y: single.y, power: single.power.map((p) => p / P0) };
    else for (let i = 0; i < grid.power.length; i++) grid.power[i] = Math.min(grid.power[i]!, single.power[i]! / P0);
  }
  if (grid === undefined) throw new Error('objectiveGrid: the scene has no receiver');
  return grid;
}

const EXTENT: DataExtent = { xmin: 0, xmax: 1, ymin: 0, ymax: 1 };
const SCALE = { scale: 'log', vmin: 1e-4, vmax: 1 } as const;
const TRAJECTORY_COLOR = '#ffffff';

/** The SVG drawn over a panel: receivers, the trajectory so far, its start and the TX. */
function panelOverlay(frame: PlotFrame, path: readonly XY[]): string {
  const parts: string[] = [svgTrajectory(frame, path, TRAJECTORY_COLOR)];
  const [sx, sy] = path[0]!;
  parts.push(`<circle class="start" cx="${svgNumber(frame.pixelX(sx))}" cy="${svgNumber(frame.pixelY(sy))}" r="3" fill="#fff" stroke="#000" stroke-width="1"/>`);
  for (const [name, [x, y]] of Object.entries(FIGURE2_RECEIVERS)) {
    const [cx, cy] = [frame.pixelX(x), frame.pixelY(y)];
    parts.push(svgCross(cx, cy, 3.5, name));
    const left = name === 'rx_0';
    parts.push(
      `<text class="name receiver-name" x="${svgNumber(left ? cx - 7 : cx + 7)}" y="${svgNumber(cy + 3.5)}"${left ? ' text-anchor="end"' : ''} font-size="10" font-weight="bold" fill="#111" stroke="#fff" stroke-width="2.5" stroke-linejoin="round" paint-order="stroke">${name}</text>`,
    );
  }
  const [tx, ty] = path[path.length - 1]!;
  parts.push(svgTriangle(frame.pixelX(tx), frame.pixelY(ty), 6, rgbToHex(SCENE_COLORS.transmitter), 'tx'));
  return parts.join('\n');
}

/** Bitmap text with a white outline, legible on any colour. */
function haloText(image: RgbaImage, text: string, left: number, top: number): void {
  for (const [dx, dy] of [[-2, 0], [2, 0], [0, -2], [0, 2], [-2, -2], [2, 2], [-2, 2], [2, -2]] as const) {
    drawBitmapText(image, text, left + dx, top + dy, [255, 255, 255], { scale: 2 });
  }
  drawBitmapText(image, text, left, top, [17, 17, 17], { scale: 2 });
}

/** One panel as a PNG picture: the objective map with its colour bar, the scene, the trajectory so far. */
function panelPng(scene: Scene, map: { x: Float64Array; y: Float64Array; power: Float64Array }, path: readonly XY[], step: number): Uint8Array {
  const { image, layout } = renderMapImage(map, {
    scene,
    ...SCALE,
    extent: EXTENT,
    showTransmitters: false,
    showReceivers: false,
    label: 'min over RX of P/P0',
    title: `Iterations: ${step}`,
    width: 640,
  });
  const frame = layout.frame;
  drawTrajectory(image, frame, path, [255, 255, 255]);
  drawRing(image, frame.pixelX(path[0]![0]), frame.pixelY(path[0]![1]), 4.5, [255, 255, 255]);
  for (const [name, [x, y]] of Object.entries(FIGURE2_RECEIVERS)) {
    const [cx, cy] = [frame.pixelX(x), frame.pixelY(y)];
    drawCross(image, cx, cy, 6);
    const { width, capHeight } = measureBitmapText(name, 2);
    haloText(image, name, name === 'rx_0' ? cx - 12 - width : cx + 12, cy - capHeight / 2);
  }
  const [tx, ty] = path[path.length - 1]!;
  drawTransmitterMarker(image, frame.pixelX(tx), frame.pixelY(ty), 10, SCENE_COLORS.transmitter);
  return encodePngCompact(image);
}

/**
 * Run figure 2.
 *
 * @example
 * ```ts
 * const report = await runOptimizeSteps({ outDir: 'out', size: 60 });
 * report.json; // { trajectory: [[...], ...], loss: -0.3266 }
 * ```
 */
export async function runOptimizeSteps(options: ExampleOptions): Promise<ExampleReport> {
  const n = gridSize(options, 600);
  const watch = new Stopwatch();
  const output = new OutputFolder(options.outDir);
  const scene = figure2Scene();

  options.log?.(`optimising the TX position: ${FIGURE2_STEPS} steps of Adam ...`);
  const optimization = watch.computeSync(() => optimizeTransmitter(scene));
  const optimizationMs = watch.computeMs;
  const { trajectory, losses } = optimization;
  const end = trajectory[FIGURE2_STEPS]!;
  const finalLoss = losses[FIGURE2_STEPS - 1]!;
  const endObjective = objective(scene, tensor([...end]), alphaAtStep(FIGURE2_STEPS - 1)).item();

  options.log?.(`the objective over ${n} x ${n} TX positions at steps ${FIGURE2_SNAPSHOTS.join(', ')} ...`);
  // As in DiffeRT2d's figure: the panel of step s shows the objective the next step sees (alpha_s) and the TX after s steps.
  const maps = await watch.compute(() => FIGURE2_SNAPSHOTS.map((step) => objectiveGrid(scene, n, alphaAtStep(step))));

  watch.draw(() => {
    const panels = FIGURE2_SNAPSHOTS.map((step, k) => ({
      map: maps[k]!,
      title: `Iterations: ${step}`,
      overlay: (frame: PlotFrame) => panelOverlay(frame, trajectory.slice(0, step + 1)),
    }));
    const legend = [
      { label: 'TX', swatch: (x: number, y: number) => svgTriangle(x, y + 1.5, 6, rgbToHex(SCENE_COLORS.transmitter), 'legend') },
      { label: 'TX path so far', swatch: (x: number, y: number) => `<rect x="${svgNumber(x - 11)}" y="${svgNumber(y - 7)}" width="22" height="14" fill="#3b528b"/><line x1="${svgNumber(x - 9)}" y1="${svgNumber(y)}" x2="${svgNumber(x + 9)}" y2="${svgNumber(y)}" stroke="#fff" stroke-width="1.6"/>` },
      { label: 'start (0.5, 0.7)', swatch: (x: number, y: number) => `<circle cx="${svgNumber(x)}" cy="${svgNumber(y)}" r="3" fill="#fff" stroke="#000" stroke-width="1"/>` },
      { label: 'receivers', swatch: (x: number, y: number) => svgCross(x, y, 3.5, 'legend') },
      { label: 'walls', swatch: (x: number, y: number) => `<line x1="${svgNumber(x - 10)}" y1="${svgNumber(y)}" x2="${svgNumber(x + 10)}" y2="${svgNumber(y)}" stroke="#222" stroke-width="2"/>` },
    ];
    output.write(
      'optimize-steps.svg',
      renderMapPanelsSvg(panels, {
        scene,
        extent: EXTENT,
        scale: SCALE,
        colorbarLabel: 'min over receivers of P / P<tspan baseline-shift="sub" font-size="75%">0</tspan>',
        legend,
        idPrefix: 'optimize-steps',
        title: 'Transmitter placement by gradient descent (square-with-obstacle)',
      }),
    );
    FIGURE2_SNAPSHOTS.forEach((step, k) => {
      output.write(`optimize-steps-${String(step).padStart(3, '0')}.png`, panelPng(scene, maps[k]!, trajectory.slice(0, step + 1), step));
    });
  });

  const distance = Math.hypot(end[0] - FIGURE2_EXPECTED_END[0], end[1] - FIGURE2_EXPECTED_END[1]);
  const snapshotSteps = [...FIGURE2_SNAPSHOTS, FIGURE2_STEPS];
  return {
    numbers: [
      ['scene', 'square-with-obstacle (ratio 0.1); rx_0 (0.3, 0.1), rx_1 (0.5, 0.1); TX from (0.5, 0.7)'],
      ['objective', 'min over receivers of P / P0, line of sight, approximation with alpha_k = 10^(2k/99)'],
      ['optimiser', `chain(zeroNans(), adam(0.01)), ${FIGURE2_STEPS} steps in ${formatMs(optimizationMs)} (${optimization.nanSteps} steps had a NaN gradient)`],
      // losses[k] is the loss of step k + 1, at trajectory[k] (before that step's update).
      ...snapshotSteps.map((step) => [`TX after ${step} steps`, `${formatPoint(trajectory[step]!)} (loss of step ${step}: ${formatValue(losses[step - 1]!)})`] as const),
      ['final loss', `${formatValue(finalLoss, 6)} (at step 100, alpha = 100); objective at the end ${formatValue(endObjective, 6)}`],
      ['panels', `${n} x ${n} TX positions each, log colour scale 1e-4 .. 1`],
    ],
    checks: [
      check('the TX ends near (0.399, 0.104), as DiffeRT2d in float64', distance < 2e-3, `${formatPoint(end)}, ${formatValue(distance, 2)} away`),
      check('both receivers see the TX at the end', endObjective > 0.1, `objective ${formatValue(endObjective)}`),
    ],
    files: output.files,
    computeMs: watch.computeMs,
    drawMs: watch.drawMs,
    json: { trajectory: snapshotSteps.map((step) => [...trajectory[step]!]), loss: finalLoss },
  };
}

/** The example `optimize-steps`. */
export const OPTIMIZE_STEPS: Example = {
  name: 'optimize-steps',
  summary: "the paper's figure 2: TX placement by gradient descent (square-with-obstacle, 100 Adam steps, 4 panels)",
  run: runOptimizeSteps,
};
