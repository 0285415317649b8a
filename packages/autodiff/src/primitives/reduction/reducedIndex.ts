/**
 * Reductions over several axes at once: for each input element, the output
 * element it falls into. Used where reducing one axis at a time would not
 * give the same gradient (ties of min/max must be split over all the reduced
 * axes together, as in JAX).
 *
 * @module
 */
import { stridedIndex } from '../../tensor/indexMap.js';
import { formatShape, shapeSize, type Shape } from '../../tensor/shape.js';

/** Where each element of a tensor goes under a reduction. */
export interface ReducedIndex {
  /** For input element i (row-major), the row-major index of its output element. */
  readonly index: Int32Array;
  /** The output shape, reduced axes removed. */
  readonly reducedShape: number[];
  /** Number of input elements reduced into each output element. */
  readonly count: number;
}

/**
 * The reduction map of `shape` over `axes` (normalised, unique).
 *
 * @internal
 * @example
 * ```ts
 * reducedIndex([2, 3], [1]); // { index: [0, 0, 0, 1, 1, 1], reducedShape: [2], count: 3 }
 * ```
 */
export function reducedIndex(shape: Shape, axes: readonly number[]): ReducedIndex {
  const ndim = shape.length;
  const reduced = new Array<boolean>(ndim).fill(false);
  for (const axis of axes) reduced[axis] = true;
  const reducedShape = shape.filter((_, axis) => !reduced[axis]);
  // Output strides spread over the input axes, 0 along reduced ones.
  const strides = new Array<number>(ndim).fill(0);
  let stride = 1;
  let count = 1;
  for (let axis = ndim - 1; axis >= 0; axis--) {
    if (reduced[axis]) {
      count *= shape[axis]!;
      continue;
    }
    strides[axis] = stride;
    stride *= shape[axis]!;
  }
  return { index: stridedIndex(shape, strides), reducedShape, count };
}

/**
 * Throw when a reduction without identity (min, max) would reduce an empty
 * set into some output element.
 *
 * @internal
 * @example
 * ```ts
 * checkNonEmptyReduction('max', [2, 0], [1], reducedIndex([2, 0], [1])); // throws: max has no identity
 * ```
 */
export function checkNonEmptyReduction(op: string, shape: Shape, axes: readonly number[], reduced: ReducedIndex): void {
  if (reduced.count === 0 && shapeSize(reduced.reducedShape) > 0) {
    throw new Error(
      `${op}: cannot reduce an empty axis of a tensor of shape ${formatShape(shape)} (axes ${JSON.stringify(axes)}): ` +
        `${op} has no identity`,
    );
  }
}
