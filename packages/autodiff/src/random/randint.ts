/**
 * Uniformly distributed integers.
 *
 * @module
 */
import { shapeSize } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { checkKey, type PRNGKey } from './key.js';
import { sampleShape, WordStream } from './stream.js';

/**
 * Integers uniformly distributed in `[minval, maxval)`, exactly (no modulo
 * bias), as float64 values.
 *
 * @param shape - the shape of the result.
 * @param minval - smallest value, included (a safe integer).
 * @param maxval - bound, excluded (a safe integer, `minval < maxval`, `maxval - minval <= 2^53`).
 * @throws Error naming the function and the value of a bad key, shape or bound.
 * @example
 * ```ts
 * randint(key(0), [10], 1, 7); // ten dice rolls
 * ```
 */
export function randint(k: PRNGKey, shape: readonly number[], minval: number, maxval: number): Tensor {
  checkKey('randint', k);
  const outShape = sampleShape('randint', shape);
  if (!Number.isSafeInteger(minval) || !Number.isSafeInteger(maxval)) {
    throw new Error(`randint: minval and maxval must be safe integers, got minval = ${minval}, maxval = ${maxval}`);
  }
  if (minval >= maxval) throw new Error(`randint: need minval < maxval, got minval = ${minval}, maxval = ${maxval}`);
  const range = maxval - minval;
  if (range > 9007199254740992) throw new Error(`randint: maxval - minval must be at most 2^53, got ${range}`);
  const stream = new WordStream(k, 'randint');
  const data = new Float64Array(shapeSize(outShape));
  for (let i = 0; i < data.length; i++) data[i] = minval + stream.nextBelow(range);
  return new Tensor(data, outShape);
}
