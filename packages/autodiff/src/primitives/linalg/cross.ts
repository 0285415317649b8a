import { sumToShape } from '../../tensor/broadcast.js';
import { asTensor, type TensorLike } from '../../tensor/create.js';
import { shapeSize } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { definePrimitive } from '../../tape/primitive.js';
import { expandLastAxisOperands, lastAxisLeading } from './operands.js';

const crossPrimitive = definePrimitive<number[]>({
  name: 'cross',
  forward([a, b], leading) {
    const { aData, bData } = expandLastAxisOperands(a!, b!, leading);
    const out = new Float64Array(shapeSize(leading));
    for (let i = 0; i < out.length; i++) out[i] = aData[2 * i]! * bData[2 * i + 1]! - aData[2 * i + 1]! * bData[2 * i]!;
    return new Tensor(out, leading);
  },
  backward([g], [a, b], _outputs, leading, needed) {
    const { full, aData, bData } = expandLastAxisOperands(a!, b!, leading);
    const ga = needed[0] ? new Float64Array(aData.length) : null;
    const gb = needed[1] ? new Float64Array(bData.length) : null;
    for (let i = 0; i < g!.length; i++) {
      const gi = g![i]!;
      if (gi === 0) continue;
      if (ga) {
        ga[2 * i] = gi * bData[2 * i + 1]!;
        ga[2 * i + 1] = -gi * bData[2 * i]!;
      }
      if (gb) {
        gb[2 * i] = -gi * aData[2 * i + 1]!;
        gb[2 * i + 1] = gi * aData[2 * i]!;
      }
    }
    return [ga && sumToShape(ga, full, a!.shape), gb && sumToShape(gb, full, b!.shape)];
  },
});

/**
 * The 2-D cross product `a0 * b1 - a1 * b0` of vectors along a last axis of
 * length 2 (the signed area of the parallelogram they span; positive when
 * `b` is counter-clockwise from `a`), with numpy broadcasting of the leading
 * axes.
 *
 * @throws Error naming the shapes when a last axis is not of length 2 or the
 *   leading axes do not broadcast.
 * @example
 * ```ts
 * cross([1, 0], [0, 1]).item(); // 1
 * cross([[1, 0], [0, 1]], [1, 1]).toArray(); // [1, -1]
 * ```
 */
export function cross(a: TensorLike, b: TensorLike): Tensor {
  const ta = asTensor(a, 'cross');
  const tb = asTensor(b, 'cross');
  return crossPrimitive.apply([ta, tb], lastAxisLeading('cross', ta, tb, 2)) as Tensor;
}
