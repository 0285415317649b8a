/**
 * The two operands of an elementwise op (binary ops, comparisons): the shape
 * they broadcast to, and their data as the kernels read it, `data[i * step]`.
 *
 * Package-internal: not exported from the package entry point.
 *
 * @module
 */
import { expandData } from '../tensor/broadcast.js';
import { broadcastShapes, shapesEqual, type Shape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';

/**
 * The shape `a` and `b` broadcast to. When it is the shape of one of them
 * (equal shapes, or a single value with no more axes than the other), that
 * shape itself is returned rather than a copy.
 *
 * @param op - name of the operation, quoted in the error message.
 * @throws Error naming the op and the shapes when they do not broadcast.
 * @internal
 * @example
 * ```ts
 * broadcastPairShape('add', tensor([[1, 2]]), tensor(3)); // [1, 2], the shape of the first
 * broadcastPairShape('add', tensor([[1], [2]]), tensor([3, 4])); // [2, 2]
 * ```
 */
export function broadcastPairShape(op: string, a: Tensor, b: Tensor): Shape {
  if (shapesEqual(a.shape, b.shape)) return a.shape;
  if (b.size === 1 && b.ndim <= a.ndim) return a.shape;
  if (a.size === 1 && a.ndim <= b.ndim) return b.shape;
  return broadcastShapes(op, a.shape, b.shape);
}

/**
 * The step at which a kernel reads an operand: 0 for a single value (read
 * at index 0 for every output element), 1 otherwise (read at the output index).
 *
 * @internal
 * @example
 * ```ts
 * operandStep(tensor(2)); // 0
 * operandStep(tensor([1, 2])); // 1
 * ```
 */
export function operandStep(t: Tensor): number {
  return t.size === 1 ? 0 : 1;
}

/**
 * The data of an operand as a kernel reads it over `shape` (with
 * `operandStep`): its own data when it holds a single value or already has
 * that shape, otherwise its values repeated to fill `shape`.
 *
 * @internal
 * @example
 * ```ts
 * operandData(tensor([1, 2]), [2, 2]); // [1, 2, 1, 2]
 * operandData(tensor(5), [2, 2]); // [5]
 * ```
 */
export function operandData(t: Tensor, shape: Shape): Float64Array {
  return t.size === 1 ? t.data : expandData(t.data, t.shape, shape);
}
