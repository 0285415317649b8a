import { defineBinary } from '../elementwise.js';

/**
 * Elementwise sum `a + b`, with numpy broadcasting.
 *
 * @example
 * ```ts
 * add([1, 2], 10).toArray(); // [11, 12]
 * ```
 */
export const add = defineBinary({
  name: 'add',
  forward(a, aStep, b, bStep, out) {
    for (let i = 0; i < out.length; i++) out[i] = a[i * aStep]! + b[i * bStep]!;
  },
  backward(g, _a, _aStep, _b, _bStep, _out, ga, gb) {
    if (ga) ga.set(g);
    if (gb) gb.set(g);
  },
});
