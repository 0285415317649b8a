import { asTensor, type TensorLike } from '../../tensor/create.js';
import { formatShape, normalizeAxis } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { reshape } from './reshape.js';

/**
 * The tensor without some axes of length 1: those given (negative count from
 * the end), or all of them. Shares the data.
 *
 * @throws Error naming the shape when a given axis is not of length 1.
 * @example
 * ```ts
 * squeeze([[1], [2]]).toArray(); // [1, 2]
 * squeeze([[[1, 2]]], 0).shape; // [1, 2]
 * ```
 */
export function squeeze(x: TensorLike, axis?: number | readonly number[]): Tensor {
  const t = asTensor(x, 'squeeze');
  let drop: number[];
  if (axis === undefined) drop = t.shape.flatMap((n, i) => (n === 1 ? [i] : []));
  else {
    drop = (typeof axis === 'number' ? [axis] : [...axis]).map((a) => normalizeAxis('squeeze', a, t.ndim));
    for (const a of drop) {
      if (t.shape[a] !== 1) throw new Error(`squeeze: axis ${a} of shape ${formatShape(t.shape)} has length ${t.shape[a]}, not 1`);
    }
  }
  if (drop.length === 0) return t;
  return reshape(t, t.shape.filter((_, i) => !drop.includes(i)));
}
