import { defineUnary } from '../elementwise.js';

/**
 * Elementwise square root. Its gradient at 0 is taken as 0 (not infinity), so
 * that `norm`-like expressions stay finite at the origin.
 *
 * @example
 * ```ts
 * sqrt([4, 9]).toArray(); // [2, 3]
 * ```
 */
export const sqrt = defineUnary({
  name: 'sqrt',
  forward(x, out) {
    for (let i = 0; i < x.length; i++) out[i] = Math.sqrt(x[i]!);
  },
  backward(g, _x, y, gx) {
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      const yi = y[i]!;
      gx[i] = gi === 0 || !(yi > 0) ? 0 : (0.5 * gi) / yi;
    }
  },
});
