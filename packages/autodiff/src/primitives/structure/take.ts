import { asTensor, type TensorLike } from '../../tensor/create.js';
import { normalizeAxis } from '../../tensor/shape.js';
import { Tensor, type NestedNumbers } from '../../tensor/tensor.js';
import { definePrimitive } from '../../tape/primitive.js';
import { axisWalk } from '../reduction/axes.js';

/** Indices for `take`: a number, (nested) arrays of integers, an Int32Array, or a tensor of integer values. */
export type TakeIndices = number | Int32Array | NestedNumbers | Tensor;

/** A gather along one axis, indices already checked and made non-negative. */
interface Gather {
  readonly axis: number;
  readonly indices: Int32Array;
  readonly outShape: number[];
}

const takePrimitive = definePrimitive<Gather>({
  name: 'take',
  forward([x], { axis, indices, outShape }) {
    const { outer, length, inner } = axisWalk(x!.shape, axis);
    const data = x!.data;
    const count = indices.length;
    const out = new Float64Array(outer * count * inner);
    for (let o = 0; o < outer; o++) {
      for (let q = 0; q < count; q++) {
        const from = (o * length + indices[q]!) * inner;
        const to = (o * count + q) * inner;
        for (let k = 0; k < inner; k++) out[to + k] = data[from + k]!;
      }
    }
    return new Tensor(out, outShape);
  },
  // An index taken several times receives the sum of its cotangents.
  backward([g], [x], _outputs, { axis, indices }) {
    const { outer, length, inner } = axisWalk(x!.shape, axis);
    const count = indices.length;
    const gx = new Float64Array(x!.size);
    for (let o = 0; o < outer; o++) {
      for (let q = 0; q < count; q++) {
        const to = (o * length + indices[q]!) * inner;
        const from = (o * count + q) * inner;
        for (let k = 0; k < inner; k++) gx[to + k] += g![from + k]!;
      }
    }
    return [gx];
  },
});

/** The indices as a flat Int32Array with their shape. */
function indexList(indices: TakeIndices): { values: ArrayLike<number>; shape: readonly number[] } {
  if (indices instanceof Int32Array) return { values: indices, shape: [indices.length] };
  const t = asTensor(indices, 'take');
  return { values: t.data, shape: t.shape };
}

/**
 * Gather slices of `x` along an axis (numpy's `take`): the result has shape
 * `x.shape[:axis] + indices.shape + x.shape[axis + 1:]` (a single number
 * index removes the axis). Negative indices count from the end. The gradient
 * scatter-adds back, so an index repeated gets the sum of its cotangents.
 *
 * @param axis - the axis to index, default 0; negative counts from the end.
 * @throws Error naming the op, the index and the axis length for an index
 *   out of range (or not an integer).
 * @example
 * ```ts
 * take([10, 20, 30], [2, 0, -1]).toArray(); // [30, 10, 30]
 * take([[1, 2], [3, 4]], [1], 1).toArray(); // [[2], [4]]
 * take([[1, 2], [3, 4]], 1).toArray(); // [3, 4]
 * ```
 */
export function take(x: TensorLike, indices: TakeIndices, axis = 0): Tensor {
  const t = asTensor(x, 'take');
  const resolvedAxis = normalizeAxis('take', axis, t.ndim);
  const length = t.shape[resolvedAxis]!;
  const { values, shape } = indexList(indices);
  const resolved = new Int32Array(values.length);
  for (let q = 0; q < values.length; q++) {
    const index = values[q]!;
    if (!Number.isInteger(index) || index < -length || index >= length) {
      throw new Error(`take: index ${index} is out of range for axis ${resolvedAxis} of length ${length}`);
    }
    resolved[q] = index < 0 ? index + length : index;
  }
  const outShape = [...t.shape.slice(0, resolvedAxis), ...shape, ...t.shape.slice(resolvedAxis + 1)];
  return takePrimitive.apply([t], { axis: resolvedAxis, indices: resolved, outShape }) as Tensor;
}
