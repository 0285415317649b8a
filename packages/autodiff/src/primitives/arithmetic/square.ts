import { defineUnary } from '../elementwise.js';

/**
 * Elementwise square `x * x` (cheaper and better defined than `pow(x, 2)`,
 * whose gradient with respect to the exponent needs a logarithm).
 *
 * @example
 * ```ts
 * square([2, -3]).toArray(); // [4, 9]
 * ```
 */
export const square = defineUnary({
  name: 'square',
  forward(x, out) {
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      out[i] = xi * xi;
    }
  },
  backward(g, x, _y, gx) {
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      gx[i] = gi === 0 ? 0 : 2 * gi * x[i]!;
    }
  },
});
