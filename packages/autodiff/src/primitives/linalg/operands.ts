/**
 * Shape logic shared by the linear-algebra primitives: vectors along the last
 * axis with broadcast leading axes, and broadcast batches of matrices.
 *
 * @module
 */
import { broadcastShapes, formatShape, shapeSize, stridesOf, type Shape } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';

/**
 * The broadcast of the leading axes of `a` and `b` (all but the last
 * `trailing` ones), with an error naming the op and both full shapes.
 *
 * @internal
 */
export function broadcastLeading(op: string, a: Shape, b: Shape, trailing: number): number[] {
  try {
    return broadcastShapes(op, a.slice(0, a.length - trailing), b.slice(0, b.length - trailing));
  } catch {
    throw new Error(`${op}: cannot broadcast the leading axes of shapes ${formatShape(a)} and ${formatShape(b)}`);
  }
}

/**
 * Check that `a` and `b` are vectors along their last axis, of the same
 * length (`length` when given), and return the broadcast of their leading
 * axes.
 *
 * @internal
 */
export function lastAxisLeading(op: string, a: Tensor, b: Tensor, length?: number): number[] {
  if (a.ndim === 0 || b.ndim === 0) {
    throw new Error(`${op}: operands need at least one axis, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  const n = a.shape[a.ndim - 1]!;
  if (n !== b.shape[b.ndim - 1]! || (length !== undefined && n !== length)) {
    const expected = length === undefined ? 'the same length' : `length ${length}`;
    throw new Error(`${op}: last axes must have ${expected}, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  return broadcastLeading(op, a.shape, b.shape, 1);
}

/**
 * For each element of `toShape`, the row-major index of the element of
 * `fromShape` it repeats under broadcasting.
 *
 * @internal
 */
export function broadcastSourceIndex(fromShape: Shape, toShape: Shape): Int32Array {
  const ndim = toShape.length;
  const offset = ndim - fromShape.length;
  const fromStrides = stridesOf(fromShape);
  const strides = new Array<number>(ndim).fill(0);
  for (let i = 0; i < fromShape.length; i++) strides[offset + i] = fromShape[i] === 1 ? 0 : fromStrides[i]!;
  const size = shapeSize(toShape);
  const index = new Int32Array(size);
  const counter = new Array<number>(ndim).fill(0);
  let source = 0;
  for (let i = 0; i < size; i++) {
    index[i] = source;
    for (let axis = ndim - 1; axis >= 0; axis--) {
      counter[axis]!++;
      source += strides[axis]!;
      if (counter[axis]! < toShape[axis]!) break;
      source -= strides[axis]! * counter[axis]!;
      counter[axis] = 0;
    }
  }
  return index;
}
