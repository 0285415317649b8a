/**
 * Validity criterion 3: the path's loss is small enough.
 *
 * @module
 */
import { asTensor, type Tensor, type TensorLike } from '@differt2d/autodiff';
import { less, resolveApprox, type ApproxOptions } from '@differt2d/geometry';
import { DEFAULT_LOSS_TOLERANCE } from './validityOptions.js';

/**
 * Options of {@link pathLossBelowTolerance}.
 *
 * @example
 * ```ts
 * const options: LossToleranceOptions = { tolerance: 1e-3, approx: true };
 * ```
 */
export interface LossToleranceOptions extends ApproxOptions {
  /** The threshold (default 1e-2, DiffeRT2d's). */
  tolerance?: number;
}

/**
 * Whether each path's loss is below the tolerance: `loss < tolerance`, exact
 * (0/1, no gradient) or, under approximation, `activation(alpha (tolerance - loss))`.
 *
 * Note that a perfect path (loss 0) is then only `activation(alpha tolerance)`
 * valid: 2/3 with the hard sigmoid, alpha 100 and tolerance 1e-2, as in
 * DiffeRT2d (whose approximated powers carry that factor).
 *
 * @param loss - `[...]` (unitless).
 * @returns `[...]`: 1 when below, else 0 (or in [0, 1] smoothed).
 * @throws Error naming the option when the tolerance is not a finite positive number.
 * @example
 * ```ts
 * pathLossBelowTolerance([0, 0.5]).toArray(); // [1, 0]
 * pathLossBelowTolerance(0, { approx: true }).item(); // 0.6666666666666666
 * ```
 */
export function pathLossBelowTolerance(loss: TensorLike, options: LossToleranceOptions = {}): Tensor {
  const op = 'pathLossBelowTolerance';
  const tolerance = options.tolerance ?? DEFAULT_LOSS_TOLERANCE;
  if (!(typeof tolerance === 'number' && Number.isFinite(tolerance) && tolerance > 0)) {
    throw new Error(`${op}: tolerance must be a finite positive number, got ${String(tolerance)}`);
  }
  return less(asTensor(loss, op), tolerance, resolveApprox(options, op));
}
