/**
 * `pnpm example ris-power-map`: the paper's figure 1, the coverage map of a
 * reconfigurable intelligent surface (RIS).
 *
 * The `square` scene plus a RIS from (0.5, 0.3) to (0.5, 0.7) that sends
 * every ray away at phi = pi/4 from its normal, whatever the incidence; TX
 * at (0.2, 0.2); a 300 x 300 grid of receivers; paths of exactly one
 * interaction (no line of sight), traced by min-path tracing (MPT, our
 * Levenberg-Marquardt solver, to convergence); the power in dB relative to
 * P0 from -50 to 5 dB; the TX drawn, the receivers not.
 *
 * The RIS's law is checked on the traced paths: its normal is +x, so the
 * reflected ray leaves up and to the left at 45 degrees, and a receiver at
 * (x, y) reached through the RIS is reached through the point
 * (0.5, y - (0.5 - x)).
 *
 * @module
 */
import { asTensor } from '@differt2d/autodiff';
import { RIS } from '@differt2d/geometry';
import { tracePaths } from '@differt2d/tracer';
import { powerGrid, squareScene, tracerOf, type DataExtent, type Scene } from '@differt2d/scene';
import { renderMapPngCompact, renderMapSvgCompact } from '@differt2d/scene/node';
import { check, formatMs, formatPoint, formatValue, gridSize, mapStatistics, OutputFolder, Stopwatch, type Example, type ExampleOptions, type ExampleReport } from './shared/example.js';

/** The RIS of figure 1: its ends, and the fixed angle of the rays it sends. */
export const FIGURE1_RIS = { xys: [[0.5, 0.3], [0.5, 0.7]] as [[number, number], [number, number]], phi: Math.PI / 4 };

/** The transmitter of figure 1. */
export const FIGURE1_TX: [number, number] = [0.2, 0.2];

/**
 * The scene of figure 1: `square` (its four walls) plus the RIS, with the
 * TX at (0.2, 0.2). The RIS is objects[4].
 *
 * @example
 * ```ts
 * figure1Scene().objects.map((object) => object.kind); // ['wall', 'wall', 'wall', 'wall', 'ris']
 * ```
 */
export function figure1Scene(): Scene {
  return squareScene()
    .addObjects(new RIS(FIGURE1_RIS.xys, { phi: FIGURE1_RIS.phi }))
    .withTransmitter('tx', FIGURE1_TX);
}

/** The trace options of figure 1: one interaction exactly, min-path tracing (LM solver, the default). */
export const FIGURE1_TRACE = { minOrder: 1, maxOrder: 1, method: 'mpt' } as const;

/**
 * The RIS point of the paths to receivers: for each receiver reached by a
 * valid path through the RIS (objects[4]), that path's point on the RIS
 * and the point the RIS's 45-degree law predicts, (0.5, y - (0.5 - x)).
 *
 * @param receivers - `[x, y]` of each receiver.
 * @example
 * ```ts
 * risPathPoints(figure1Scene(), [[0.3, 0.6]]); // [{ rx: [0.3, 0.6], found: [0.5, 0.4], predicted: [0.5, 0.4] }]
 * ```
 */
export function risPathPoints(scene: Scene, receivers: readonly (readonly [number, number])[]): { rx: [number, number]; found: [number, number]; predicted: [number, number] }[] {
  const risIndex = scene.objects.findIndex((object) => object.kind === 'ris');
  const tx = scene.transmitter('tx').xy;
  const rx = asTensor(receivers.map(([x, y]) => [x, y]));
  const tracer = tracerOf('risPathPoints', { method: 'mpt' });
  const results: { rx: [number, number]; found: [number, number]; predicted: [number, number] }[] = [];
  for (const traced of tracePaths(tx, rx, scene.objects, { order: 1, filter: [risIndex], ...(tracer === undefined ? {} : { tracer }) })) {
    const points = traced.paths.points.data; // [N, 3, 2]: TX, RIS point, RX
    const validity = traced.validity.data;
    receivers.forEach(([x, y], n) => {
      if (validity[n] !== 1) return;
      results.push({ rx: [x, y], found: [points[6 * n + 2]!, points[6 * n + 3]!], predicted: [0.5, y - (0.5 - x)] });
    });
  }
  return results;
}

