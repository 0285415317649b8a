/**
 * Benchmarks of the image-method tracer (issue 4):
 * - one image path through 1, 2 and 3 walls of the basic scene (forward,
 *   one TX, one RX, path points and loss): median time per call, against
 *   DiffeRT2d's 93-99 us per call (JAX, compiled);
 * - 1e5 receivers x one order-2 candidate of the basic scene, traced by the
 *   image method, judged valid (exact) and weighted by their received power:
 *   median time and throughput in paths per second; then the same with
 *   smoothed validity and the gradient of the summed power w.r.t. every RX.
 *
 * Run alone: `npx tsx --conditions=source bench/tracer-image.ts`.
 *
 * @module
 */
import { pathToFileURL } from 'node:url';
import { grad, mul, sum, Tensor } from '@differt2d/autodiff';
import { imagePaths, pathValidity, receivedPower } from '../packages/tracer/src/index.js';
import { randomPoints } from '../test-support/generators.js';
import { formatPathRate, RX, TX, WALLS } from './fixtures.js';
import { medianPerCall, medianTime, printTable, row, type BenchRow } from './harness.js';

/** Valid candidates of the basic scene with 1, 2 and 3 reflections. */
const SINGLE_PATH_CANDIDATES = [[0], [0, 2], [3, 0, 2]];

/** DiffeRT2d, one image path of 1-3 reflections, later calls: 93-99 us (REFERENCE.md). */
const REFERENCE_SINGLE_PATH_MS = 0.096;

/** This project's target for one short image path. */
const TARGET_SINGLE_PATH_MS = 0.005;

/** Receivers of the batch workload. */
const RECEIVERS = 100_000;

/** An order-2 candidate of the basic scene: floor, then ceiling. */
const BATCH_CANDIDATE = [0, 2];

/**
 * Run the image tracer's benchmarks; one row per workload.
 *
 * @example
 * ```ts
 * printTable(benchTracerImage());
 * ```
 */
export function benchTracerImage(): BenchRow[] {
  const rows: BenchRow[] = [];

  for (const candidate of SINGLE_PATH_CANDIDATES) {
    const walls = candidate.map((i) => WALLS[i]!);
    const ms = medianPerCall(() => imagePaths(TX, walls, RX), { inner: 20_000, runs: 9, warmup: 3 });
    rows.push(
      row(`tracer: one image path, ${candidate.length} reflection(s), forward (points + loss)`, ms, {
        reference: REFERENCE_SINGLE_PATH_MS,
        target: TARGET_SINGLE_PATH_MS,
        note: `${(ms * 1000).toFixed(2)} us/call; candidate [${candidate.join(', ')}]`,
      }),
    );
  }

  const receivers = randomPoints(RECEIVERS, 0, 1, 7); // uniform in the unit square
  const walls = BATCH_CANDIDATE.map((i) => WALLS[i]!);
  let validCount = 0;
  const hard = (): Tensor => {
    const paths = imagePaths(TX, walls, receivers);
    const validity = pathValidity(paths, WALLS, BATCH_CANDIDATE);
    return mul(validity, receivedPower(paths.points));
  };
  const weighted = hard();
  for (let i = 0; i < RECEIVERS; i++) if (weighted.data[i] !== 0) validCount++;
  const hardMs = medianTime(hard, { runs: 9, warmup: 2 });
  rows.push(
    row(`tracer: image method + exact validity + power, 1e5 receivers x candidate [${BATCH_CANDIDATE.join(', ')}]`, hardMs, {
      note: `${formatPathRate(RECEIVERS / (hardMs / 1000))}; ${((100 * validCount) / RECEIVERS).toFixed(1)}% of the paths valid; single core`,
    }),
  );

  const smoothGradient = grad((rx: Tensor) => {
    const paths = imagePaths(TX, walls, rx);
    return sum(mul(pathValidity(paths, WALLS, BATCH_CANDIDATE, { approx: true }), receivedPower(paths.points)));
  });
  const smoothMs = medianTime(() => smoothGradient(receivers), { runs: 7, warmup: 2 });
  rows.push(
    row(`tracer: same batch, smoothed validity, forward + gradient w.r.t. every RX`, smoothMs, {
      note: `${formatPathRate(RECEIVERS / (smoothMs / 1000))}; ${(smoothMs / hardMs).toFixed(2)}x the exact forward`,
    }),
  );
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable(benchTracerImage());
}
