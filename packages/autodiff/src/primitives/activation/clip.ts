import { asTensor, type TensorLike } from '../../tensor/create.js';
import { Tensor } from '../../tensor/tensor.js';
import { definePrimitive } from '../../tape/primitive.js';

/** The bounds of a `clip`. */
interface ClipBounds {
  readonly min: number;
  readonly max: number;
}

const clipPrimitive = definePrimitive<ClipBounds>({
  name: 'clip',
  forward([x], { min, max }) {
    const data = x!.data;
    const out = new Float64Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const xi = data[i]!;
      out[i] = xi < min ? min : xi > max ? max : xi;
    }
    return new Tensor(out, x!.shape);
  },
  backward([g], [x], _outputs, { min, max }) {
    const data = x!.data;
    const gx = new Float64Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const xi = data[i]!;
      if (xi >= min && xi <= max) gx[i] = g![i]!;
    }
    return [gx];
  },
});

/**
 * Elementwise clamp of `x` into `[min, max]` (omit a bound, or pass
 * `-Infinity` / `Infinity`, to leave that side open). The gradient passes
 * where `min <= x <= max`, bounds included (as PyTorch's `clamp`), and is 0
 * where the value was clamped. NaN stays NaN.
 *
 * @throws Error when a bound is NaN or `min > max`.
 * @example
 * ```ts
 * clip([-2, 0.5, 3], 0, 1).toArray(); // [0, 0.5, 1]
 * clip([-2, 3], 0).toArray(); // [0, 3]
 * ```
 */
export function clip(x: TensorLike, min = -Infinity, max = Infinity): Tensor {
  if (Number.isNaN(min) || Number.isNaN(max) || min > max) {
    throw new Error(`clip: bounds must satisfy min <= max, got min = ${min}, max = ${max}`);
  }
  return clipPrimitive.apply([asTensor(x, 'clip')], { min, max }) as Tensor;
}
