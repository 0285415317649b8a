/**
 * The activation that turns a signed distance from a decision boundary into
 * a smoothed boolean in [0, 1].
 *
 * @module
 */
import { asTensor, hardSigmoid, mul, sigmoid, type Tensor, type TensorLike } from '@differt2d/autodiff';
import { resolveApprox, type ApproxOptions } from './settings.js';

/**
 * The smoothing activation applied to `alpha * x`: the hard sigmoid
 * `relu6(alpha x + 3) / 6` (default), the logistic sigmoid
 * `1 / (1 + exp(-alpha x))`, or a user function. It is 0.5 at `x = 0` for the
 * built-ins; the hard sigmoid is exactly 0 for `x <= -3 / alpha` and exactly 1
 * for `x >= 3 / alpha`.
 *
 * It always smooths: the `approx` option is ignored here (the comparisons in
 * this folder decide between exact and smoothed).
 *
 * @param x - any shape; unitless (or metres for a distance to a boundary).
 * @param options - `alpha` (slope, default 100) and `activation`.
 * @returns a tensor of the shape of `x`, values in [0, 1].
 * @example
 * ```ts
 * activation([-1, 0, 0.01], { alpha: 100 }).toArray(); // [0, 0.5, 0.6666666666666666]
 * activation(0.01, { alpha: 100, activation: 'sigmoid' }).item(); // 0.7310585786300049
 * ```
 */
export function activation(x: TensorLike, options: ApproxOptions = {}): Tensor {
  const { alpha, activation: kind } = resolveApprox(options, 'activation');
  const scaled = mul(asTensor(x, 'activation'), alpha);
  if (kind === 'hardSigmoid') return hardSigmoid(scaled);
  if (kind === 'sigmoid') return sigmoid(scaled);
  return kind(scaled);
}
