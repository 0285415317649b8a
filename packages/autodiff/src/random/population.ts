/**
 * What `permutation` and `choice` draw from: either the integers `0..n-1`, or
 * the rows (entries along axis 0) of a tensor.
 *
 * @module
 */
import { asTensor, type TensorLike } from '../tensor/create.js';
import { Tensor } from '../tensor/tensor.js';

/**
 * A population of `size` items: the integers below `size`, or the rows of
 * `rows`.
 *
 * @internal
 */
export interface Population {
  /** Number of items. */
  readonly size: number;
  /** The tensor whose rows are the items, or null for the integers `0..size-1`. */
  readonly rows: Tensor | null;
}

/**
 * Read a population argument: a number is a count of integers, anything else
 * a tensor with at least one axis.
 *
 * @internal
 * @throws Error naming the function and the value.
 * @example
 * ```ts
 * populationOf('choice', 5).size; // 5
 * populationOf('choice', [[1, 2], [3, 4]]).size; // 2
 * ```
 */
export function populationOf(op: string, a: number | TensorLike): Population {
  if (typeof a === 'number') {
    if (!Number.isInteger(a) || a < 0 || a > 0xffffffff) {
      throw new Error(`${op}: a count must be a non-negative integer below 2^32, got ${a}`);
    }
    return { size: a, rows: null };
  }
  const rows = asTensor(a, op);
  if (rows.ndim === 0) throw new Error(`${op}: expected a count or a tensor with at least one axis, got a 0-d tensor`);
  return { size: rows.shape[0]!, rows };
}

/**
 * The items at some indices, stacked: a tensor of shape `[...indexShape, ...itemShape]`.
 *
 * @internal
 * @example
 * ```ts
 * gather({ size: 3, rows: null }, [2, 0], [2]).toArray(); // [2, 0]
 * ```
 */
export function gather(population: Population, indices: ArrayLike<number>, indexShape: readonly number[]): Tensor {
  const { rows } = population;
  if (rows === null) return new Tensor(Float64Array.from(indices), [...indexShape]);
  const itemShape = rows.shape.slice(1);
  const itemSize = population.size === 0 ? 0 : rows.size / population.size;
  const data = new Float64Array(indices.length * itemSize);
  for (let i = 0; i < indices.length; i++) {
    const start = indices[i]! * itemSize;
    data.set(rows.data.subarray(start, start + itemSize), i * itemSize);
  }
  return new Tensor(data, [...indexShape, ...itemShape]);
}
