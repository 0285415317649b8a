import { defineUnary } from '../elementwise.js';

/**
 * Elementwise cosine (radians).
 *
 * @example
 * ```ts
 * cos([0, Math.PI]).toArray(); // [1, -1]
 * ```
 */
export const cos = defineUnary({
  name: 'cos',
  forward(x, out) {
    for (let i = 0; i < x.length; i++) out[i] = Math.cos(x[i]!);
  },
  backward(g, x, _y, gx) {
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      gx[i] = gi === 0 ? 0 : -gi * Math.sin(x[i]!);
    }
  },
});
