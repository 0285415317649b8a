import { asTensor, type TensorLike } from '../../tensor/create.js';
import { Tensor } from '../../tensor/tensor.js';
import { definePrimitive } from '../../tape/primitive.js';
import { reshape } from '../structure/reshape.js';
import { axisWalk, keptShape, reduceOptions, resolveAxes, type Axes, type ReduceOptions } from './axes.js';

/** Sum over one axis; its adjoint repeats the cotangent along that axis. */
const sumAxis = definePrimitive<number>({
  name: 'sum',
  forward([x], axis) {
    const { outer, length, inner, reducedShape } = axisWalk(x!.shape, axis);
    const data = x!.data;
    const out = new Float64Array(outer * inner);
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < length; j++) {
        const base = (o * length + j) * inner;
        for (let k = 0; k < inner; k++) out[o * inner + k] += data[base + k]!;
      }
    }
    return new Tensor(out, reducedShape);
  },
  backward([g], [x], _outputs, axis) {
    const { outer, length, inner } = axisWalk(x!.shape, axis);
    const gx = new Float64Array(x!.size);
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < length; j++) {
        const base = (o * length + j) * inner;
        for (let k = 0; k < inner; k++) gx[base + k] = g![o * inner + k]!;
      }
    }
    return [gx];
  },
});

/**
 * Sum of the values over some axes (all by default).
 *
 * @param axis - an axis, a list of axes, or `{ axis, keepdims }`.
 * @example
 * ```ts
 * sum([[1, 2], [3, 4]]).item(); // 10
 * sum([[1, 2], [3, 4]], 0).toArray(); // [4, 6]
 * sum([[1, 2], [3, 4]], { axis: 1, keepdims: true }).toArray(); // [[3], [7]]
 * ```
 */
export function sum(x: TensorLike, axis?: Axes | ReduceOptions, keepdims?: boolean): Tensor {
  const t = asTensor(x, 'sum');
  const options = reduceOptions(axis, keepdims);
  const axes = resolveAxes('sum', t.shape, options.axis);
  let result = t;
  // Summing every axis of a multi-axis tensor is one pass over its flat data.
  if (axes.length === t.ndim && t.ndim > 1) result = sumAxis.apply([reshape(t, [t.size])], 0) as Tensor;
  else for (const a of axes) result = sumAxis.apply([result], a) as Tensor;
  return options.keepdims ? reshape(result, keptShape(t.shape, axes)) : result;
}
