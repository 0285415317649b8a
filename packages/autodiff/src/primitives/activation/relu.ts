import { defineUnary } from '../elementwise.js';

/**
 * Elementwise rectifier `max(x, 0)`. Its gradient is 1 for `x > 0` and 0
 * otherwise, 0 included (as in JAX).
 *
 * @example
 * ```ts
 * relu([-1, 2]).toArray(); // [0, 2]
 * ```
 */
export const relu = defineUnary({
  name: 'relu',
  forward(x, out) {
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      // Not `x > 0 ? x : 0`, which would turn a NaN into 0 and hide it.
      out[i] = xi <= 0 ? 0 : xi;
    }
  },
  backward(g, x, _y, gx) {
    for (let i = 0; i < g.length; i++) gx[i] = x[i]! > 0 ? g[i]! : 0;
  },
});
