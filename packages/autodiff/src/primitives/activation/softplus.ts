import { defineUnary } from '../elementwise.js';

/**
 * Elementwise `log(1 + e^x)`, computed as `max(x, 0) + log1p(e^-|x|)` so that
 * it neither overflows for large `x` nor loses precision for very negative
 * `x`. Its gradient is the sigmoid of `x`.
 *
 * @example
 * ```ts
 * softplus([0]).toArray(); // [0.6931471805599453]
 * softplus([1000]).toArray(); // [1000]
 * ```
 */
export const softplus = defineUnary({
  name: 'softplus',
  forward(x, out) {
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      out[i] = (xi > 0 ? xi : 0) + Math.log1p(Math.exp(-Math.abs(xi)));
    }
  },
  backward(g, x, _y, gx) {
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!;
      if (gi === 0) continue;
      const xi = x[i]!;
      let sig: number;
      if (xi >= 0) sig = 1 / (1 + Math.exp(-xi));
      else {
        const e = Math.exp(xi);
        sig = e / (1 + e);
      }
      gx[i] = gi * sig;
    }
  },
});
