import { asTensor, type TensorLike } from '../../tensor/create.js';
import { normalizeAxis } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { definePrimitive } from '../../tape/primitive.js';
import { axisWalk, keptShape } from '../reduction/axes.js';
import { reshape } from '../structure/reshape.js';
import { laneNorm } from './laneNorm.js';

const normPrimitive = definePrimitive<number>({
  name: 'norm',
  forward([x], axis) {
    const { outer, length, inner, reducedShape } = axisWalk(x!.shape, axis);
    const data = x!.data;
    const out = new Float64Array(outer * inner);
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < inner; k++) out[o * inner + k] = laneNorm(data, o * length * inner + k, length, inner);
    }
    return new Tensor(out, reducedShape);
  },
  // d|x|/dx = x / |x|, taken as 0 at the zero vector (a subgradient) so that
  // distances between coincident points keep a finite gradient.
  backward([g], [x], [out], axis) {
    const { outer, length, inner } = axisWalk(x!.shape, axis);
    const data = x!.data;
    const lengths = out!.data;
    const gx = new Float64Array(x!.size);
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < inner; k++) {
        const lane = o * inner + k;
        const gl = g![lane]!;
        const l = lengths[lane]!;
        if (gl === 0 || l === 0) continue;
        for (let j = 0; j < length; j++) {
          const at = (o * length + j) * inner + k;
          gx[at] = gl * (data[at]! / l);
        }
      }
    }
    return [gx];
  },
});

/** Options of `norm`. */
export interface NormOptions {
  /** The axis holding the vectors' coordinates; default -1 (the last). */
  axis?: number;
  /** Keep the reduced axis with length 1 (default false). */
  keepdims?: boolean;
}

/**
 * Euclidean length of vectors along an axis (the last by default), accurate
 * for huge and tiny coordinates. Its gradient `x / |x|` is taken as 0 at the
 * zero vector, so it is finite everywhere.
 *
 * @throws Error naming the op when the axis is out of range.
 * @example
 * ```ts
 * norm([3, 4]).item(); // 5
 * norm([[3, 4], [0, 0]]).toArray(); // [5, 0]
 * norm([[3, 0], [4, 0]], { axis: 0, keepdims: true }).toArray(); // [[5, 0]]
 * ```
 */
export function norm(x: TensorLike, options: NormOptions = {}): Tensor {
  const t = asTensor(x, 'norm');
  const axis = normalizeAxis('norm', options.axis ?? -1, t.ndim);
  const result = normPrimitive.apply([t], axis) as Tensor;
  return options.keepdims ? reshape(result, keptShape(t.shape, [axis])) : result;
}
