import { defineComparison } from './comparison.js';

/**
 * Elementwise `a === b` as a 0/1 mask, with numpy broadcasting;
 * NaN is equal to nothing, itself included. No gradient flows through a mask: use it with `where`.
 *
 * @example
 * ```ts
 * equal([1, 2, 3], 2).toArray(); // [0, 1, 0]
 * ```
 */
export const equal = defineComparison({
  name: 'equal',
  forward(a, aStep, b, bStep, out) {
    for (let i = 0; i < out.length; i++) out[i] = a[i * aStep]! === b[i * bStep]! ? 1 : 0;
  },
});
