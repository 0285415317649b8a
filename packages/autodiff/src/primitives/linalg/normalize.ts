import { asTensor, type TensorLike } from '../../tensor/create.js';
import { normalizeAxis } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { definePrimitive } from '../../tape/primitive.js';
import { axisWalk } from '../reduction/axes.js';
import { laneNorm } from './laneNorm.js';

const normalizePrimitive = definePrimitive<number>({
  name: 'normalize',
  forward([x], axis) {
    const { outer, length, inner } = axisWalk(x!.shape, axis);
    const data = x!.data;
    const out = new Float64Array(x!.size);
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < inner; k++) {
        const start = o * length * inner + k;
        const l = laneNorm(data, start, length, inner);
        if (l === 0) continue;
        for (let j = 0; j < length; j++) out[start + j * inner] = data[start + j * inner]! / l;
      }
    }
    return new Tensor(out, x!.shape);
  },
  // With y = x / |x|, the Jacobian (I - y y^T) / |x| is symmetric:
  // gx = (g - y (y . g)) / |x|. Zero at the zero vector, where y is 0 too.
  backward([g], [x], [y], axis) {
    const { outer, length, inner } = axisWalk(x!.shape, axis);
    const data = x!.data;
    const unit = y!.data;
    const gx = new Float64Array(x!.size);
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < inner; k++) {
        const start = o * length * inner + k;
        const l = laneNorm(data, start, length, inner);
        if (l === 0) continue;
        let along = 0;
        for (let j = 0; j < length; j++) {
          const gj = g![start + j * inner]!;
          if (gj !== 0) along += gj * unit[start + j * inner]!;
        }
        for (let j = 0; j < length; j++) {
          const at = start + j * inner;
          gx[at] = (g![at]! - unit[at]! * along) / l;
        }
      }
    }
    return [gx];
  },
});

/** Options of `normalize`. */
export interface NormalizeOptions {
  /** The axis holding the vectors' coordinates; default -1 (the last). */
  axis?: number;
}

/**
 * Unit vectors `x / |x|` along an axis (the last by default). The zero vector
 * maps to the zero vector, with a zero gradient, instead of NaN.
 *
 * @throws Error naming the op when the axis is out of range.
 * @example
 * ```ts
 * normalize([3, 4]).toArray(); // [0.6, 0.8]
 * normalize([[0, 2], [0, 0]]).toArray(); // [[0, 1], [0, 0]]
 * ```
 */
export function normalize(x: TensorLike, options: NormalizeOptions = {}): Tensor {
  const t = asTensor(x, 'normalize');
  return normalizePrimitive.apply([t], normalizeAxis('normalize', options.axis ?? -1, t.ndim)) as Tensor;
}
