import type { TensorLike } from '../../tensor/create.js';
import { Tensor } from '../../tensor/tensor.js';
import { definePrimitive } from '../../tape/primitive.js';
import { axisWalk, type Axes, type ReduceOptions } from './axes.js';
import { reduceAxisByAxis } from './perAxis.js';

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
  return reduceAxisByAxis('sum', sumAxis, x, axis, keepdims);
}
