import { defineUnary } from '../elementwise.js';

/**
 * Elementwise `min(max(x, 0), 6)`. Its gradient is 1 strictly inside
 * `(0, 6)` and 0 elsewhere, kinks included (as in JAX).
 *
 * @example
 * ```ts
 * relu6([-1, 3, 8]).toArray(); // [0, 3, 6]
 * ```
 */
export const relu6 = defineUnary({
  name: 'relu6',
  forward(x, out) {
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      out[i] = xi <= 0 ? 0 : xi >= 6 ? 6 : xi;
    }
  },
  backward(g, x, _y, gx) {
    for (let i = 0; i < g.length; i++) {
      const xi = x[i]!;
      gx[i] = xi > 0 && xi < 6 ? g[i]! : 0;
    }
  },
});
