/**
 * Computing some rows of a power map: the unit of work of every map
 * function (synchronous, asynchronous, in workers).
 *
 * @module
 */
import { add, sum, Tensor, valueAndGrad } from '@differt2d/autodiff';
import { totalReceivedPower, visibleCandidates, type CandidateRegion } from '@differt2d/tracer';
import type { GridPlan } from './gridPlan.js';
import { accumulateImagePower } from './imagePowerKernel.js';

/**
 * The values of some rows of a map.
 *
 * @example
 * ```ts
 * const rows: GridRows = gridRows(plan, 0, 2);
 * rows.power.length; // 2 * plan.nx
 * ```
 */
export interface GridRows {
  /** `[(rowEnd - rowStart) * nx]`: the power, row-major. */
  readonly power: Float64Array;
  /** `[(rowEnd - rowStart) * nx * 2]` when the plan asks for the gradient, else null. */
  readonly gradient: Float64Array | null;
}

/**
 * The grid points of rows `[rowStart, rowEnd)`, `[N * 2]`, row-major
 * (written into `into` when it is large enough: a view of its start).
 *
 * @example
 * ```ts
 * gridRowPoints(plan, 0, 1); // Float64Array [x0, y0, x1, y0, ...]
 * ```
 */
export function gridRowPoints(plan: GridPlan, rowStart: number, rowEnd: number, into?: Float64Array): Float64Array {
  const nx = plan.nx;
  const size = 2 * nx * (rowEnd - rowStart);
  const points = into !== undefined && into.length >= size ? into.subarray(0, size) : new Float64Array(size);
  let at = 0;
  for (let j = rowStart; j < rowEnd; j++) {
    const y = plan.y[j]!;
    for (let i = 0; i < nx; i++) {
      points[at++] = plan.x[i]!;
      points[at++] = y;
    }
  }
  return points;
}

/** The bounding box of the grid points of rows `[rowStart, rowEnd)`: from the axes, without a pass over the points. */
function boxOfRows(plan: GridPlan, rowStart: number, rowEnd: number): CandidateRegion {
  let xmin = Infinity;
  let xmax = -Infinity;
  for (let i = 0; i < plan.nx; i++) {
    const x = plan.x[i]!;
    if (x < xmin) xmin = x;
    if (x > xmax) xmax = x;
  }
  let ymin = Infinity;
  let ymax = -Infinity;
  for (let j = rowStart; j < rowEnd; j++) {
    const y = plan.y[j]!;
    if (y < ymin) ymin = y;
    if (y > ymax) ymax = y;
  }
  return [
    [xmin, ymin],
    [xmax, ymax],
  ];
}

/**
 * The power at `moving` from all fixed points, by the fused kernel: per
 * fixed point, the candidates in order, pruned (unless `prune` is false)
 * from the fixed point towards the box of these rows' points. A candidate
 * left out adds nothing to any point, so the sums are the same, bit for
 * bit, as over every candidate.
 */
function kernelRows(plan: GridPlan, moving: Float64Array, count: number, region: CandidateRegion): Float64Array {
  const kernel = plan.kernel!;
  const total = new Float64Array(count);
  const perFixed = plan.fixed.length === 2 ? total : new Float64Array(count);
  const [[xmin, ymin], [xmax, ymax]] = region;
  const movingBox = [xmin, ymin, xmax, ymin, xmax, ymax, xmin, ymax];
  const candidateOptions = { ...plan.traceOptions, sourceIs: plan.over === 'rx' ? ('tx' as const) : ('rx' as const) };
  for (let f = 0; f < plan.fixed.length; f += 2) {
    if (f > 0) perFixed.fill(0);
    const fixed: [number, number] = [plan.fixed[f]!, plan.fixed[f + 1]!];
    for (const candidate of visibleCandidates(plan.scene.objects, fixed, region, candidateOptions)) {
      accumulateImagePower(kernel.scene, candidate, plan.fixed[f]!, plan.fixed[f + 1]!, plan.over, moving, kernel.settings, perFixed, movingBox, kernel.blockerIndex);
    }
    if (f === 0) {
      if (perFixed !== total) total.set(perFixed);
    } else {
      for (let i = 0; i < count; i++) total[i] += perFixed[i]!;
    }
  }
  return total;
}

