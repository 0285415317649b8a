/**
 * Benchmarks of the fused geometry kernels (issue 3, part B):
 * - the hard segment-versus-walls blocking test, 1e6 segments x 8 walls, in
 *   pairs per second (nominal N W, and the pairs actually tested after the
 *   early exit);
 * - the smoothed test with its gradient (forward + backward), and its ratio to
 *   the hard forward time;
 * - images through a wall and wall interaction losses on 1e6 points, with
 *   gradients.
 *
 * The scene is DiffeRT2d's `square-with-obstacle` (ratio 0.1): the four outer
 * walls of the unit square, then the four walls of a centred 0.1 x 0.1
 * obstacle; 8 walls. Segments join two points drawn uniformly in
 * [0.02, 0.98]^2 (TX-RX pairs): they never reach the outer walls, and only the
 * few that pass through the obstacle are blocked, so the early exit saves
 * little and the rate is not inflated by it.
 *
 * Run alone: `npx tsx --conditions=source bench/geometry.ts`.
 *
 * @module
 */
import { pathToFileURL } from 'node:url';
import { grad, sum, Tensor } from '@differt2d/autodiff';
import {
  firstBlockingWalls,
  imagesThroughWall,
  interactionLosses,
  segmentsBlocked,
  segmentsIntersectSmooth,
} from '@differt2d/geometry';
import { randomPoints } from '../test-support/generators.js';
import { medianTime, printTable, row, type BenchRow } from './harness.js';

/** Number of segments of the blocking workloads. */
const SEGMENTS = 1_000_000;

/** Target of the hard blocking test, in segment-wall pairs per second. */
const TARGET_PAIRS_PER_SECOND = 100e6;

/** The smoothed test with gradient should cost at most this many hard forward passes. */
const TARGET_GRADIENT_RATIO = 4;

/** The 8 walls of `square-with-obstacle` (ratio 0.1), shape [8, 2, 2]. */
function squareWithObstacle(ratio = 0.1): Tensor {
  const x0 = 0.5 - ratio / 2;
  const x1 = 0.5 + ratio / 2;
  const walls = [
    [0, 0, 1, 0], [1, 0, 1, 1], [1, 1, 0, 1], [0, 1, 0, 0],
    [x0, x0, x1, x0], [x1, x0, x1, x1], [x1, x1, x0, x1], [x0, x1, x0, x0],
  ];
  return new Tensor(Float64Array.from(walls.flat()), [walls.length, 2, 2]);
}

const formatRate = (perSecond: number) => `${(perSecond / 1e6).toFixed(0)} M/s`;

/**
 * Run the geometry kernels' benchmarks; one row per workload.
 *
 * @example
 * ```ts
 * printTable(benchGeometry());
 * ```
 */
export function benchGeometry(): BenchRow[] {
  const rows: BenchRow[] = [];
  const walls = squareWithObstacle();
  const wallCount = walls.shape[0]!;
  const starts = randomPoints(SEGMENTS, 0.02, 0.98, 1);
  const ends = randomPoints(SEGMENTS, 0.02, 0.98, 2);
  const nominalPairs = SEGMENTS * wallCount;

  // Hard blocking test.
  const blocked = segmentsBlocked(starts, ends, walls);
  let blockedCount = 0;
  for (let i = 0; i < SEGMENTS; i++) blockedCount += blocked.data[i]!;
  const { pairsTested } = firstBlockingWalls(starts, ends, walls);
  const hardMs = medianTime(() => segmentsBlocked(starts, ends, walls), { runs: 15, warmup: 3 });
  rows.push(
    row(`segmentsBlocked, hard: 1e6 segments x ${wallCount} walls`, hardMs, {
      target: (nominalPairs / TARGET_PAIRS_PER_SECOND) * 1000,
      note:
        `${formatRate(nominalPairs / (hardMs / 1000))} nominal pairs (N W); ` +
        `${formatRate(pairsTested / (hardMs / 1000))} pairs actually tested ` +
        `(${((100 * pairsTested) / nominalPairs).toFixed(1)}% of N W after early exit; ` +
        `${((100 * blockedCount) / SEGMENTS).toFixed(1)}% of segments blocked); single core`,
    }),
  );

  // Smoothed test: forward only, then forward + backward (gradient w.r.t. starts, ends, walls).
  const smoothOptions = { alpha: 100, activation: 'hardSigmoid' as const };
  const smoothMs = medianTime(() => segmentsIntersectSmooth(starts, ends, walls, smoothOptions), { runs: 7, warmup: 2 });
  rows.push(
    row(`segmentsIntersectSmooth forward (hardSigmoid, alpha 100): 1e6 x ${wallCount}`, smoothMs, {
      note: `${formatRate(nominalPairs / (smoothMs / 1000))} nominal pairs; ${(smoothMs / hardMs).toFixed(2)}x the hard forward`,
    }),
  );
  const smoothGradient = grad((s: Tensor, e: Tensor, w: Tensor) => sum(segmentsIntersectSmooth(s, e, w, smoothOptions)), {
    argnums: [0, 1, 2],
  });
  const gradientMs = medianTime(() => smoothGradient(starts, ends, walls), { runs: 7, warmup: 2 });
  rows.push(
    row(`segmentsIntersectSmooth forward + backward (grad w.r.t. starts, ends, walls): 1e6 x ${wallCount}`, gradientMs, {
      target: TARGET_GRADIENT_RATIO * hardMs,
      note: `${(gradientMs / hardMs).toFixed(2)}x the hard forward (target <= ${TARGET_GRADIENT_RATIO}x); includes grad()'s copies of the 1e6 x 2 gradients`,
    }),
  );

  // Images and interaction losses on 1e6 points.
  const wall = new Tensor(Float64Array.of(0.45, 0.45, 0.55, 0.45), [2, 2]);
  const imagesMs = medianTime(() => imagesThroughWall(starts, wall), { runs: 7, warmup: 2 });
  rows.push(row('imagesThroughWall forward: 1e6 points, one wall', imagesMs, { note: formatRate(SEGMENTS / (imagesMs / 1000)) + ' points' }));
  const imagesGradient = grad((p: Tensor, w: Tensor) => sum(imagesThroughWall(p, w)), { argnums: [0, 1] });
  const imagesGradientMs = medianTime(() => imagesGradient(starts, wall), { runs: 7, warmup: 2 });
  rows.push(row('imagesThroughWall forward + backward: 1e6 points', imagesGradientMs, { note: `${(imagesGradientMs / imagesMs).toFixed(2)}x the forward` }));
  const middles = randomPoints(SEGMENTS, 0.45, 0.55, 3);
  const lossesGradient = grad((a: Tensor, b: Tensor, c: Tensor, w: Tensor) => sum(interactionLosses(a, b, c, w)), { argnums: [0, 1, 2, 3] });
  const lossesMs = medianTime(() => interactionLosses(starts, middles, ends, wall), { runs: 7, warmup: 2 });
  const lossesGradientMs = medianTime(() => lossesGradient(starts, middles, ends, wall), { runs: 7, warmup: 2 });
  rows.push(row('interactionLosses forward: 1e6 triplets, one wall', lossesMs, { note: formatRate(SEGMENTS / (lossesMs / 1000)) + ' triplets' }));
  rows.push(row('interactionLosses forward + backward: 1e6 triplets', lossesGradientMs, { note: `${(lossesGradientMs / lossesMs).toFixed(2)}x the forward` }));
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable(benchGeometry());
}
