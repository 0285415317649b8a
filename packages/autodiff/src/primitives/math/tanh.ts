import { defineUnary } from '../elementwise.js';

/**
 * Elementwise hyperbolic tangent.
 *
 * @example
 * ```ts
 * tanh([0]).toArray(); // [0]
 * ```
 */
export const tanh = defineUnary({
  name: 'tanh',
  forward(x, out) {
    for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i]!);
  },
  backward(g, _x, y, gx) {
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      const yi = y[i]!;
      gx[i] = gi === 0 ? 0 : gi * (1 - yi * yi);
    }
  },
});
