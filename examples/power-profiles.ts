/**
 * `pnpm example power-profiles`: the received power along a line of the
 * basic scene, path order by path order.
 *
 * Receivers along y = 0.2147 (the height of the basic scene's RX) from
 * x = 0 to x = 1; for each the power of the valid paths of exactly 0 (line
 * of sight), 1 and 2 reflections, and their sum, in dB relative to P0. The
 * wall x = 0.4 (from y = 0 to 0.4) cuts the line: the line of sight ends
 * there, and reflections carry the power beyond it. The chart is an SVG
 * drawn here; the numbers are printed every 0.1 m and written in full to a
 * CSV file.
 *
 * @module
 */
import { asTensor } from '@differt2d/autodiff';
import { basicScene, pathOrderColor, pathOrderLabel, rgbToHex, type Scene } from '@differt2d/scene';
import { totalReceivedPower } from '@differt2d/tracer';
import { check, decibels, formatValue, gridSize, OutputFolder, Stopwatch, type Example, type ExampleOptions, type ExampleReport } from './shared/example.js';
import { renderLineChartSvg } from './shared/lineChart.js';

/** The height of the profile: the basic scene's RX's. */
export const PROFILE_Y = 0.2147;

/** The orders of the profiles. */
export const PROFILE_ORDERS = [0, 1, 2] as const;

/** DiffeRT2d's received power at the basic scene's RX (0.302, 0.2147), orders 0 to k (REFERENCE fixture), for k = 0, 1, 2. */
export const DIFFERT2D_POWER_AT_RX = [15.634749732215791, 24.604709887053588, 28.106760976353343] as const;

/**
 * The received power at receivers along `y` (one per `xs` value), from
 * paths of exactly `order` interactions (image method, exact validity).
 *
 * @example
 * ```ts
 * powerProfile(basicScene(), [0.302], 0.2147, 0)[0]; // 15.6347... (line of sight)
 * ```
 */
export function powerProfile(scene: Scene, xs: ArrayLike<number>, y: number, order: number): Float64Array {
  const tx = scene.transmitter('tx').xy;
  const receivers = asTensor(Array.from(xs, (x) => [x, y]));
  return Float64Array.from(totalReceivedPower(tx, receivers, scene.objects, { order }).data);
}

/** `n` evenly spaced values from `a` to `b`, both included. */
function linspace(a: number, b: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}

/** dB of each power (-Infinity where there is none: the chart breaks its line there). */
function toDecibels(powers: Float64Array): Float64Array {
  return powers.map((p) => decibels(p));
}

/**
 * Run the power profiles.
 *
 * @example
 * ```ts
 * const report = await runPowerProfiles({ outDir: 'out' });
 * report.files; // ['out/power-profiles.svg', 'out/power-profiles.csv']
 * ```
 */
