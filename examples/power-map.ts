/**
 * `pnpm example power-map`: the coverage map of DiffeRT2d's basic scene.
 *
 * The basic scene (seven walls, TX at (0.1, 0.1)), a 300 x 300 grid of
 * receivers, every path of at most two reflections (line of sight
 * included) by the image method, the received power summed per receiver in
 * dB relative to P0 from -50 to 5 dB.
 *
 * @module
 */
import { basicScene, powerGrid, receivedPowerPerPair, type DataExtent } from '@differt2d/scene';
import { renderMapPngCompact, renderMapSvgCompact } from '@differt2d/scene/node';
import { check, decibels, formatMs, formatValue, gridSize, mapStatistics, OutputFolder, Stopwatch, type Example, type ExampleOptions, type ExampleReport } from './shared/example.js';

/** DiffeRT2d's received power at the basic scene's RX (0.302, 0.2147), orders 0 to 2 (REFERENCE fixture). */
export const DIFFERT2D_POWER_AT_RX = 28.106760976353343;

/** The trace options of this map: orders 0 to 2, image method (the default). */
export const POWER_MAP_TRACE = { minOrder: 0, maxOrder: 2 } as const;

/**
 * Run the basic scene's power map.
 *
 * @example
 * ```ts
 * const report = await runPowerMap({ outDir: 'out' });
 * report.files; // ['out/power-map.png', 'out/power-map.svg']
 * ```
 */
export async function runPowerMap(options: ExampleOptions): Promise<ExampleReport> {
  const n = gridSize(options, 300);
  const watch = new Stopwatch();
  const output = new OutputFolder(options.outDir);
  const scene = basicScene();

  options.log?.(`${n} x ${n} receivers, orders 0 to 2 ...`);
  const map = watch.computeSync(() => powerGrid(scene, { over: 'rx', nx: n, ny: n, ...POWER_MAP_TRACE }));
  const atReceiver = watch.computeSync(() => receivedPowerPerPair(scene, POWER_MAP_TRACE).total);

  // Any grid point gives the same power as the scene operations with a receiver there.
  const [i, j] = [Math.floor(n / 3), Math.floor((2 * n) / 3)];
  const probe = receivedPowerPerPair(scene.withReceiver('rx', [map.x[i]!, map.y[j]!]), POWER_MAP_TRACE).total;
  const fromMap = map.power[j * n + i]!;

  const extent: DataExtent = { xmin: 0, xmax: 1, ymin: 0, ymax: 1 };
  const style = { scene, scale: 'dB', vmin: -50, vmax: 5, colormap: 'viridis', label: 'Power (dB)', extent, showTransmitters: true, showReceivers: false } as const;
  watch.draw(() => {
    output.write('power-map.png', renderMapPngCompact(map, { ...style, width: 760 }));
    output.write('power-map.svg', renderMapSvgCompact(map, { ...style, width: 560, idPrefix: 'power-map' }));
  });

  const stats = mapStatistics(map.power);
  return {
    numbers: [
      ['scene', 'basic (7 walls), TX (0.1, 0.1); orders 0 to 2, image method'],
      ['grid', `${n} x ${n} receivers over [0, 1]^2`],
      ['power map', `max ${stats.maxDb.toFixed(2)} dB, median ${stats.medianDb.toFixed(2)} dB (reached points); no valid path at ${(100 * (1 - stats.reachedFraction)).toFixed(1)}% of the grid`],
      ['at the scene RX (0.302, 0.2147)', `${formatValue(atReceiver, 7)} (${decibels(atReceiver).toFixed(2)} dB)`],
      ['map compute', formatMs(watch.computeMs)],
    ],
    checks: [
      check(
        'the map agrees with receivedPowerPerPair at a grid point',
        Math.abs(fromMap - probe) <= 1e-12 * Math.max(1, Math.abs(probe)),
        `(${map.x[i]!.toFixed(4)}, ${map.y[j]!.toFixed(4)}): ${formatValue(fromMap, 10)} vs ${formatValue(probe, 10)}`,
      ),
      check(
        "the power at the scene RX is DiffeRT2d's (its 12 valid paths)",
        Math.abs(atReceiver - DIFFERT2D_POWER_AT_RX) <= 1e-9 * DIFFERT2D_POWER_AT_RX,
        `${formatValue(atReceiver, 12)} vs ${formatValue(DIFFERT2D_POWER_AT_RX, 12)}`,
      ),
    ],
    files: output.files,
    computeMs: watch.computeMs,
    drawMs: watch.drawMs,
    json: { grid: [n, n], maxDb: stats.maxDb, medianDb: stats.medianDb, reachedFraction: stats.reachedFraction, powerAtRx: atReceiver, files: output.files },
  };
}

/** The example `power-map`. */
export const POWER_MAP: Example = {
  name: 'power-map',
  summary: 'coverage map of the basic scene (300 x 300 receivers, orders 0 to 2, dB)',
  run: runPowerMap,
};
