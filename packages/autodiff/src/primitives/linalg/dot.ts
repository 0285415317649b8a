import { sumToShape } from '../../tensor/broadcast.js';
import { asTensor, type TensorLike } from '../../tensor/create.js';
import { shapeSize } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { definePrimitive } from '../../tape/primitive.js';
import { expandLastAxisOperands, lastAxisLeading } from './operands.js';

const dotPrimitive = definePrimitive<number[]>({
  name: 'dot',
  forward([a, b], leading) {
    const n = a!.shape[a!.ndim - 1]!;
    const { aData, bData } = expandLastAxisOperands(a!, b!, leading);
    const out = new Float64Array(shapeSize(leading));
    for (let i = 0; i < out.length; i++) {
      let total = 0;
      for (let j = i * n; j < (i + 1) * n; j++) total += aData[j]! * bData[j]!;
      out[i] = total;
    }
    return new Tensor(out, leading);
  },
  backward([g], [a, b], _outputs, leading, needed) {
    const n = a!.shape[a!.ndim - 1]!;
    const { full, aData, bData } = expandLastAxisOperands(a!, b!, leading);
    const ga = needed[0] ? new Float64Array(aData.length) : null;
    const gb = needed[1] ? new Float64Array(bData.length) : null;
    for (let i = 0; i < g!.length; i++) {
      const gi = g![i]!;
      if (gi === 0) continue;
      for (let j = i * n; j < (i + 1) * n; j++) {
        if (ga) ga[j] = gi * bData[j]!;
        if (gb) gb[j] = gi * aData[j]!;
      }
    }
    return [ga && sumToShape(ga, full, a!.shape), gb && sumToShape(gb, full, b!.shape)];
  },
});

/**
 * Inner product over the last axis, `sum(a * b, -1)`, with numpy
 * broadcasting of the leading axes (the last axes must have the same
 * length: they are not broadcast).
 *
 * @throws Error naming the shapes when the last axes differ or the leading
 *   axes do not broadcast.
 * @example
 * ```ts
 * dot([1, 2], [3, 4]).item(); // 11
 * dot([[1, 0], [0, 1]], [3, 4]).toArray(); // [3, 4]
 * ```
 */
export function dot(a: TensorLike, b: TensorLike): Tensor {
  const ta = asTensor(a, 'dot');
  const tb = asTensor(b, 'dot');
  return dotPrimitive.apply([ta, tb], lastAxisLeading('dot', ta, tb)) as Tensor;
}
