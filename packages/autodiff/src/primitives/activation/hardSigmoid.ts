import { defineUnary } from '../elementwise.js';

/**
 * Elementwise hard sigmoid `relu6(x + 3) / 6`: 0 below -3, 1 above 3, linear
 * in between. Its gradient is 1/6 strictly inside `(-3, 3)` and 0 elsewhere,
 * kinks included (as JAX's `relu6`).
 *
 * @example
 * ```ts
 * hardSigmoid([-4, 0, 1.5, 4]).toArray(); // [0, 0.5, 0.75, 1]
 * ```
 */
export const hardSigmoid = defineUnary({
  name: 'hardSigmoid',
  forward(x, out) {
    for (let i = 0; i < x.length; i++) {
      const shifted = x[i]! + 3;
      out[i] = shifted <= 0 ? 0 : shifted >= 6 ? 1 : shifted / 6;
    }
  },
  backward(g, x, _y, gx) {
    for (let i = 0; i < g.length; i++) {
      const xi = x[i]!;
      gx[i] = xi > -3 && xi < 3 ? g[i]! / 6 : 0;
    }
  },
});
