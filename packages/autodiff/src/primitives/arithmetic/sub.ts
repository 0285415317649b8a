import { defineBinary } from '../elementwise.js';

/**
 * Elementwise difference `a - b`, with numpy broadcasting.
 *
 * @example
 * ```ts
 * sub([5, 7], 1).toArray(); // [4, 6]
 * ```
 */
export const sub = defineBinary({
  name: 'sub',
  forward(a, aStep, b, bStep, out) {
    for (let i = 0; i < out.length; i++) out[i] = a[i * aStep]! - b[i * bStep]!;
  },
  backward(g, _a, _aStep, _b, _bStep, _out, ga, gb) {
    if (ga) ga.set(g);
    if (gb) for (let i = 0; i < g.length; i++) gb[i] = -g[i]!;
  },
});
