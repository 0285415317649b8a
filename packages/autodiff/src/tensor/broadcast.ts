/**
 * Moving values between a shape and its broadcast: expanding (repeating along
 * stretched axes) and its adjoint, summing back over them.
 *
 * @module
 */
import { shapeSize, shapesEqual, stridesOf, type Shape } from './shape.js';

/**
 * For each element of `toShape`, the index of the element of `fromShape` it
 * repeats under broadcasting.
 */
function sourceIndices(fromShape: Shape, toShape: Shape): Int32Array {
  const size = shapeSize(toShape);
  const ndim = toShape.length;
  const offset = ndim - fromShape.length;
  const fromStrides = stridesOf(fromShape);
  const strides = new Array<number>(ndim).fill(0);
  for (let i = 0; i < fromShape.length; i++) strides[offset + i] = fromShape[i] === 1 ? 0 : fromStrides[i]!;
  const indices = new Int32Array(size);
  const counter = new Array<number>(ndim).fill(0);
  let source = 0;
  for (let i = 0; i < size; i++) {
    indices[i] = source;
    for (let axis = ndim - 1; axis >= 0; axis--) {
      counter[axis]!++;
      source += strides[axis]!;
      if (counter[axis]! < toShape[axis]!) break;
      source -= strides[axis]! * counter[axis]!;
      counter[axis] = 0;
    }
  }
  return indices;
}

/**
 * The values of `data` (shape `fromShape`) repeated to fill `toShape`, a
 * broadcast of `fromShape`. Returns `data` itself when the shapes are equal.
 *
 * @example
 * ```ts
 * expandData(Float64Array.of(1, 2), [2], [2, 2]); // [1, 2, 1, 2]
 * ```
 */
export function expandData(data: Float64Array, fromShape: Shape, toShape: Shape): Float64Array {
  if (shapesEqual(fromShape, toShape)) return data;
  const size = shapeSize(toShape);
  const out = new Float64Array(size);
  if (data.length === 1) {
    out.fill(data[0]!);
    return out;
  }
  const indices = sourceIndices(fromShape, toShape);
  for (let i = 0; i < size; i++) out[i] = data[indices[i]!]!;
  return out;
}

/**
 * The adjoint of `expandData`: sums the values of `data` (shape `fromShape`,
 * a broadcast of `toShape`) over the stretched axes. Returns `data` itself when
 * the shapes are equal.
 *
 * @example
 * ```ts
 * sumToShape(Float64Array.of(1, 2, 3, 4), [2, 2], [2]); // [4, 6]
 * ```
 */
export function sumToShape(data: Float64Array, fromShape: Shape, toShape: Shape): Float64Array {
  if (shapesEqual(fromShape, toShape)) return data;
  const out = new Float64Array(shapeSize(toShape));
  if (out.length === 1) {
    let total = 0;
    for (let i = 0; i < data.length; i++) total += data[i]!;
    out[0] = total;
    return out;
  }
  const indices = sourceIndices(toShape, fromShape);
  for (let i = 0; i < data.length; i++) out[indices[i]!] += data[i]!;
  return out;
}
