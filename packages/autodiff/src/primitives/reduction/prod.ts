import type { TensorLike } from '../../tensor/create.js';
import { Tensor } from '../../tensor/tensor.js';
import { definePrimitive } from '../../tape/primitive.js';
import { axisWalk, type Axes, type ReduceOptions } from './axes.js';
import { reduceAxisByAxis } from './perAxis.js';

/**
 * Product over one axis. Its adjoint gives each element the product of the
 * others, built from prefix and suffix products rather than `prod / x`, so
 * that it is exact when some entries are zero.
 */
const prodAxis = definePrimitive<number>({
  name: 'prod',
  forward([x], axis) {
    const { outer, length, inner, reducedShape } = axisWalk(x!.shape, axis);
    const data = x!.data;
    const out = new Float64Array(outer * inner).fill(1);
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < length; j++) {
        const base = (o * length + j) * inner;
        for (let k = 0; k < inner; k++) out[o * inner + k] *= data[base + k]!;
      }
    }
    return new Tensor(out, reducedShape);
  },
  backward([g], [x], _outputs, axis) {
    const { outer, length, inner } = axisWalk(x!.shape, axis);
    const data = x!.data;
    const gx = new Float64Array(x!.size);
    const suffix = new Float64Array(length);
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < inner; k++) {
        const go = g![o * inner + k]!;
        if (go === 0) continue;
        let after = 1;
        for (let j = length - 1; j >= 0; j--) {
          suffix[j] = after;
          after *= data[(o * length + j) * inner + k]!;
        }
        let before = go;
        for (let j = 0; j < length; j++) {
          const at = (o * length + j) * inner + k;
          gx[at] = before * suffix[j]!;
          before *= data[at]!;
        }
      }
    }
    return [gx];
  },
});

/**
 * Product of the values over some axes (all by default; 1 over an empty
 * axis). The gradient is exact even where some values are zero (no division).
 *
 * @param axis - an axis, a list of axes, or `{ axis, keepdims }`.
 * @example
 * ```ts
 * prod([[1, 2], [3, 4]]).item(); // 24
 * prod([[1, 2], [3, 4]], 1).toArray(); // [2, 12]
 * prod([[1, 2], [3, 4]], { axis: 0, keepdims: true }).toArray(); // [[3, 8]]
 * ```
 */
export function prod(x: TensorLike, axis?: Axes | ReduceOptions, keepdims?: boolean): Tensor {
  return reduceAxisByAxis('prod', prodAxis, x, axis, keepdims);
}
