import { expandData, sumToShape } from '../tensor/broadcast.js';
import { asTensor, type TensorLike } from '../tensor/create.js';
import { broadcastShapes, shapeSize } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { definePrimitive } from '../tape/primitive.js';

const wherePrimitive = definePrimitive<void>({
  name: 'where',
  forward([mask, a, b]) {
    const shape = broadcastShapes('where', mask!.shape, a!.shape, b!.shape);
    const m = expandData(mask!.data, mask!.shape, shape);
    const aData = expandData(a!.data, a!.shape, shape);
    const bData = expandData(b!.data, b!.shape, shape);
    const out = new Float64Array(shapeSize(shape));
    for (let i = 0; i < out.length; i++) out[i] = m[i] !== 0 ? aData[i]! : bData[i]!;
    return new Tensor(out, shape);
  },
  // The unselected branch gets an exact zero, whatever its value (even an
  // infinity or NaN): the "double where" trick of JAX is never needed.
  backward([g], [mask, a, b], [out], _params, needed) {
    const shape = out!.shape;
    const m = expandData(mask!.data, mask!.shape, shape);
    const ga = needed[1] ? new Float64Array(out!.size) : null;
    const gb = needed[2] ? new Float64Array(out!.size) : null;
    for (let i = 0; i < g!.length; i++) {
      if (m[i] !== 0) {
        if (ga) ga[i] = g![i]!;
      } else if (gb) gb[i] = g![i]!;
    }
    return [null, ga && sumToShape(ga, shape, a!.shape), gb && sumToShape(gb, shape, b!.shape)];
  },
});

/**
 * Elementwise choice: `a` where `mask` is non-zero, `b` elsewhere (all three
 * broadcast together). No gradient flows to the mask, and the branch not
 * chosen gets an exact zero gradient, so `where(greater(x, 0), sqrt(x), 0)` has
 * a finite gradient everywhere.
 *
 * @example
 * ```ts
 * where([1, 0], [1, 2], [10, 20]).toArray(); // [1, 20]
 * ```
 */
export function where(mask: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  return wherePrimitive.apply([asTensor(mask, 'where'), asTensor(a, 'where'), asTensor(b, 'where')], undefined) as Tensor;
}
