import { defineBinary } from '../elementwise.js';

/**
 * Elementwise quotient `a / b`, with numpy broadcasting. Where the output
 * cotangent is zero (e.g. the branch of a `where` not taken), both gradients
 * are exactly zero even when `b` is 0, so `where(notEqual(x, 0), div(1, x), 0)`
 * differentiates cleanly at `x = 0`.
 *
 * @example
 * ```ts
 * div([1, 3], [2, 4]).toArray(); // [0.5, 0.75]
 * ```
 */
export const div = defineBinary({
  name: 'div',
  forward(a, aStep, b, bStep, out) {
    for (let i = 0; i < out.length; i++) out[i] = a[i * aStep]! / b[i * bStep]!;
  },
  backward(g, _a, _aStep, b, bStep, out, ga, gb) {
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      if (gi === 0) continue;
      const bi = b[i * bStep]!;
      if (ga) ga[i] = gi / bi;
      // d(a/b)/db = -(a/b)/b: reusing the quotient avoids the overflow of b * b.
      if (gb) gb[i] = (-gi * out[i]!) / bi;
    }
  },
});
