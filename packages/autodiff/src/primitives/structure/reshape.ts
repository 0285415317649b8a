import { asTensor, type TensorLike } from '../../tensor/create.js';
import { formatShape, shapeSize, type Shape } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { definePrimitive } from '../../tape/primitive.js';

/** The shape asked for, with one `-1` axis inferred from the size. */
function resolveShape(from: Shape, to: Shape): number[] {
  const size = shapeSize(from);
  const result = [...to];
  const unknown = result.indexOf(-1);
  if (unknown >= 0 && result.indexOf(-1, unknown + 1) >= 0) {
    throw new Error(`reshape: only one axis may be -1, got ${formatShape(to)}`);
  }
  if (unknown >= 0) {
    result[unknown] = 1;
    const known = shapeSize(result);
    result[unknown] = known === 0 ? 0 : size / known;
  }
  if (result.some((n) => !Number.isInteger(n) || n < 0) || shapeSize(result) !== size) {
    throw new Error(`reshape: cannot reshape a tensor of shape ${formatShape(from)} (${size} values) into ${formatShape(to)}`);
  }
  return result;
}

const reshapePrimitive = definePrimitive<Shape>({
  name: 'reshape',
  forward([x], shape) {
    return new Tensor(x!.data, shape);
  },
  backward([g]) {
    return [g!];
  },
});

/**
 * The same values under another shape (row-major order kept); one axis may
 * be `-1` and is inferred. Shares the data, copies nothing.
 *
 * @example
 * ```ts
 * reshape([1, 2, 3, 4], [2, -1]).toArray(); // [[1, 2], [3, 4]]
 * ```
 */
export function reshape(x: TensorLike, shape: Shape): Tensor {
  const t = asTensor(x, 'reshape');
  return reshapePrimitive.apply([t], resolveShape(t.shape, shape)) as Tensor;
}
