import { defineUnary } from '../elementwise.js';

/**
 * Elementwise natural logarithm (NaN for negative values, -Infinity at 0).
 * A zero output cotangent gives a zero gradient even at 0, so
 * `where(greater(x, 0), log(x), 0)` has a finite gradient everywhere.
 *
 * @example
 * ```ts
 * log([1, Math.E]).toArray(); // [0, 1]
 * ```
 */
export const log = defineUnary({
  name: 'log',
  forward(x, out) {
    for (let i = 0; i < x.length; i++) out[i] = Math.log(x[i]!);
  },
  backward(g, x, _y, gx) {
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      gx[i] = gi === 0 ? 0 : gi / x[i]!;
    }
  },
});
