import { defineUnary } from '../elementwise.js';

/**
 * Elementwise natural exponential `e^x`.
 *
 * @example
 * ```ts
 * exp([0, 1]).toArray(); // [1, 2.718281828459045]
 * ```
 */
export const exp = defineUnary({
  name: 'exp',
  forward(x, out) {
    for (let i = 0; i < x.length; i++) out[i] = Math.exp(x[i]!);
  },
  backward(g, _x, y, gx) {
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      gx[i] = gi === 0 ? 0 : gi * y[i]!;
    }
  },
});
