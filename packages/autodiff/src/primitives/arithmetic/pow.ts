import { defineBinary } from '../elementwise.js';

/**
 * Elementwise power `a ** b`, with numpy broadcasting, differentiable in both
 * arguments.
 *
 * - d/da = `b * a^(b-1)`, taken as 0 where `b` is 0 (the output is then the
 *   constant 1), so `pow(0, 0)` has a zero gradient rather than NaN.
 * - d/db = `log(a) * a^b`, taken as 0 where `a^b` is 0 or `a` is 0 (as in
 *   JAX: `pow(0, b)` is 0, 1 or infinite, never differentiable in `b`). For a
 *   negative base it is NaN (the real power is not differentiable in the
 *   exponent there); it is only computed when `b` is differentiated.
 *
 * @example
 * ```ts
 * pow([2, 3], 2).toArray(); // [4, 9]
 * pow(2, [0.5, -1]).toArray(); // [1.4142135623730951, 0.5]
 * ```
 */
export const pow = defineBinary({
  name: 'pow',
  forward(a, aStep, b, bStep, out) {
    for (let i = 0; i < out.length; i++) out[i] = Math.pow(a[i * aStep]!, b[i * bStep]!);
  },
  backward(g, a, aStep, b, bStep, out, ga, gb) {
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      if (gi === 0) continue;
      const ai = a[i * aStep]!;
      const bi = b[i * bStep]!;
      if (ga && bi !== 0) ga[i] = gi * bi * Math.pow(ai, bi - 1);
      if (gb) {
        const yi = out[i]!;
        if (yi !== 0 && ai !== 0) gb[i] = gi * yi * Math.log(ai);
      }
    }
  },
});
