import { defineUnary } from '../elementwise.js';

/**
 * Elementwise tangent (radians).
 *
 * @example
 * ```ts
 * tan([0, Math.PI / 4]).toArray(); // [0, 0.9999999999999999]
 * ```
 */
export const tan = defineUnary({
  name: 'tan',
  forward(x, out) {
    for (let i = 0; i < x.length; i++) out[i] = Math.tan(x[i]!);
  },
  // 1 + tan^2 reuses the output instead of a second trigonometric call.
  backward(g, _x, y, gx) {
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      const yi = y[i]!;
      gx[i] = gi === 0 ? 0 : gi * (1 + yi * yi);
    }
  },
});
