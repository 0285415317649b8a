import { asTensor, type TensorLike } from '../../tensor/create.js';
import { formatShape, normalizeAxis, shapeSize, stridesOf, type Shape } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { definePrimitive } from '../../tape/primitive.js';

/** The data of `shape` with its axes reordered: output axis i is input axis `permutation[i]`. */
function permuteData(data: Float64Array, shape: Shape, permutation: readonly number[]): Float64Array {
  const ndim = shape.length;
  const inStrides = stridesOf(shape);
  const outShape = new Array<number>(ndim);
  const steps = new Array<number>(ndim);
  for (let i = 0; i < ndim; i++) {
    outShape[i] = shape[permutation[i]!]!;
    steps[i] = inStrides[permutation[i]!]!;
  }
  const size = shapeSize(shape);
  const out = new Float64Array(size);
  const counter = new Array<number>(ndim).fill(0);
  let source = 0;
  for (let i = 0; i < size; i++) {
    out[i] = data[source]!;
    for (let axis = ndim - 1; axis >= 0; axis--) {
      counter[axis]!++;
      source += steps[axis]!;
      if (counter[axis]! < outShape[axis]!) break;
      source -= steps[axis]! * counter[axis]!;
      counter[axis] = 0;
    }
  }
  return out;
}

const transposePrimitive = definePrimitive<readonly number[]>({
  name: 'transpose',
  forward([x], permutation) {
    return new Tensor(
      permuteData(x!.data, x!.shape, permutation),
      permutation.map((axis) => x!.shape[axis]!),
    );
  },
  // The adjoint of a permutation is its inverse, applied to the output's shape.
  backward([g], _inputs, [y], permutation) {
    const inverse = new Array<number>(permutation.length);
    for (let i = 0; i < permutation.length; i++) inverse[permutation[i]!] = i;
    return [permuteData(g!, y!.shape, inverse)];
  },
});

/**
 * The tensor with its axes reordered: axis i of the result is axis
 * `axes[i]` of `x` (negative axes count from the end). Without `axes`, the
 * order of all axes is reversed (the matrix transpose for 2-D).
 *
 * @throws Error naming the shape when `axes` is not a permutation of the axes.
 * @example
 * ```ts
 * transpose([[1, 2, 3], [4, 5, 6]]).toArray(); // [[1, 4], [2, 5], [3, 6]]
 * transpose(zeros([2, 3, 4]), [1, 2, 0]).shape; // [3, 4, 2]
 * ```
 */
export function transpose(x: TensorLike, axes?: readonly number[]): Tensor {
  const t = asTensor(x, 'transpose');
  const ndim = t.ndim;
  const permutation = axes === undefined ? t.shape.map((_, i) => ndim - 1 - i) : axes.map((a) => normalizeAxis('transpose', a, ndim));
  if (permutation.length !== ndim || new Set(permutation).size !== ndim) {
    throw new Error(`transpose: axes ${JSON.stringify(axes)} are not a permutation of the axes of shape ${formatShape(t.shape)}`);
  }
  if (permutation.every((axis, i) => axis === i)) return t;
  return transposePrimitive.apply([t], permutation) as Tensor;
}

/**
 * The tensor with two axes exchanged (negative axes count from the end).
 *
 * @throws Error naming the op when an axis is out of range.
 * @example
 * ```ts
 * swapAxes([[1, 2, 3]], 0, 1).toArray(); // [[1], [2], [3]]
 * swapAxes(zeros([2, 3, 4]), 0, -1).shape; // [4, 3, 2]
 * ```
 */
export function swapAxes(x: TensorLike, axis1: number, axis2: number): Tensor {
  const t = asTensor(x, 'swapAxes');
  const a = normalizeAxis('swapAxes', axis1, t.ndim);
  const b = normalizeAxis('swapAxes', axis2, t.ndim);
  const permutation = t.shape.map((_, i) => (i === a ? b : i === b ? a : i));
  return transpose(t, permutation);
}
