import { defineBinary } from '../elementwise.js';

/**
 * Elementwise maximum, with numpy broadcasting. NaN propagates. On ties the
 * cotangent is split in halves between `a` and `b` (as in JAX), so the
 * gradient of `maximum(x, x)` is that of `x`.
 *
 * @example
 * ```ts
 * maximum([1, 5], 3).toArray(); // [3, 5]
 * ```
 */
export const maximum = defineBinary({
  name: 'maximum',
  forward(a, aStep, b, bStep, out) {
    for (let i = 0; i < out.length; i++) out[i] = Math.max(a[i * aStep]!, b[i * bStep]!);
  },
  backward(g, a, aStep, b, bStep, _out, ga, gb) {
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      if (gi === 0) continue;
      const ai = a[i * aStep]!;
      const bi = b[i * bStep]!;
      if (ai > bi) {
        if (ga) ga[i] = gi;
      } else if (bi > ai) {
        if (gb) gb[i] = gi;
      } else if (ai === bi) {
        if (ga) ga[i] = 0.5 * gi;
        if (gb) gb[i] = 0.5 * gi;
      }
    }
  },
});
