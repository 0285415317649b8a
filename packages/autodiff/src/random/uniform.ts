/**
 * Uniformly distributed doubles.
 *
 * @module
 */
import { shapeSize } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { checkKey, type PRNGKey } from './key.js';
import { sampleShape, WordStream } from './stream.js';

/** Options of `uniform`. */
export interface UniformOptions {
  /** Lower bound, included; default 0. */
  minval?: number;
  /** Upper bound, excluded; default 1. */
  maxval?: number;
}

const bits = new Float64Array(1);
const words = new BigInt64Array(bits.buffer);

/** The largest double below a finite `x`. */
function previousDouble(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  bits[0] = x;
  // For a double's bit pattern read as an integer, one step towards zero in
  // magnitude is one step down for a positive number and up for a negative one.
  words[0] = x > 0 ? words[0]! - 1n : words[0]! + 1n;
  return bits[0]!;
}

/**
 * Doubles uniformly distributed in `[minval, maxval)`, each from 53 random
 * bits. The value at flat index `i` depends only on the key and `i`, so a
 * larger shape extends a smaller one's values.
 *
 * @param shape - the shape of the result, e.g. `[]` for a scalar.
 * @throws Error naming the function and the value of a bad key, shape or bound.
 * @example
 * ```ts
 * uniform(key(0), [2, 3]); // a [2, 3] tensor of values in [0, 1)
 * uniform(key(1), [4], { minval: -1, maxval: 1 });
 * ```
 */
export function uniform(k: PRNGKey, shape: readonly number[], options: UniformOptions = {}): Tensor {
  checkKey('uniform', k);
  const outShape = sampleShape('uniform', shape);
  const minval = options.minval ?? 0;
  const maxval = options.maxval ?? 1;
  const span = maxval - minval;
  if (!Number.isFinite(minval) || !Number.isFinite(maxval) || !(minval < maxval) || !Number.isFinite(span)) {
    throw new Error(`uniform: need finite minval < maxval with a finite difference, got minval = ${minval}, maxval = ${maxval}`);
  }
  const stream = new WordStream(k, 'uniform');
  const data = new Float64Array(shapeSize(outShape));
  // Rounding of `minval + span * u` may land on maxval itself; the top is excluded.
  const top = previousDouble(maxval);
  for (let i = 0; i < data.length; i++) {
    const x = minval + span * stream.nextDouble();
    data[i] = x > top ? top : x < minval ? minval : x;
  }
  return new Tensor(data, outShape);
}
