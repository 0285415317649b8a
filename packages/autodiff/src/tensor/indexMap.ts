/**
 * Index maps: for each element of a shape, in row-major order, the position
 * of the element it reads elsewhere. Broadcasting (step 0 along stretched
 * axes), reductions (step 0 along reduced axes) and slices (scaled steps
 * from a start offset) are all the same walk with other steps.
 *
 * Package-internal: not exported from the package entry point.
 *
 * @module
 */
import { shapeSize, stridesOf, type Shape } from './shape.js';

/**
 * Walk `shape` in row-major order and give, for each element, the offset
 * `start + sum over axes of index[axis] * steps[axis]`.
 *
 * @param shape - the shape walked (the length of the result is its size).
 * @param steps - how far the offset moves per unit of each axis (0 holds it still).
 * @param start - the offset of the first element.
 * @internal
 * @example
 * ```ts
 * stridedIndex([2, 3], [1, 2]); // Int32Array [0, 2, 4, 1, 3, 5]: a [3, 2] array read transposed
 * stridedIndex([2], [0], 5); // Int32Array [5, 5]
 * ```
 */
export function stridedIndex(shape: Shape, steps: readonly number[], start = 0): Int32Array {
  const ndim = shape.length;
  const size = shapeSize(shape);
  const index = new Int32Array(size);
  const counter = new Array<number>(ndim).fill(0);
  let offset = start;
  for (let i = 0; i < size; i++) {
    index[i] = offset;
    for (let axis = ndim - 1; axis >= 0; axis--) {
      counter[axis]!++;
      offset += steps[axis]!;
      if (counter[axis]! < shape[axis]!) break;
      offset -= steps[axis]! * counter[axis]!;
      counter[axis] = 0;
    }
  }
  return index;
}

/**
 * For each element of `toShape`, the row-major index of the element of
 * `fromShape` it repeats under broadcasting (`toShape` must be a broadcast of
 * `fromShape`: axes aligned on the right, length-1 axes stretched).
 *
 * @internal
 * @example
 * ```ts
 * broadcastIndex([2], [3, 2]); // Int32Array [0, 1, 0, 1, 0, 1]
 * broadcastIndex([2, 1], [2, 3]); // Int32Array [0, 0, 0, 1, 1, 1]
 * ```
 */
export function broadcastIndex(fromShape: Shape, toShape: Shape): Int32Array {
  const offset = toShape.length - fromShape.length;
  const fromStrides = stridesOf(fromShape);
  const steps = new Array<number>(toShape.length).fill(0);
  for (let i = 0; i < fromShape.length; i++) steps[offset + i] = fromShape[i] === 1 ? 0 : fromStrides[i]!;
  return stridedIndex(toShape, steps);
}