/** The power at `moving` from all fixed points, through the differentiable tracer: a `[N]` tensor. */
function tracedPower(plan: GridPlan, moving: Tensor): Tensor {
  let total: Tensor | null = null;
  for (let f = 0; f < plan.fixed.length; f += 2) {
    const fixed = new Tensor(plan.fixed.slice(f, f + 2), [2]);
    const power =
      plan.over === 'rx'
        ? totalReceivedPower(fixed, moving, plan.scene.objects, plan.traceOptions)
        : totalReceivedPower(moving, fixed, plan.scene.objects, plan.traceOptions);
    total = total === null ? power : add(total, power);
  }
  return total!;
}

/** Grid points handed to the fused kernel, reused from chunk to chunk (grown as needed). */
let kernelPoints = new Float64Array(0);

/**
 * The power (and gradient) of rows `[rowStart, rowEnd)` of a map. Each grid
 * point's value depends only on that point (never on the other points of the
 * chunk), so any split into chunks gives the same numbers.
 *
 * With the fused kernel (exact validity, image method, no gradient): one
 * loop over the points per candidate, the candidates pruned from each fixed
 * point towards the chunk's points (`visibleCandidates`), blocking tested
 * through the plan's grid over the walls (unless `spatialIndex` is false).
 * Otherwise, all the rows' points as
 * one batch through `totalReceivedPower` (one traced call per candidate),
 * inside `valueAndGrad` when the gradient is asked for.
 *
 * @example
 * ```ts
 * const plan = resolveGridPlan('powerGrid', basicScene(), { over: 'rx', nx: 300 });
 * gridRows(plan, 0, 10).power.length; // 3000
 * ```
 */
export function gridRows(plan: GridPlan, rowStart: number, rowEnd: number): GridRows {
  if (rowEnd <= rowStart) return { power: new Float64Array(0), gradient: plan.gradient ? new Float64Array(0) : null };
  if (plan.kernel !== null) {
    // The kernel only reads the points during this call: one scratch buffer serves every chunk.
    const size = 2 * plan.nx * (rowEnd - rowStart);
    if (kernelPoints.length < size) kernelPoints = new Float64Array(size);
    const moving = gridRowPoints(plan, rowStart, rowEnd, kernelPoints);
    return { power: kernelRows(plan, moving, size / 2, boxOfRows(plan, rowStart, rowEnd)), gradient: null };
  }
  const moving = gridRowPoints(plan, rowStart, rowEnd);
  const count = moving.length / 2;
  const points = new Tensor(moving, [count, 2]);
  if (!plan.gradient) return { power: Float64Array.from(tracedPower(plan, points).data), gradient: null };
  const powerAndGradient = valueAndGrad(
    (at: Tensor) => {
      const power = tracedPower(plan, at);
      return [sum(power), power];
    },
    { hasAux: true },
  );
  const [[, power], gradient] = powerAndGradient(points) as [[Tensor, Tensor], Tensor];
  return { power: Float64Array.from(power.data), gradient: Float64Array.from(gradient.data) };
}

/**
 * Write rows computed by {@link gridRows} into the full map's arrays.
 *
 * @example
 * ```ts
 * writeGridRows(grid, plan.nx, 0, gridRows(plan, 0, 10));
 * ```
 */
export function writeGridRows(
  grid: { power: Float64Array; gradient?: Float64Array | undefined },
  nx: number,
  rowStart: number,
  rows: { readonly power: Float64Array; readonly gradient: Float64Array | null },
): void {
  grid.power.set(rows.power, rowStart * nx);
  if (grid.gradient !== undefined && rows.gradient !== null) grid.gradient.set(rows.gradient, 2 * rowStart * nx);
}
