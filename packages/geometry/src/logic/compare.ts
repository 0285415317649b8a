/**
 * Comparisons that are exact 0/1 masks, or smoothed into [0, 1] (and so
 * differentiable) when approximation is on.
 *
 * Under approximation, strict and non-strict comparisons are the same
 * function: the boundary itself gets 0.5.
 *
 * @module
 */
import {
  greater as exactGreater,
  greaterEqual as exactGreaterEqual,
  less as exactLess,
  lessEqual as exactLessEqual,
  sub,
  type Tensor,
  type TensorLike,
} from '@differt2d/autodiff';
import { activation } from './activation.js';
import { resolveApprox, type ApproxOptions } from './settings.js';

/**
 * `x > y`: an exact 0/1 mask (no gradient), or `activation(x - y)` under
 * approximation. Broadcasts like numpy.
 *
 * @example
 * ```ts
 * greater([1, 3], 2).toArray(); // [0, 1]
 * greater(2.001, 2, { approx: true }).item(); // ~0.517 (hard sigmoid, alpha 100)
 * ```
 */
export function greater(x: TensorLike, y: TensorLike, options: ApproxOptions = {}): Tensor {
  const resolved = resolveApprox(options, 'greater');
  return resolved.approx ? activation(sub(x, y), resolved) : exactGreater(x, y);
}

/**
 * `x >= y`: an exact 0/1 mask (no gradient), or `activation(x - y)` under
 * approximation. Broadcasts like numpy.
 *
 * @example
 * ```ts
 * greaterEqual([1, 2], 2).toArray(); // [0, 1]
 * greaterEqual(2, 2, { approx: true }).item(); // 0.5
 * ```
 */
export function greaterEqual(x: TensorLike, y: TensorLike, options: ApproxOptions = {}): Tensor {
  const resolved = resolveApprox(options, 'greaterEqual');
  return resolved.approx ? activation(sub(x, y), resolved) : exactGreaterEqual(x, y);
}

/**
 * `x < y`: an exact 0/1 mask (no gradient), or `activation(y - x)` under
 * approximation. Broadcasts like numpy.
 *
 * @example
 * ```ts
 * less([1, 3], 2).toArray(); // [1, 0]
 * less(0, 1, { approx: true }).item(); // 1
 * ```
 */
export function less(x: TensorLike, y: TensorLike, options: ApproxOptions = {}): Tensor {
  const resolved = resolveApprox(options, 'less');
  return resolved.approx ? activation(sub(y, x), resolved) : exactLess(x, y);
}

/**
 * `x <= y`: an exact 0/1 mask (no gradient), or `activation(y - x)` under
 * approximation. Broadcasts like numpy.
 *
 * @example
 * ```ts
 * lessEqual([2, 3], 2).toArray(); // [1, 0]
 * lessEqual(2, 2, { approx: true }).item(); // 0.5
 * ```
 */
export function lessEqual(x: TensorLike, y: TensorLike, options: ApproxOptions = {}): Tensor {
  const resolved = resolveApprox(options, 'lessEqual');
  return resolved.approx ? activation(sub(y, x), resolved) : exactLessEqual(x, y);
}
