import { defineUnary } from '../elementwise.js';

/**
 * Elementwise logistic sigmoid `1 / (1 + e^-x)`, computed without overflow
 * for large `|x|`.
 *
 * @example
 * ```ts
 * sigmoid([0]).toArray(); // [0.5]
 * ```
 */
export const sigmoid = defineUnary({
  name: 'sigmoid',
  forward(x, out) {
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      // e^-|x| <= 1 never overflows, whatever the sign of x.
      if (xi >= 0) out[i] = 1 / (1 + Math.exp(-xi));
      else {
        const e = Math.exp(xi);
        out[i] = e / (1 + e);
      }
    }
  },
  backward(g, _x, y, gx) {
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      const yi = y[i]!;
      gx[i] = gi === 0 ? 0 : gi * yi * (1 - yi);
    }
  },
});
