import { defineComparison } from './comparison.js';

/**
 * Elementwise `a > b` as a 0/1 mask, with numpy broadcasting;
 * NaN compares as 0. No gradient flows through a mask: use it with `where`.
 *
 * @example
 * ```ts
 * greater([1, 2, 3], 2).toArray(); // [0, 0, 1]
 * ```
 */
export const greater = defineComparison({
  name: 'greater',
  forward(a, aStep, b, bStep, out) {
    for (let i = 0; i < out.length; i++) out[i] = a[i * aStep]! > b[i * bStep]! ? 1 : 0;
  },
});
