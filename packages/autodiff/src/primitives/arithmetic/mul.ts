import { defineBinary } from '../elementwise.js';

/**
 * Elementwise product `a * b`, with numpy broadcasting.
 *
 * @example
 * ```ts
 * mul([1, 2], [3, 4]).toArray(); // [3, 8]
 * ```
 */
export const mul = defineBinary({
  name: 'mul',
  forward(a, aStep, b, bStep, out) {
    for (let i = 0; i < out.length; i++) out[i] = a[i * aStep]! * b[i * bStep]!;
  },
  backward(g, a, aStep, b, bStep, _out, ga, gb) {
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      if (gi === 0) continue;
      if (ga) ga[i] = gi * b[i * bStep]!;
      if (gb) gb[i] = gi * a[i * aStep]!;
    }
  },
});
