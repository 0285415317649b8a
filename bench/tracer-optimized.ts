/**
 * Benchmarks of the optimisation-based tracers (issue 4):
 * - one min-path (MPT) and one Fermat path through 1, 2 and 3 walls of the
 *   basic scene with Levenberg-Marquardt, converged to a loss <= 1e-12:
 *   median time per call, against DiffeRT2d's ~90 us per compiled call
 *   of 100 imprecise Adam steps (target 50 us);
 * - the same single path with DiffeRT2d's own method (Adam, 100 steps), for
 *   comparison on equal terms;
 * - one MPT path of order 3 with its implicit gradient w.r.t. TX, RX and
 *   the walls;
 * - 1e4 receivers x one order-1 candidate, MPT with Levenberg-Marquardt, in
 *   one batch: time and paths per second;
 * - the paper's figure 1 traced: the RIS, 300 x 300 receivers, MPT (DiffeRT2d:
 *   1000 Adam steps, 4.4 s warm).
 *
 * Run alone: `npx tsx --conditions=source bench/tracer-optimized.ts`.
 *
 * @module
 */
import { pathToFileURL } from 'node:url';
import { grad, sum, Tensor } from '@differt2d/autodiff';
import { RIS, Wall } from '@differt2d/geometry';
import { fermatPaths } from '../packages/tracer/src/tracers/fermatPaths.js';
import { minPaths } from '../packages/tracer/src/tracers/minPaths.js';
import { BASIC_WALLS } from '../test-support/basicScene.js';
import { randomPoints } from '../test-support/generators.js';
import { formatPathRate, RX, TX, WALLS } from './fixtures.js';
import { medianPerCall, medianTime, printTable, row, type BenchRow } from './harness.js';

/** Valid candidates of the basic scene with 1, 2 and 3 reflections. */
const SINGLE_PATH_CANDIDATES = [[0], [0, 2], [0, 2, 0]];

/** DiffeRT2d, one optimised path (100 Adam steps), later calls: ~90 us (REFERENCE.md; its image path: 93-99 us). */
const REFERENCE_SINGLE_PATH_MS = 0.09;

/** This project's target for one path converged to loss <= 1e-12. */
const TARGET_SINGLE_PATH_MS = 0.05;

/** Receivers of the batch workload. */
const RECEIVERS = 10_000;

/** DiffeRT2d, figure 1 (RIS, MPT 1000 steps, 300 x 300 receivers), later calls. */
const REFERENCE_FIGURE_1_MS = 4400;

/** The receivers of a `size x size` grid over the unit square (cell centres), shape [size * size, 2]. */
function grid(size: number): Tensor {
  const data = new Float64Array(2 * size * size);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      data[2 * (j * size + i)] = (i + 0.5) / size;
      data[2 * (j * size + i) + 1] = (j + 0.5) / size;
    }
  }
  return new Tensor(data, [size * size, 2]);
}

/**
 * Run the optimisation-based tracers' benchmarks; one row per workload.
 *
 * @example
 * ```ts
 * printTable(benchTracerOptimized());
 * ```
 */
export function benchTracerOptimized(): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const [name, trace] of [
    ['MPT', minPaths],
    ['Fermat', fermatPaths],
  ] as const) {
    for (const candidate of SINGLE_PATH_CANDIDATES) {
      const walls = candidate.map((i) => WALLS[i]!);
      const loss = trace(TX, walls, RX).loss.item();
      const ms = medianPerCall(() => trace(TX, walls, RX), { inner: 2000, runs: 9 });
      rows.push(
        row(`tracer: one ${name} path (LM), ${candidate.length} reflection(s) [${candidate.join(', ')}]`, ms, {
          reference: REFERENCE_SINGLE_PATH_MS,
          target: TARGET_SINGLE_PATH_MS,
          note: `loss ${loss.toExponential(1)} (<= 1e-12: ${loss <= 1e-12 ? 'yes' : 'NO'})`,
        }),
      );
    }
  }

  const order3 = SINGLE_PATH_CANDIDATES[2]!.map((i) => WALLS[i]!);
  const adamLoss = minPaths(TX, order3, RX, { solver: 'adam' }).loss.item();
  const adamMs = medianPerCall(() => minPaths(TX, order3, RX, { solver: 'adam' }), { inner: 200, runs: 7 });
  rows.push(
    row(`tracer: one MPT path (Adam, 100 steps: DiffeRT2d's method), 3 reflections`, adamMs, {
      reference: REFERENCE_SINGLE_PATH_MS,
      note: `loss ${adamLoss.toExponential(1)}: imprecise, as the reference (DiffeRT2d: 5e-3 for 3 reflections)`,
    }),
  );

  const coordinates = SINGLE_PATH_CANDIDATES[2]!.map((i) => new Tensor(Float64Array.from(BASIC_WALLS[i]!.flat()), [2, 2]));
  const withGradient = grad(
    (tx: Tensor, rx: Tensor, walls: Tensor[]) => sum(minPaths(tx, walls.map((xys) => new Wall(xys)), rx).points),
    { argnums: [0, 1, 2] },
  );
  const gradientMs = medianPerCall(() => withGradient(TX, RX, coordinates), { inner: 500, runs: 7 });
  rows.push(
    row(`tracer: one MPT path + implicit gradient w.r.t. TX, RX and 3 walls`, gradientMs, {
      note: 'forward solve off the tape, one evaluation of the residuals on it',
    }),
  );

  const receivers = randomPoints(RECEIVERS, 0.02, 0.98, 7);
  const floor = [WALLS[0]!];
  const batch = minPaths(TX, floor, receivers);
  let worst = 0;
  for (const value of batch.loss.data) worst = Math.max(worst, value);
  const batchMs = medianTime(() => minPaths(TX, floor, receivers), { runs: 9, warmup: 2 });
  rows.push(
    row(`tracer: MPT (LM), 1e4 receivers x candidate [0], one batch`, batchMs, {
      note: `${formatPathRate(RECEIVERS / (batchMs / 1000))}; worst loss ${worst.toExponential(1)}; single core`,
    }),
  );

  const ris = [new RIS([[0.5, 0.3], [0.5, 0.7]], { phi: Math.PI / 4 })];
  const figureReceivers = grid(300);
  const figureMs = medianTime(() => minPaths([0.2, 0.2], ris, figureReceivers), { runs: 5, warmup: 1 });
  rows.push(
    row(`tracer: figure 1 paths, RIS, 300 x 300 receivers, MPT (LM)`, figureMs, {
      reference: REFERENCE_FIGURE_1_MS,
      note: `${formatPathRate(90_000 / (figureMs / 1000))}; paths only (the reference's time includes validity and power)`,
    }),
  );
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable(benchTracerOptimized());
}
