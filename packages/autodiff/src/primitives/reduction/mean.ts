import { asTensor, type TensorLike } from '../../tensor/create.js';
import type { Tensor } from '../../tensor/tensor.js';
import { mul } from '../arithmetic/mul.js';
import { reduceOptions, resolveAxes, type Axes, type ReduceOptions } from './axes.js';
import { sum } from './sum.js';

/**
 * Arithmetic mean of the values over some axes (all by default); NaN over an
 * empty axis, as numpy.
 *
 * @param axis - an axis, a list of axes, or `{ axis, keepdims }`.
 * @example
 * ```ts
 * mean([[1, 2], [3, 4]]).item(); // 2.5
 * mean([[1, 2], [3, 4]], 0).toArray(); // [2, 3]
 * mean([[1, 2], [3, 4]], { axis: 1, keepdims: true }).toArray(); // [[1.5], [3.5]]
 * ```
 */
export function mean(x: TensorLike, axis?: Axes | ReduceOptions, keepdims?: boolean): Tensor {
  const t = asTensor(x, 'mean');
  const options = reduceOptions(axis, keepdims);
  const axes = resolveAxes('mean', t.shape, options.axis);
  let count = 1;
  for (const a of axes) count *= t.shape[a]!;
  return mul(sum(t, options), 1 / count);
}
