import { asTensor, type TensorLike } from '../../tensor/create.js';
import { normalizeAxis } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { reshape } from './reshape.js';

/**
 * The tensor with a new axis of length 1 inserted at position `axis` of the
 * result (so `axis` ranges over `[-(ndim + 1), ndim]`; -1 appends). Shares
 * the data.
 *
 * @throws Error naming the op when the axis is out of range.
 * @example
 * ```ts
 * expandDims([1, 2], 0).toArray(); // [[1, 2]]
 * expandDims([1, 2], -1).toArray(); // [[1], [2]]
 * ```
 */
export function expandDims(x: TensorLike, axis: number): Tensor {
  const t = asTensor(x, 'expandDims');
  const resolved = normalizeAxis('expandDims', axis, t.ndim + 1);
  const shape = [...t.shape];
  shape.splice(resolved, 0, 1);
  return reshape(t, shape);
}
