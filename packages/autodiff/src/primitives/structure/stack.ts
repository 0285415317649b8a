import { asTensor, type TensorLike } from '../../tensor/create.js';
import { formatShape, normalizeAxis, shapesEqual } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { concat } from './concat.js';
import { expandDims } from './expandDims.js';

/**
 * Join tensors of the same shape along a new axis, at position `axis` of the
 * result (default 0; `axis` ranges over `[-(ndim + 1), ndim]`).
 *
 * @throws Error naming the shapes when they differ, or when the list is empty.
 * @example
 * ```ts
 * stack([[1, 2], [3, 4]]).toArray(); // [[1, 2], [3, 4]]
 * stack([[1, 2], [3, 4]], 1).toArray(); // [[1, 3], [2, 4]]
 * stack([1, 2, 3]).toArray(); // [1, 2, 3]
 * ```
 */
export function stack(tensors: readonly TensorLike[], axis = 0): Tensor {
  if (tensors.length === 0) throw new Error('stack: needs at least one tensor');
  const ts = tensors.map((x) => asTensor(x, 'stack'));
  const first = ts[0]!;
  if (ts.some((t) => !shapesEqual(t.shape, first.shape))) {
    throw new Error(`stack: all shapes must be equal, got ${ts.map((t) => formatShape(t.shape)).join(', ')}`);
  }
  const resolved = normalizeAxis('stack', axis, first.ndim + 1);
  return concat(
    ts.map((t) => expandDims(t, resolved)),
    resolved,
  );
}
