/**
 * Reading a (possibly smoothed) boolean back as a hard one, and the values
 * that stand for true and false.
 *
 * @module
 */
import { equal, greater, less, notEqual, scalar, type Tensor, type TensorLike } from '@differt2d/autodiff';
import { resolveApprox, type ApproxOptions } from './settings.js';

/**
 * Whether a boolean is true, as an exact 0/1 mask (no gradient): `x > 0.5`
 * under approximation (a smoothed boolean is "rather true"), `x != 0`
 * otherwise.
 *
 * @example
 * ```ts
 * isTrue([0, 2]).toArray(); // [0, 1]
 * isTrue([0.4, 0.6], { approx: true }).toArray(); // [0, 1]
 * ```
 */
export function isTrue(x: TensorLike, options: ApproxOptions = {}): Tensor {
  return resolveApprox(options, 'isTrue').approx ? greater(x, 0.5) : notEqual(x, 0);
}

/**
 * Whether a boolean is false, as an exact 0/1 mask (no gradient): `x < 0.5`
 * under approximation, `x == 0` otherwise.
 *
 * @example
 * ```ts
 * isFalse([0, 2]).toArray(); // [1, 0]
 * isFalse([0.4, 0.6], { approx: true }).toArray(); // [1, 0]
 * ```
 */
export function isFalse(x: TensorLike, options: ApproxOptions = {}): Tensor {
  return resolveApprox(options, 'isFalse').approx ? less(x, 0.5) : equal(x, 0);
}

/**
 * The value standing for true: 1 (the same with or without approximation).
 *
 * @example
 * ```ts
 * trueValue().item(); // 1
 * ```
 */
export function trueValue(): Tensor {
  return scalar(1);
}

/**
 * The value standing for false: 0 (the same with or without approximation).
 *
 * @example
 * ```ts
 * falseValue().item(); // 0
 * ```
 */
export function falseValue(): Tensor {
  return scalar(0);
}
