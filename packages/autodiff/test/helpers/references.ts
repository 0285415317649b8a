/**
 * Shared by the primitive tests: naive references, index by index, for
 * values computed by the primitives with flat loops.
 *
 * @module
 */
import type { Tensor } from '../../src/tensor/tensor.js';

/**
 * Number of elements of a shape.
 *
 * @example
 * ```ts
 * size([2, 3]); // 6
 * ```
 */
export function size(shape: readonly number[]): number {
  return shape.reduce((p, q) => p * q, 1);
}

/**
 * Every multi-index of a shape, row-major.
 *
 * @example
 * ```ts
 * indices([2, 2]); // [[0, 0], [0, 1], [1, 0], [1, 1]]
 * ```
 */
export function indices(shape: readonly number[]): number[][] {
  let result: number[][] = [[]];
  for (const n of shape) result = result.flatMap((prefix) => Array.from({ length: n }, (_, i) => [...prefix, i]));
  return result;
}

/**
 * Element of `t` at a multi-index of a broadcast shape (axes aligned on the
 * right, length-1 axes repeated).
 *
 * @example
 * ```ts
 * at(tensor([10, 20]), [1, 0]); // 10
 * ```
 */
export function at(t: Tensor, index: readonly number[]): number {
  let offset = 0;
  const skip = index.length - t.ndim;
  for (let axis = 0; axis < t.ndim; axis++) offset = offset * t.shape[axis]! + (t.shape[axis] === 1 ? 0 : index[axis + skip]!);
  return t.data[offset]!;
}

/**
 * The numpy broadcast of two shapes, axis by axis (no check).
 *
 * @example
 * ```ts
 * broadcastOf([3, 1], [4]); // [3, 4]
 * ```
 */
export function broadcastOf(a: readonly number[], b: readonly number[]): number[] {
  const ndim = Math.max(a.length, b.length);
  return Array.from({ length: ndim }, (_, i) => Math.max(a[i - ndim + a.length] ?? 1, b[i - ndim + b.length] ?? 1));
}

/**
 * The naive numpy broadcast of `f` over two tensors, index by index.
 *
 * @example
 * ```ts
 * naiveBroadcast(tensor([[1], [2]]), tensor([10, 20]), (x, y) => x + y); // { shape: [2, 2], data: [11, 21, 12, 22] }
 * ```
 */
export function naiveBroadcast(a: Tensor, b: Tensor, f: (x: number, y: number) => number): { shape: number[]; data: number[] } {
  const shape = broadcastOf(a.shape, b.shape);
  return { shape, data: indices(shape).map((index) => f(at(a, index), at(b, index))) };
}
