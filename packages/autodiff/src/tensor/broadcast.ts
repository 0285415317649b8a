/**
 * Moving values between a shape and its broadcast: expanding (repeating along
 * stretched axes) and its adjoint, summing back over them.
 *
 * @module
 */
import { broadcastIndex } from './indexMap.js';
import { shapeSize, shapesEqual, type Shape } from './shape.js';

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
  const indices = broadcastIndex(fromShape, toShape);
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
  const indices = broadcastIndex(toShape, fromShape);
  for (let i = 0; i < data.length; i++) out[indices[i]!] += data[i]!;
  return out;
}
