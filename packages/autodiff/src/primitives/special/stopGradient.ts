import { asTensor, type TensorLike } from '../../tensor/create.js';
import { Tensor } from '../../tensor/tensor.js';

/**
 * The same values, cut from differentiation: a constant for any enclosing
 * gradient (its gradient is zero). Nothing is recorded; the data is shared,
 * not copied.
 *
 * @example
 * ```ts
 * grad((x: Tensor) => sum(mul(x, stopGradient(x))))(tensor([3])).toArray(); // [3], not [6]
 * ```
 */
export function stopGradient(x: TensorLike): Tensor {
  const t = asTensor(x, 'stopGradient');
  return new Tensor(t.data, t.shape);
}
