import { asTensor, type TensorLike } from '../../tensor/create.js';
import { formatShape, normalizeAxis } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { definePrimitive } from '../../tape/primitive.js';
import { axisWalk } from '../reduction/axes.js';

const concatPrimitive = definePrimitive<number>({
  name: 'concat',
  forward(inputs, axis) {
    const first = inputs[0]!;
    let total = 0;
    for (const input of inputs) total += input.shape[axis]!;
    const outShape = first.shape.map((n, i) => (i === axis ? total : n));
    const { outer, inner } = axisWalk(first.shape, axis);
    const out = new Float64Array(outer * total * inner);
    let position = 0;
    for (const input of inputs) {
      const block = input.shape[axis]! * inner;
      const data = input.data;
      // Plain loops rather than set(subarray()): stacking along the last axis
      // makes blocks of one or two values, and a view per block would dominate.
      for (let o = 0; o < outer; o++) {
        const from = o * block;
        const to = (o * total + position) * inner;
        for (let q = 0; q < block; q++) out[to + q] = data[from + q]!;
      }
      position += input.shape[axis]!;
    }
    return new Tensor(out, outShape);
  },
  // Each input gets back its own block of the cotangent.
  backward([g], inputs, [out], axis, needed) {
    const total = out!.shape[axis]!;
    const { outer, inner } = axisWalk(out!.shape, axis);
    const cotangents: (Float64Array | null)[] = [];
    let position = 0;
    for (let i = 0; i < inputs.length; i++) {
      const length = inputs[i]!.shape[axis]!;
      if (needed[i]) {
        const block = length * inner;
        const gi = new Float64Array(outer * block);
        for (let o = 0; o < outer; o++) {
          const from = (o * total + position) * inner;
          const to = o * block;
          for (let q = 0; q < block; q++) gi[to + q] = g![from + q]!;
        }
        cotangents.push(gi);
      } else cotangents.push(null);
      position += length;
    }
    return cotangents;
  },
});

/**
 * Join tensors along an existing axis (default 0; negative counts from the
 * end). All must have the same number of axes and the same lengths except
 * along `axis`.
 *
 * @throws Error naming the shapes when they do not fit, or when the list is
 *   empty or holds scalars.
 * @example
 * ```ts
 * concat([[1, 2], [3]]).toArray(); // [1, 2, 3]
 * concat([[[1], [2]], [[3], [4]]], 1).toArray(); // [[1, 3], [2, 4]]
 * ```
 */
export function concat(tensors: readonly TensorLike[], axis = 0): Tensor {
  if (tensors.length === 0) throw new Error('concat: needs at least one tensor');
  const ts = tensors.map((x) => asTensor(x, 'concat'));
  const first = ts[0]!;
  const shapes = ts.map((t) => formatShape(t.shape)).join(', ');
  if (first.ndim === 0) throw new Error(`concat: scalars cannot be concatenated, got shapes ${shapes}`);
  const resolved = normalizeAxis('concat', axis, first.ndim);
  for (const t of ts) {
    if (t.ndim !== first.ndim || t.shape.some((n, i) => i !== resolved && n !== first.shape[i])) {
      throw new Error(`concat: shapes ${shapes} must match except along axis ${resolved}`);
    }
  }
  if (ts.length === 1) return first;
  return concatPrimitive.apply(ts, resolved) as Tensor;
}