/** Every `stride`-th grid point (both ways) of an `n` x `n` grid over the unit square, as receivers. */
function gridSample(x: Float64Array, y: Float64Array, stride: number): [number, number][] {
  const sample: [number, number][] = [];
  for (let j = 0; j < y.length; j += stride) for (let i = 0; i < x.length; i += stride) sample.push([x[i]!, y[j]!]);
  return sample;
}

/**
 * Run figure 1.
 *
 * @example
 * ```ts
 * const report = await runRisPowerMap({ outDir: 'out' });
 * report.files; // ['out/ris-power-map.png', 'out/ris-power-map.svg']
 * ```
 */
export async function runRisPowerMap(options: ExampleOptions): Promise<ExampleReport> {
  const n = gridSize(options, 300);
  const watch = new Stopwatch();
  const output = new OutputFolder(options.outDir);
  const scene = figure1Scene();

  options.log?.(`tracing ${n} x ${n} receivers through the RIS (MPT, LM solver) ...`);
  const map = watch.computeSync(() => powerGrid(scene, { over: 'rx', nx: n, ny: n, ...FIGURE1_TRACE }));
  const mapMs = watch.computeMs;

  // The RIS law, on about 40 x 40 receivers of the same grid.
  const stride = Math.max(1, Math.floor(n / 40));
  const sample = gridSample(map.x, map.y, stride);
  const checked = watch.computeSync(() => risPathPoints(scene, sample));
  let worst = 0;
  for (const { found, predicted } of checked) worst = Math.max(worst, Math.hypot(found[0] - predicted[0], found[1] - predicted[1]));
  const example = risPathPoints(scene, [[0.3, 0.6]])[0];

  const extent: DataExtent = { xmin: 0, xmax: 1, ymin: 0, ymax: 1 };
  const style = { scene, scale: 'dB', vmin: -50, vmax: 5, colormap: 'viridis', label: 'Power (dB)', extent, showTransmitters: true, showReceivers: false } as const;
  watch.draw(() => {
    output.write('ris-power-map.png', renderMapPngCompact(map, { ...style, width: 760 }));
    output.write('ris-power-map.svg', renderMapSvgCompact(map, { ...style, width: 560, idPrefix: 'ris-power-map' }));
  });

  const stats = mapStatistics(map.power);
  const risShare = checked.length / sample.length;
  return {
    numbers: [
      ['scene', 'square + RIS (0.5, 0.3)-(0.5, 0.7), phi = pi/4; TX (0.2, 0.2); order 1 (no line of sight); MPT, LM solver'],
      ['grid', `${n} x ${n} receivers over [0, 1]^2`],
      ['power map', `max ${stats.maxDb.toFixed(2)} dB, median ${stats.medianDb.toFixed(2)} dB (reached points); no valid path at ${(100 * (1 - stats.reachedFraction)).toFixed(1)}% of the grid`],
      ['reached through the RIS', `${checked.length} of ${sample.length} sampled receivers (${(100 * risShare).toFixed(1)}%)`],
      ...(example === undefined ? [] : [['RX (0.3, 0.6)', `through the RIS at ${formatPoint(example.found, 6)} (law: ${formatPoint(example.predicted, 6)})`] as const]),
      ['map compute', formatMs(mapMs)],
    ],
    checks: [
      check(
        'RIS point of every RX reached through the RIS is (0.5, y - (0.5 - x))',
        checked.length > 0 && worst < 1e-6,
        `${checked.length} receivers, largest distance ${formatValue(worst, 2)} m`,
      ),
      check('the map has power (not blank)', stats.reachedFraction > 0.5 && Number.isFinite(stats.maxDb), `${(100 * stats.reachedFraction).toFixed(1)}% reached`),
    ],
    files: output.files,
    computeMs: watch.computeMs,
    drawMs: watch.drawMs,
    json: {
      grid: [n, n],
      mapMs,
      maxDb: stats.maxDb,
      medianDb: stats.medianDb,
      reachedFraction: stats.reachedFraction,
      risReceivers: checked.length,
      risSampled: sample.length,
      risPointMaxError: worst,
      files: output.files,
    },
  };
}

/** The example `ris-power-map`. */
export const RIS_POWER_MAP: Example = {
  name: 'ris-power-map',
  summary: "the paper's figure 1: coverage of a RIS (square scene, 300 x 300 receivers, MPT, order 1, dB)",
  run: runRisPowerMap,
};
