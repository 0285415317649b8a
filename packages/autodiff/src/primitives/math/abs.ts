import { defineUnary } from '../elementwise.js';

/**
 * Elementwise absolute value. Its gradient is `sign(x)`, 0 at `x = 0` (as in
 * JAX).
 *
 * @example
 * ```ts
 * abs([-2, 3]).toArray(); // [2, 3]
 * ```
 */
export const abs = defineUnary({
  name: 'abs',
  forward(x, out) {
    for (let i = 0; i < x.length; i++) out[i] = Math.abs(x[i]!);
  },
  backward(g, x, _y, gx) {
    for (let i = 0; i < g.length; i++) {
      const xi = x[i]!;
      gx[i] = xi > 0 ? g[i]! : xi < 0 ? -g[i]! : 0;
    }
  },
});
