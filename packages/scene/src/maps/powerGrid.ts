/**
 * Power maps, synchronously: the received power over a grid of receiver or
 * transmitter positions, chunk after chunk of rows.
 *
 * @module
 */
import type { Scene } from '../scene/scene.js';
import { emptyPowerGrid, gridChunks, resolveGridPlan, type PowerGrid, type PowerGridOptions } from './gridPlan.js';
import { gridRows, writeGridRows } from './gridRows.js';

/**
 * The received power over a grid, synchronously.
 *
 * The grid spans `bbox` (default: the scene's bounding box), `nx` columns by
 * `ny` rows, the same points as `scene.grid(nx, ny)`. One point moves over
 * it (`over`):
 * - `'rx'`: a receiver at each grid point; its power is summed over all the
 *   scene's transmitters (the scene's receivers are not used);
 * - `'tx'`: a transmitter at each grid point; the power it gives every
 *   receiver of the scene, summed (the scene's transmitters are not used).
 *
 * The power at a point is the sum over its paths of `validity * power` (as
 * `totalReceivedPower`); with `gradient: true`, also its gradient w.r.t. the
 * moving point's coordinates (reverse-mode autodiff; use `approx: true` to
 * include the smoothed validity's gradient). Gradients are finite everywhere,
 * walls included (DiffeRT2d gives NaN on the basic scene's outer walls).
 *
 * Rows are computed in chunks (`chunkRows`), so memory stays bounded: a chunk
 * of the fused image kernel holds its points and values (24 bytes per grid
 * point); through the differentiable tracer, the tape of one chunk. Exact
 * validity with the image method and no gradient (the default) runs the
 * fused kernel, one loop over the chunk's points per candidate, with the
 * same numbers as `totalReceivedPower` bit for bit; anything else goes
 * through `totalReceivedPower` with the chunk's points as one batch.
 *
 * See `powerMap` (asynchronous, cancellable, with progress),
 * `powerMapInWorkers` (Web Workers) and `powerMapParallel` of
 * `@differt2d/scene/node` (worker threads): the same numbers.
 *
 * @param options - the grid (`over`, `nx`, `ny`, `bbox`, `gradient`,
 *   `chunkRows`) and the scene operations' options (`maxOrder`, `approx`,
 *   `method`...).
 * @throws Error naming the option at fault, at the call; a scene without a
 *   transmitter (over `'rx'`) or a receiver (over `'tx'`).
 * @example
 * ```ts
 * const map = powerGrid(basicScene(), { over: 'rx', nx: 300, maxOrder: 1 });
 * map.power.length; // 90000
 * const db = map.power.map((p) => 10 * Math.log10(p / P0)); // dB relative to P0
 * const txMap = powerGrid(basicScene(), { over: 'tx', nx: 50, approx: true, gradient: true });
 * txMap.gradient!.length; // 5000
 * ```
 */
export function powerGrid(scene: Scene, options: PowerGridOptions): PowerGrid {
  const plan = resolveGridPlan('powerGrid', scene, options);
  const grid = emptyPowerGrid(plan);
  for (const [rowStart, rowEnd] of gridChunks(plan)) writeGridRows(grid, plan.nx, rowStart, gridRows(plan, rowStart, rowEnd));
  return grid;
}
