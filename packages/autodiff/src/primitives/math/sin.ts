import { defineUnary } from '../elementwise.js';

/**
 * Elementwise sine (radians).
 *
 * @example
 * ```ts
 * sin([0, Math.PI / 2]).toArray(); // [0, 1]
 * ```
 */
export const sin = defineUnary({
  name: 'sin',
  forward(x, out) {
    for (let i = 0; i < x.length; i++) out[i] = Math.sin(x[i]!);
  },
  backward(g, x, _y, gx) {
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      gx[i] = gi === 0 ? 0 : gi * Math.cos(x[i]!);
    }
  },
});
