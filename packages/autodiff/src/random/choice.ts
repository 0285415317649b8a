/**
 * Random samples from a population, with or without replacement, uniform or
 * weighted.
 *
 * @module
 */
import { asTensor, type TensorLike } from '../tensor/create.js';
import { formatShape, shapeSize } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkKey, type PRNGKey } from './key.js';
import { gather, populationOf } from './population.js';
import { sampleShape, WordStream } from './stream.js';

/** Options of `choice`. */
export interface ChoiceOptions {
  /** Draw with replacement (an item may come several times); default true. */
  replace?: boolean;
  /** Probability of each item: non-negative, summing to 1; default uniform. */
  p?: TensorLike;
}

/** How far from 1 the probabilities may sum (numpy's tolerance, sqrt(eps)). */
const SUM_TOLERANCE = Math.sqrt(Number.EPSILON);

function probabilities(p: TensorLike, n: number): Float64Array {
  const t = asTensor(p, 'choice');
  if (t.ndim !== 1 || t.shape[0] !== n) {
    throw new Error(`choice: p must have shape [${n}] (one probability per item), got ${formatShape(t.shape)}`);
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const pi = t.data[i]!;
    if (!Number.isFinite(pi) || pi < 0) throw new Error(`choice: p must be finite and non-negative, got p[${i}] = ${pi}`);
    total += pi;
  }
  if (Math.abs(total - 1) > SUM_TOLERANCE) throw new Error(`choice: p must sum to 1, got a sum of ${total}`);
  return t.data;
}

/** Weighted draws with replacement: inverse CDF by binary search. */
function weightedWithReplacement(stream: WordStream, p: Float64Array, count: number): Float64Array {
  const n = p.length;
  const cdf = new Float64Array(n);
  let total = 0;
  let lastPositive = 0;
  for (let i = 0; i < n; i++) {
    total += p[i]!;
    cdf[i] = total;
    if (p[i]! > 0) lastPositive = i;
  }
  const indices = new Float64Array(count);
  for (let s = 0; s < count; s++) {
    // Scaling by the actual total absorbs the rounding of the sum; the strict
    // comparison never lands on a zero-probability item (its CDF step is empty).
    const target = stream.nextDouble() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (target < cdf[mid]!) hi = mid;
      else lo = mid + 1;
    }
    // `u * total` can round up to `total`; the last item that can occur is the answer then.
    indices[s] = target < cdf[lo]! ? lo : lastPositive;
  }
  return indices;
}

/** Uniform draws without replacement: the first `count` steps of a Fisher-Yates shuffle. */
function uniformWithoutReplacement(stream: WordStream, n: number, count: number): Float64Array {
  const order = new Float64Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = 0; i < count; i++) {
    const j = i + stream.nextBelow(n - i);
    const held = order[i]!;
    order[i] = order[j]!;
    order[j] = held;
  }
  return order.slice(0, count);
}

/**
 * Weighted draws without replacement (each draw among the items not drawn
 * yet, with probabilities renormalised): the items with the largest keys
 * `log(u_i) / p_i` (Efraimidis-Spirakis), which is the same distribution.
 */
function weightedWithoutReplacement(stream: WordStream, p: Float64Array, count: number): Float64Array {
  const n = p.length;
  const keys = new Float64Array(n);
  const candidates: number[] = [];
  for (let i = 0; i < n; i++) {
    // 1 - u lies in (0, 1]: the log is finite, and <= 0 so that a larger
    // weight gives a larger key.
    const logU = Math.log(1 - stream.nextDouble());
    if (p[i]! > 0) {
      keys[i] = logU / p[i]!;
      candidates.push(i);
    }
  }
  if (candidates.length < count) {
    throw new Error(`choice: cannot draw ${count} values without replacement from ${candidates.length} item(s) with non-zero probability`);
  }
  candidates.sort((a, b) => keys[b]! - keys[a]! || a - b);
  return Float64Array.from(candidates.slice(0, count));
}

/**
 * Random samples from a population.
 *
 * @param a - a count `n` (draw from the integers `0..n-1`), or a tensor (at
 *   least 1-D) whose rows (entries along axis 0) are drawn.
 * @param shape - how many samples, as a shape; default `[]` (one sample). The
 *   result has shape `[...shape, ...itemShape]`.
 * @throws Error naming the function and the value of a bad key, population,
 *   shape or `p`, or when more samples are asked without replacement than
 *   there are items (with non-zero probability).
 * @example
 * ```ts
 * choice(key(0), 10, [3], { replace: false }); // 3 distinct integers below 10
 * choice(key(1), [1.5, 2.5], [4], { p: [0.9, 0.1] }); // mostly 1.5
 * ```
 */
export function choice(k: PRNGKey, a: number | TensorLike, shape: readonly number[] = [], options: ChoiceOptions = {}): Tensor {
  checkKey('choice', k);
  const population = populationOf('choice', a);
  const outShape = sampleShape('choice', shape);
  const count = shapeSize(outShape);
  const n = population.size;
  const replace = options.replace ?? true;
  const p = options.p === undefined ? null : probabilities(options.p, n);
  if (count > 0 && n === 0) throw new Error(`choice: cannot draw ${count} value(s) from an empty population`);
  if (!replace && count > n) {
    throw new Error(`choice: cannot draw ${count} values without replacement from ${n} item(s)`);
  }
  const stream = new WordStream(k, 'choice');
  let indices: Float64Array;
  if (replace) {
    if (p === null) {
      indices = new Float64Array(count);
      for (let s = 0; s < count; s++) indices[s] = stream.nextBelow(n);
    } else {
      indices = weightedWithReplacement(stream, p, count);
    }
  } else {
    indices = p === null ? uniformWithoutReplacement(stream, n, count) : weightedWithoutReplacement(stream, p, count);
  }
  return gather(population, indices, outShape);
}
