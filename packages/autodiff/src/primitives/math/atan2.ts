import { defineBinary } from '../elementwise.js';

/**
 * Elementwise angle of the point `(x, y)`: `Math.atan2(y, x)`, in `[-pi, pi]`,
 * with numpy broadcasting. Note the argument order: `y` first.
 *
 * The gradient is `(-y, x) / (x^2 + y^2)`. At the origin, where the angle is
 * not defined, it is taken as 0 (finite, like `sqrt` at 0) so that a
 * degenerate direction does not turn a whole gradient into NaN.
 *
 * @example
 * ```ts
 * atan2(1, [1, 0]).toArray(); // [0.7853981633974483, 1.5707963267948966]
 * ```
 */
export const atan2 = defineBinary({
  name: 'atan2',
  forward(y, yStep, x, xStep, out) {
    for (let i = 0; i < out.length; i++) out[i] = Math.atan2(y[i * yStep]!, x[i * xStep]!);
  },
  backward(g, y, yStep, x, xStep, _out, gy, gx) {
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      if (gi === 0) continue;
      const yi = y[i * yStep]!;
      const xi = x[i * xStep]!;
      // hypot-style scaling keeps x^2 + y^2 from overflowing or underflowing to 0.
      const scale = Math.max(Math.abs(xi), Math.abs(yi));
      if (!(scale > 0) || scale === Infinity) continue;
      const xs = xi / scale;
      const ys = yi / scale;
      const r2 = (xs * xs + ys * ys) * scale;
      if (gy) gy[i] = (gi * xs) / r2;
      if (gx) gx[i] = (-gi * ys) / r2;
    }
  },
});
