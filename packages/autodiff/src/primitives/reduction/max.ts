import type { TensorLike } from '../../tensor/create.js';
import { shapeSize } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { definePrimitive } from '../../tape/primitive.js';
import type { Axes, ReduceOptions } from './axes.js';
import { extremumBackward, reduceExtremum } from './extremum.js';
import type { ReducedIndex } from './reducedIndex.js';

const maxPrimitive = definePrimitive<ReducedIndex>({
  name: 'max',
  forward([x], reduced) {
    const index = reduced.index;
    const data = x!.data;
    const out = new Float64Array(shapeSize(reduced.reducedShape)).fill(-Infinity);
    for (let i = 0; i < data.length; i++) {
      const o = index[i]!;
      const v = data[i]!;
      // `v !== v` lets a NaN in; once in, no comparison with NaN replaces it.
      if (v > out[o]! || v !== v) out[o] = v;
    }
    return new Tensor(out, reduced.reducedShape);
  },
  backward([g], [x], [out], reduced) {
    return extremumBackward(g!, x!, out!, reduced);
  },
});

/**
 * Largest value over some axes (all by default); NaN propagates. The
 * gradient goes to the elements equal to the maximum, split equally among
 * ties over all the reduced axes (as in JAX).
 *
 * @param axis - an axis, a list of axes, or `{ axis, keepdims }`.
 * @throws Error naming the shape when an empty axis is reduced.
 * @example
 * ```ts
 * max([[1, 5], [3, 4]]).item(); // 5
 * max([[1, 5], [3, 4]], 0).toArray(); // [3, 5]
 * max([[1, 5], [3, 4]], { axis: 1, keepdims: true }).toArray(); // [[5], [4]]
 * ```
 */
export function max(x: TensorLike, axis?: Axes | ReduceOptions, keepdims?: boolean): Tensor {
  return reduceExtremum('max', maxPrimitive, x, axis, keepdims);
}
