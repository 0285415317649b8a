import { defineUnary } from '../elementwise.js';

/**
 * Elementwise negation `-x`.
 *
 * @example
 * ```ts
 * neg([1, -2]).toArray(); // [-1, 2]
 * ```
 */
export const neg = defineUnary({
  name: 'neg',
  forward(x, out) {
    for (let i = 0; i < x.length; i++) out[i] = -x[i]!;
  },
  backward(g, _x, _y, gx) {
    for (let i = 0; i < g.length; i++) gx[i] = -g[i]!;
  },
});
