/**
 * The min-path tracer (MPT): paths of least interaction loss.
 *
 * @module
 */
import type { TensorLike } from '@differt2d/autodiff';
import type { Interactable } from '@differt2d/geometry';
import type { TracedPaths } from '../paths/tracedPaths.js';
import type { OptimizedPathOptions } from './optimizedOperands.js';
import { traceOptimizedPaths } from './optimizedPaths.js';

/**
 * Options of `minPaths`.
 *
 * @example
 * ```ts
 * const figure1: MinPathOptions = { solver: 'adam', steps: 1000 }; // as the paper's RIS figure
 * ```
 */
export type MinPathOptions = OptimizedPathOptions;

/**
 * Min-path tracing (MPT): the interaction points (one parametric coordinate
 * per wall or RIS, none for a vertex, `parameterCount` for other objects)
 * that minimise the sum of the objects' interaction losses. Works with any
 * `Interactable`: walls (the specular path), RIS (the ray leaves at its
 * angle), user-defined types. The reported loss is that minimum: 0 up to
 * rounding (~1e-30 with `'lm'`) where the path exists.
 *
 * Batched over the broadcast leading axes of `tx` and `rx`: all pairs are
 * solved together. Validity (points on their objects, no blocking, loss
 * below a tolerance) is not checked here.
 *
 * Solvers:
 * - `'lm'` (default): Levenberg-Marquardt on the objects'
 *   `interactionResiduals` (walls, RIS, vertices: fused loops with exact
 *   Jacobians; other objects: their methods, Jacobians by central
 *   differences), started from the image-method path (the solution itself on
 *   walls, the specular point on a RIS) or, for other objects, from their
 *   Fermat path; converges to a loss ~1e-30 in a few iterations. For objects
 *   that define only `interactionLoss`, damped Newton on the loss with
 *   derivatives by central differences. A path with no zero-loss point (a
 *   receiver behind a RIS) is stopped where it stalls, or once its unknowns
 *   pass 100.
 * - `'adam'`: DiffeRT2d's method: starts uniform in `[0, 1)` from the PRNG key
 *   of `seed` (default 1234), Adam with learning rate 0.1 for 100 steps,
 *   `many` starts (default 1), the lowest loss kept. Imprecise (the
 *   reference's flaw: loss ~1e-3 for 3 reflections); kept for comparison.
 *
 * Gradients (w.r.t. TX, RX, the objects' coordinates and a RIS's angle) are
 * implicit derivatives of the optimum, never the solver unrolled: with
 * residuals, the Gauss-Newton implicit derivative `-J^+ dr/dtheta`, exact for
 * valid paths (zero residuals) and an approximation where the loss stays
 * positive; with a loss only, the implicit function theorem on its gradient
 * (to the accuracy of central differences, ~1e-8).
 *
 * @param tx - transmitters `[..., 2]` (metres).
 * @param objects - the candidate: `Interactable`s in the order the path meets
 *   them; an empty list gives the line-of-sight path.
 * @param rx - receivers `[..., 2]` (metres), batch axes broadcast with `tx`'s.
 * @returns points `[..., K + 2, 2]` (TX, the K interaction points, RX) and
 *   loss `[...]` (unitless).
 * @throws Error naming `minPaths` and the culprit for positions that are not
 *   `[..., 2]`, NaN or infinite coordinates, batch axes that do not
 *   broadcast, an entry of `objects` that is not an `Interactable`, or a bad
 *   option.
 * @example
 * ```ts
 * // Figure 1 of the paper: a RIS sends every ray out at 45 degrees.
 * const ris = new RIS([[0.5, 0.3], [0.5, 0.7]], { phi: Math.PI / 4 });
 * const paths = minPaths([0.2, 0.2], [ris], [0.3, 0.6]);
 * paths.points.toArray()[1]; // [0.5, 0.4]: (0.5, y - (0.5 - x))
 * paths.loss.item(); // ~0
 * ```
 */
export function minPaths(tx: TensorLike, objects: readonly Interactable[], rx: TensorLike, options: MinPathOptions = {}): TracedPaths {
  return traceOptimizedPaths('minPaths', 'minPath', tx, objects, rx, options);
}
