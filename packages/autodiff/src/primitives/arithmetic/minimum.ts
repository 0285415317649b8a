import { defineBinary } from '../elementwise.js';

/**
 * Elementwise minimum, with numpy broadcasting. NaN propagates. On ties the
 * cotangent is split in halves between `a` and `b` (as in JAX), so the
 * gradient of `minimum(x, x)` is that of `x`.
 *
 * @example
 * ```ts
 * minimum([1, 5], 3).toArray(); // [1, 3]
 * ```
 */
export const minimum = defineBinary({
  name: 'minimum',
  forward(a, aStep, b, bStep, out) {
    for (let i = 0; i < out.length; i++) out[i] = Math.min(a[i * aStep]!, b[i * bStep]!);
  },
  backward(g, a, aStep, b, bStep, _out, ga, gb) {
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      if (gi === 0) continue;
      const ai = a[i * aStep]!;
      const bi = b[i * bStep]!;
      if (ai < bi) {
        if (ga) ga[i] = gi;
      } else if (bi < ai) {
        if (gb) gb[i] = gi;
      } else if (ai === bi) {
        if (ga) ga[i] = 0.5 * gi;
        if (gb) gb[i] = 0.5 * gi;
      }
    }
  },
});
