/**
 * Shape logic shared by the linear-algebra primitives: vectors along the last
 * axis with broadcast leading axes, and broadcast batches of matrices.
 *
 * @module
 */
import { expandData } from '../../tensor/broadcast.js';
import { broadcastShapes, formatShape, type Shape } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';

/**
 * The broadcast of the leading axes of `a` and `b` (all but the last
 * `trailing` ones), with an error naming the op and both full shapes.
 *
 * @internal
 * @example
 * ```ts
 * broadcastLeading('matmul', [2, 1, 3, 4], [5, 4, 6], 2); // [2, 5]
 * ```
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
 * @example
 * ```ts
 * lastAxisLeading('dot', tensor([[1, 2], [3, 4]]), tensor([5, 6])); // [2]
 * lastAxisLeading('cross', tensor([1, 2, 3]), tensor([4, 5, 6]), 2); // throws: last axes must have length 2
 * ```
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

/** The operands of a last-axis op (dot, cross), expanded to their common shape. */
export interface ExpandedOperands {
  /** The common shape `[...leading, n]`. */
  readonly full: number[];
  /** The data of `a` expanded to `full` (itself when already of that shape). */
  readonly aData: Float64Array;
  /** The data of `b` expanded to `full`. */
  readonly bData: Float64Array;
}

/**
 * Expand two vector operands (checked by `lastAxisLeading`, whose result is
 * `leading`) to their common shape `[...leading, n]`.
 *
 * @internal
 * @example
 * ```ts
 * expandLastAxisOperands(tensor([[1, 2], [3, 4]]), tensor([5, 6]), [2]).bData; // [5, 6, 5, 6]
 * ```
 */
export function expandLastAxisOperands(a: Tensor, b: Tensor, leading: readonly number[]): ExpandedOperands {
  const full = [...leading, a.shape[a.ndim - 1]!];
  return { full, aData: expandData(a.data, a.shape, full), bData: expandData(b.data, b.shape, full) };
}