export async function runPowerProfiles(options: ExampleOptions): Promise<ExampleReport> {
  const n = gridSize(options, 1001);
  const watch = new Stopwatch();
  const output = new OutputFolder(options.outDir);
  const scene = basicScene();
  const xs = linspace(0, 1, n);

  options.log?.(`${n} receivers along y = ${PROFILE_Y}, orders ${PROFILE_ORDERS.join(', ')} ...`);
  const profiles = watch.computeSync(() => PROFILE_ORDERS.map((order) => powerProfile(scene, xs, PROFILE_Y, order)));
  const total = xs.map((_, i) => profiles.reduce((sum, profile) => sum + profile[i]!, 0));

  // Checks: the line of sight is 1 / (h^2 + d^2) between the wall x = 0 and the wall x = 0.4 and 0 past it
  // (a receiver on a wall, at x = 0, 0.4 or 1, has no valid path: the wall blocks its last segment);
  // at the RX, the sums over orders are DiffeRT2d's.
  const [tx, ty] = scene.transmitter('tx').xy.toArray() as number[];
  let losError = 0;
  let losPastWall = 0;
  xs.forEach((x, i) => {
    const expected = 1 / (0.1 ** 2 + (x - tx!) ** 2 + (PROFILE_Y - ty!) ** 2);
    if (x > 0.01 && x < 0.39) losError = Math.max(losError, Math.abs(profiles[0]![i]! - expected) / expected);
    if (x > 0.41) losPastWall = Math.max(losPastWall, profiles[0]![i]!);
  });
  const atRx = PROFILE_ORDERS.map((order) => powerProfile(scene, [0.302], PROFILE_Y, order)[0]!);
  const cumulativeAtRx = atRx.map((_, k) => atRx.slice(0, k + 1).reduce((a, b) => a + b, 0));
  const rxError = Math.max(...cumulativeAtRx.map((p, k) => Math.abs(p - DIFFERT2D_POWER_AT_RX[k]!) / DIFFERT2D_POWER_AT_RX[k]!));

  const series = [
    ...PROFILE_ORDERS.map((order, k) => ({
      label: order === 0 ? 'line of sight (order 0)' : `${pathOrderLabel(order).replace('interaction', 'reflection')} (order ${order})`,
      color: rgbToHex(pathOrderColor(order)),
      x: xs,
      y: toDecibels(profiles[k]!),
    })),
    { label: 'total (orders 0 to 2)', color: '#222222', x: xs, y: toDecibels(total), dash: '7 4', width: 1.5 },
  ];
  const finite = series.flatMap((line) => Array.from(line.y).filter(Number.isFinite));
  const yMax = Math.ceil(Math.max(...finite) / 10) * 10;
  const yMin = Math.max(-60, Math.floor(Math.min(...finite) / 10) * 10);
  watch.draw(() => {
    output.write(
      'power-profiles.svg',
      renderLineChartSvg(series, {
        xLabel: 'x (m), receivers along y = 0.2147 m',
        yLabel: 'Power (dB)',
        xRange: [0, 1],
        yRange: [yMin, yMax + 10],
        markers: [
          { x: 0.4, label: 'wall x = 0.4', band: 0.004 },
          { x: 0.302, label: 'RX' },
        ],
        title: 'Basic scene: received power along y = 0.2147 m, per path order',
        width: 720,
        height: 420,
        idPrefix: 'power-profiles',
      }),
    );
    const rows = Array.from(xs, (x, i) => [x.toFixed(6), ...profiles.map((profile) => String(profile[i]!)), String(total[i]!)].join(','));
    output.write('power-profiles.csv', `x,power_order_0,power_order_1,power_order_2,power_total\n${rows.join('\n')}\n`);
  });

  const table = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1].map((x) => {
    const i = Math.round(x * (n - 1));
    const cells = [...profiles.map((profile) => profile[i]!), total[i]!].map((p) => (p > 0 ? decibels(p).toFixed(1).padStart(6) : '     -'));
    return [`x = ${xs[i]!.toFixed(2)}`, `${cells.join('  ')}  dB`] as const;
  });
  return {
    numbers: [
      ['scene', `basic, TX (0.1, 0.1); ${n} receivers along y = ${PROFILE_Y} from x = 0 to 1; image method`],
      ['columns', 'order 0, order 1, order 2, total (dB re P0; - : no valid path, e.g. a receiver on a wall)'],
      ...table,
      ['at the RX x = 0.302', `orders 0 / <= 1 / <= 2: ${cumulativeAtRx.map((p) => formatValue(p, 8)).join(' / ')}`],
    ],
    checks: [
      check('line of sight is 1 / (h^2 + d^2) between the walls x = 0 and x = 0.4', losError < 1e-12, `largest relative error ${formatValue(losError, 2)}`),
      check('no line of sight past the wall x = 0.4', losPastWall === 0, `largest power past x = 0.41: ${formatValue(losPastWall)}`),
      check("the sums over orders at the RX are DiffeRT2d's", rxError < 1e-9, `largest relative difference ${formatValue(rxError, 2)}`),
    ],
    files: output.files,
    computeMs: watch.computeMs,
    drawMs: watch.drawMs,
    json: {
      y: PROFILE_Y,
      x: Array.from(xs),
      power: Object.fromEntries(PROFILE_ORDERS.map((order, k) => [`order${order}`, Array.from(profiles[k]!)])),
      total: Array.from(total),
      files: output.files,
    },
  };
}

/** The example `power-profiles`. */
export const POWER_PROFILES: Example = {
  name: 'power-profiles',
  summary: 'power along y = 0.2147 in the basic scene, per order 0, 1, 2 (SVG line chart and CSV)',
  run: runPowerProfiles,
};
