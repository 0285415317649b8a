/**
 * The Fermat tracer: paths of stationary (least) length.
 *
 * @module
 */
import type { TensorLike } from '@differt2d/autodiff';
import type { Interactable } from '@differt2d/geometry';
import type { TracedPaths } from '../paths/tracedPaths.js';
import type { OptimizedPathOptions } from './optimizedOperands.js';
import { traceOptimizedPaths } from './optimizedPaths.js';

/**
 * Options of `fermatPaths`.
 *
 * @example
 * ```ts
 * const options: FermatPathOptions = { solver: 'adam', many: 4, seed: 7 };
 * ```
 */
export type FermatPathOptions = OptimizedPathOptions;

/**
 * Fermat paths from TX to RX through `objects` in order: the interaction
 * points (one parametric coordinate per wall or RIS, none for a vertex,
 * `parameterCount` for other objects) that minimise the total path length.
 * On walls this is the specular (image-method) path; through a vertex, the
 * diffracted path; on a RIS, the path its geometry would reflect
 * specularly, whatever its angle (so its loss is usually not 0). The
 * reported loss is the sum of the objects' interaction losses at the points
 * found, as DiffeRT2d does.
 *
 * Batched over the broadcast leading axes of `tx` and `rx`: all pairs are
 * solved together. Validity (points on their objects, no blocking, loss
 * below a tolerance) is not checked here.
 *
 * Solvers:
 * - `'lm'` (default): damped Newton on the length with its exact Hessian
 *   (walls, RIS, vertices: fused loops; other objects: their methods, with
 *   derivatives by central differences), started from the image-method path
 *   (the answer itself on walls) or, for other objects, from the straight
 *   TX-RX line spread over them. The length is convex in the unknowns for
 *   walls, RIS and vertices, so it converges from anywhere, to machine
 *   precision in a handful of iterations. A path with no smooth minimum (an
 *   invalid candidate folding onto a corner, or running away) is stopped
 *   where it stalls, or once its unknowns pass 100.
 * - `'adam'`: DiffeRT2d's method, faithfully: starts uniform in `[0, 1)`
 *   from the PRNG key of `seed` (default 1234), Adam with learning rate 0.1
 *   for 100 steps, `many` starts (default 1), the shortest kept. Imprecise
 *   (the reference's flaw); kept for comparison.
 *
 * Gradients (w.r.t. TX, RX and the objects' coordinates) are the implicit
 * derivatives of the optimum (the stationarity `dL/dx = 0` and the implicit
 * function theorem), never the solver's iterations unrolled; the tape holds
 * one evaluation of `dL/dx` per call. Objects without `parametricJacobian`
 * get central differences of `parametricToCartesian` instead.
 *
 * @param tx - transmitters `[..., 2]` (metres).
 * @param objects - the candidate: `Interactable`s in the order the path meets
 *   them; an empty list gives the line-of-sight path.
 * @param rx - receivers `[..., 2]` (metres), batch axes broadcast with `tx`'s.
 * @returns points `[..., K + 2, 2]` (TX, the K interaction points, RX) and
 *   loss `[...]` (unitless).
 * @throws Error naming `fermatPaths` and the culprit for positions that are
 *   not `[..., 2]`, NaN or infinite coordinates, batch axes that do not
 *   broadcast, an entry of `objects` that is not an `Interactable`, or a bad
 *   option.
 * @example
 * ```ts
 * const floor = new Wall([[0, 0], [1, 0]]);
 * const paths = fermatPaths([0.1, 0.1], [floor], [[0.3, 0.2], [0.5, 0.1]]);
 * paths.points.shape; // [2, 3, 2]
 * paths.points.toArray()[0][1]; // [~0.1667, 0]: the specular point
 * ```
 */
export function fermatPaths(tx: TensorLike, objects: readonly Interactable[], rx: TensorLike, options: FermatPathOptions = {}): TracedPaths {
  return traceOptimizedPaths('fermatPaths', 'fermat', tx, objects, rx, options);
}
