import { asTensor, type TensorLike } from '../../tensor/create.js';
import { Tensor } from '../../tensor/tensor.js';
import { definePrimitive } from '../../tape/primitive.js';

/** Replacement values of `nanToNum`. */
export interface NanToNumOptions {
  /** Replaces NaN; default 0. */
  nan?: number;
  /** Replaces +Infinity; default `Number.MAX_VALUE`. */
  posinf?: number;
  /** Replaces -Infinity; default `-Number.MAX_VALUE`. */
  neginf?: number;
}

const nanToNumPrimitive = definePrimitive<Required<NanToNumOptions>>({
  name: 'nanToNum',
  forward([x], { nan, posinf, neginf }) {
    const data = x!.data;
    const out = new Float64Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      out[i] = v !== v ? nan : v === Infinity ? posinf : v === -Infinity ? neginf : v;
    }
    return new Tensor(out, x!.shape);
  },
  // Replaced values are constants: only finite entries pass their cotangent.
  backward([g], [x]) {
    const data = x!.data;
    const gx = new Float64Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      if (v - v === 0) gx[i] = g![i]!;
    }
    return [gx];
  },
});

/**
 * Replace NaN and infinities by finite numbers (numpy's `nan_to_num`). The
 * gradient passes unchanged where `x` was finite and is 0 at replaced
 * entries.
 *
 * @example
 * ```ts
 * nanToNum([NaN, Infinity, -Infinity, 1]).toArray(); // [0, 1.7976931348623157e308, -1.7976931348623157e308, 1]
 * nanToNum([NaN, Infinity], { nan: -1, posinf: 1e9 }).toArray(); // [-1, 1e9]
 * ```
 */
export function nanToNum(x: TensorLike, options: NanToNumOptions = {}): Tensor {
  const params = {
    nan: options.nan ?? 0,
    posinf: options.posinf ?? Number.MAX_VALUE,
    neginf: options.neginf ?? -Number.MAX_VALUE,
  };
  return nanToNumPrimitive.apply([asTensor(x, 'nanToNum')], params) as Tensor;
}
