/**
 * Normally distributed doubles.
 *
 * @module
 */
import { shapeSize } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { checkKey, type PRNGKey } from './key.js';
import { sampleShape, WordStream } from './stream.js';

/** Options of `normal`. */
export interface NormalOptions {
  /** Mean; default 0. */
  mean?: number;
  /** Standard deviation (>= 0); default 1. */
  std?: number;
}

/**
 * Doubles from the normal distribution `N(mean, std^2)`, by the Box-Muller
 * transform: each pair of values comes from two 53-bit uniforms.
 *
 * The uniforms are the same on every platform; the normals go through
 * `Math.log`, `Math.cos` and `Math.sin`, which V8 (Node, Chrome) computes
 * identically everywhere but which other engines may round differently in the
 * last bit.
 *
 * @param shape - the shape of the result.
 * @throws Error naming the function and the value of a bad key, shape, mean or std.
 * @example
 * ```ts
 * normal(key(0), [1000], { mean: 2, std: 0.5 });
 * ```
 */
export function normal(k: PRNGKey, shape: readonly number[], options: NormalOptions = {}): Tensor {
  checkKey('normal', k);
  const outShape = sampleShape('normal', shape);
  const mean = options.mean ?? 0;
  const std = options.std ?? 1;
  if (!Number.isFinite(mean)) throw new Error(`normal: mean must be finite, got ${mean}`);
  if (!Number.isFinite(std) || std < 0) throw new Error(`normal: std must be finite and non-negative, got ${std}`);
  const stream = new WordStream(k, 'normal');
  const data = new Float64Array(shapeSize(outShape));
  for (let i = 0; i < data.length; i += 2) {
    // 1 - u lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - stream.nextDouble()));
    const angle = 2 * Math.PI * stream.nextDouble();
    data[i] = mean + std * radius * Math.cos(angle);
    if (i + 1 < data.length) data[i + 1] = mean + std * radius * Math.sin(angle);
  }
  return new Tensor(data, outShape);
}
