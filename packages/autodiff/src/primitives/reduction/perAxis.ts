/**
 * Reductions that can be done one axis at a time (sum, prod): the way they
 * are called is shared; each keeps its own single-axis primitive, forward
 * loop next to backward rule.
 *
 * @module
 */
import { asTensor, type TensorLike } from '../../tensor/create.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { Primitive } from '../../tape/primitive.js';
import { reshape } from '../structure/reshape.js';
import { keptShape, reduceOptions, resolveAxes, type Axes, type ReduceOptions } from './axes.js';

/**
 * Reduce `x` over some axes (all by default) by applying a single-axis
 * primitive (its parameter is the axis) once per axis, from the last. Every
 * axis of a multi-axis tensor is reduced in one pass over its flat data.
 *
 * @param op - the name of the reduction, quoted in errors.
 * @throws Error naming the op for an axis out of range or repeated.
 * @internal
 * @example
 * ```ts
 * reduceAxisByAxis('sum', sumAxis, [[1, 2], [3, 4]], 0); // Tensor [4, 6]
 * ```
 */
export function reduceAxisByAxis(
  op: string,
  primitive: Primitive<number>,
  x: TensorLike,
  axis: Axes | ReduceOptions,
  keepdims: boolean | undefined,
): Tensor {
  const t = asTensor(x, op);
  const options = reduceOptions(axis, keepdims);
  const axes = resolveAxes(op, t.shape, options.axis);
  let result = t;
  if (axes.length === t.ndim && t.ndim > 1) result = primitive.apply([reshape(t, [t.size])], 0) as Tensor;
  else for (const a of axes) result = primitive.apply([result], a) as Tensor;
  return options.keepdims ? reshape(result, keptShape(t.shape, axes)) : result;
}
