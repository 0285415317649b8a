/**
 * Logical and, or, not: on exact 0/1 masks, or on smoothed booleans in
 * [0, 1] under approximation (`and` is `min`, `or` is `max`, `not` is `1 - x`).
 *
 * @module
 */
import { equal, maximum, minimum, mul, notEqual, sub, type Tensor, type TensorLike } from '@differt2d/autodiff';
import { resolveApprox, type ApproxOptions } from './settings.js';

/**
 * `a and b`: exact (any non-zero value is true; result 0/1, no gradient), or
 * `minimum(a, b)` under approximation. Broadcasts like numpy.
 *
 * @example
 * ```ts
 * logicalAnd([1, 1, 0], [1, 0, 0]).toArray(); // [1, 0, 0]
 * logicalAnd(0.9, 0.6, { approx: true }).item(); // 0.6
 * ```
 */
export function logicalAnd(a: TensorLike, b: TensorLike, options: ApproxOptions = {}): Tensor {
  if (resolveApprox(options, 'logicalAnd').approx) return minimum(a, b);
  return mul(notEqual(a, 0), notEqual(b, 0));
}

/**
 * `a or b`: exact (any non-zero value is true; result 0/1, no gradient), or
 * `maximum(a, b)` under approximation. Broadcasts like numpy.
 *
 * @example
 * ```ts
 * logicalOr([1, 0, 0], [1, 1, 0]).toArray(); // [1, 1, 0]
 * logicalOr(0.2, 0.6, { approx: true }).item(); // 0.6
 * ```
 */
export function logicalOr(a: TensorLike, b: TensorLike, options: ApproxOptions = {}): Tensor {
  if (resolveApprox(options, 'logicalOr').approx) return maximum(a, b);
  return maximum(notEqual(a, 0), notEqual(b, 0));
}

/**
 * `not x`: exact (1 where `x` is 0, else 0; no gradient), or `1 - x` under
 * approximation.
 *
 * @example
 * ```ts
 * logicalNot([0, 1]).toArray(); // [1, 0]
 * logicalNot(0.25, { approx: true }).item(); // 0.75
 * ```
 */
export function logicalNot(x: TensorLike, options: ApproxOptions = {}): Tensor {
  if (resolveApprox(options, 'logicalNot').approx) return sub(1, x);
  return equal(x, 0);
}
