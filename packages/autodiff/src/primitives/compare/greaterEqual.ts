import { defineComparison } from './comparison.js';

/**
 * Elementwise `a >= b` as a 0/1 mask, with numpy broadcasting;
 * NaN compares as 0. No gradient flows through a mask: use it with `where`.
 *
 * @example
 * ```ts
 * greaterEqual([1, 2, 3], 2).toArray(); // [0, 1, 1]
 * ```
 */
export const greaterEqual = defineComparison({
  name: 'greaterEqual',
  forward(a, aStep, b, bStep, out) {
    for (let i = 0; i < out.length; i++) out[i] = a[i * aStep]! >= b[i * bStep]! ? 1 : 0;
  },
});
