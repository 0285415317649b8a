/**
 * Multi-start minimisation from random uniform initial guesses.
 *
 * @module
 */
import { checkKey, type PRNGKey } from '../random/key.js';
import { uniform } from '../random/uniform.js';
import { Tensor } from '../tensor/tensor.js';
import { minimize, type MinimizeOptions, type MinimizeResult, type Objective } from './minimize.js';

/** Options of `minimizeManyRandomUniform`. */
export interface MinimizeManyOptions extends MinimizeOptions {
  /** Number of random starting points; default 1. */
  many?: number;
}

/**
 * Minimise a function of an `n`-vector from `many` starting points drawn
 * uniformly in `[0, 1)^n` (row `i` of `uniform(key, [many, n])`), and keep
 * the best result: the lowest loss, the first one on ties, a NaN loss never
 * winning over a number. Useful for non-convex objectives such as the
 * parametrisation of reflection points along unit-interval segments.
 *
 * @param n - the dimension of `x` (a non-negative integer).
 * @throws Error naming the function and the value of a bad key, `n` or `many`.
 * @example
 * ```ts
 * const f = (x: Tensor) => sum(square(sub(x, 0.3)));
 * const { x, loss } = minimizeManyRandomUniform(f, key(0), 2, { many: 5 });
 * ```
 */
export function minimizeManyRandomUniform(fun: Objective, k: PRNGKey, n: number, options: MinimizeManyOptions = {}): MinimizeResult {
  checkKey('minimizeManyRandomUniform', k);
  const { many = 1, ...minimizeOptions } = options;
  if (!Number.isInteger(n) || n < 0) throw new Error(`minimizeManyRandomUniform: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(many) || many < 1) throw new Error(`minimizeManyRandomUniform: many must be a positive integer, got ${many}`);
  const starts = uniform(k, [many, n]).data;
  let best: MinimizeResult | null = null;
  for (let i = 0; i < many; i++) {
    const x0 = new Tensor(starts.slice(i * n, (i + 1) * n), [n]);
    const result = minimize(fun, x0, minimizeOptions);
    // Strict `<` keeps the first of equal losses; `best.loss !== best.loss` lets a number replace a NaN.
    if (best === null || result.loss < best.loss || (best.loss !== best.loss && result.loss === result.loss)) best = result;
  }
  return best!;
}
