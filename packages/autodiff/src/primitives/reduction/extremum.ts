/**
 * The two extremum reductions (min, max) share their gradient rule (the
 * cotangent goes to the elements equal to the result, split equally among
 * ties) and the way they are called; each keeps its own forward loop.
 *
 * @module
 */
import { asTensor, type TensorLike } from '../../tensor/create.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { Cotangents, Primitive } from '../../tape/primitive.js';
import { reshape } from '../structure/reshape.js';
import { keptShape, reduceOptions, resolveAxes, type Axes, type ReduceOptions } from './axes.js';
import { checkNonEmptyReduction, reducedIndex, type ReducedIndex } from './reducedIndex.js';

/**
 * Apply a min or max primitive over some axes (all by default), all at once
 * so that ties are split over every reduced axis together.
 *
 * @param op - `'min'` or `'max'`, quoted in errors.
 * @throws Error naming the op for a bad axis or an empty reduced axis.
 * @internal
 * @example
 * ```ts
 * reduceExtremum('max', maxPrimitive, [[1, 5], [3, 4]], 0); // Tensor [3, 5]
 * ```
 */
export function reduceExtremum(
  op: string,
  primitive: Primitive<ReducedIndex>,
  x: TensorLike,
  axis: Axes | ReduceOptions,
  keepdims: boolean | undefined,
): Tensor {
  const t = asTensor(x, op);
  const options = reduceOptions(axis, keepdims);
  const axes = resolveAxes(op, t.shape, options.axis);
  if (axes.length === 0) return t;
  const reduced = reducedIndex(t.shape, axes);
  checkNonEmptyReduction(op, t.shape, axes, reduced);
  const result = primitive.apply([t], reduced) as Tensor;
  return options.keepdims ? reshape(result, keptShape(t.shape, axes)) : result;
}

/**
 * The vector-Jacobian product of a min or max reduction.
 *
 * @internal
 * @example
 * ```ts
 * // max([3, 1, 3]) is 3, reached twice: the cotangent 1 is split in halves.
 * extremumBackward(Float64Array.of(1), tensor([3, 1, 3]), tensor(3), reducedIndex([3], [0])); // [Float64Array [0.5, 0, 0.5]]
 * ```
 */
export function extremumBackward(g: Float64Array, x: Tensor, out: Tensor, reduced: ReducedIndex): Cotangents {
  const index = reduced.index;
  const data = x.data;
  const result = out.data;
  const ties = new Float64Array(result.length);
  for (let i = 0; i < data.length; i++) {
    const o = index[i]!;
    if (data[i] === result[o]) ties[o] += 1;
  }
  const gx = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const o = index[i]!;
    const go = g[o]!;
    if (go !== 0 && data[i] === result[o]) gx[i] = go / ties[o]!;
  }
  return [gx];
}
