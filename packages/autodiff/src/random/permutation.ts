/**
 * Random permutations.
 *
 * @module
 */
import type { TensorLike } from '../tensor/create.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkKey, type PRNGKey } from './key.js';
import { gather, populationOf } from './population.js';
import { WordStream } from './stream.js';

/**
 * A uniformly random permutation (Fisher-Yates, with unbiased draws).
 *
 * @param x - a count `n`, for a permutation of the integers `0..n-1`; or a
 *   tensor (at least 1-D), whose rows (entries along axis 0) are shuffled.
 * @throws Error naming the function and the value of a bad key or argument.
 * @example
 * ```ts
 * permutation(key(0), 5); // e.g. [3, 0, 4, 1, 2]
 * permutation(key(0), [[1, 2], [3, 4], [5, 6]]); // the three rows, shuffled
 * ```
 */
export function permutation(k: PRNGKey, x: number | TensorLike): Tensor {
  checkKey('permutation', k);
  const population = populationOf('permutation', x);
  const n = population.size;
  const order = new Float64Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const stream = new WordStream(k, 'permutation');
  for (let i = n - 1; i > 0; i--) {
    const j = stream.nextBelow(i + 1);
    const held = order[i]!;
    order[i] = order[j]!;
    order[j] = held;
  }
  return gather(population, order, [n]);
}
