/**
 * Reading and checking the coordinates handed to object constructors and
 * methods, so that bad input fails at once with a message naming the value,
 * never as a NaN deep inside a tracer.
 *
 * @module
 */
import { asTensor, broadcastShapes, formatShape, reshape, Tensor, type Shape, type TensorLike } from '@differt2d/autodiff';

/**
 * Options every object constructor accepts.
 *
 * @example
 * ```ts
 * new Wall([[0, 0], [0, 0]], { name: 'walls[3]' }); // throws "walls[3]: zero-length wall at (0, 0)"
 * ```
 */
export interface ObjectOptions {
  /**
   * Where the object comes from (e.g. `walls[3]` for a scene loader): used
   * instead of the class name at the start of error messages, and kept on
   * the object as `name`.
   */
  name?: string | undefined;
}

/**
 * A coordinate tensor owned by the object: a Tensor is kept as it is (so a
 * tensor being differentiated stays on the tape); a Float64Array is copied,
 * because its owner may write into it later.
 *
 * @internal
 */
export function ownTensor(value: TensorLike, where: string): Tensor {
  if (value instanceof Float64Array) return new Tensor(value.slice(), [value.length]);
  return asTensor(value, where);
}

/**
 * The coordinates of an object, checked: the exact shape, then every value
 * finite.
 *
 * @param where - the start of error messages (the object's name or class).
 * @param what - the argument's name, with its meaning, e.g. `xy (x, y)`.
 * @param labels - the name of each value in messages, row-major.
 * @throws Error `where: coordinate origin.y is NaN` and the like.
 * @internal
 */
export function checkedCoordinates(value: TensorLike, shape: Shape, where: string, what: string, labels: readonly string[]): Tensor {
  const t = ownTensor(value, where);
  if (t.shape.length !== shape.length || t.shape.some((length, i) => length !== shape[i])) {
    throw new Error(`${where}: ${what} must have shape ${formatShape(shape)}, got ${formatShape(t.shape)}`);
  }
  for (let i = 0; i < t.size; i++) {
    const v = t.data[i]!;
    if (Number.isNaN(v)) throw new Error(`${where}: coordinate ${labels[i]} is NaN`);
    if (!Number.isFinite(v)) throw new Error(`${where}: coordinate ${labels[i]} is infinite (${v})`);
  }
  return t;
}

/**
 * A scalar parameter (e.g. an angle), checked finite; a size-1 tensor of any
 * shape is reshaped to `[]`.
 *
 * @internal
 */
export function checkedScalar(value: TensorLike, where: string, what: string): Tensor {
  const t = ownTensor(value, where);
  if (t.size !== 1) throw new Error(`${where}: ${what} must be a single number, got shape ${formatShape(t.shape)}`);
  const v = t.data[0]!;
  if (!Number.isFinite(v)) throw new Error(`${where}: ${what} is ${Number.isNaN(v) ? 'NaN' : `infinite (${v})`}`);
  // reshape (not a new Tensor) so that a differentiated value stays on the tape
  return t.shape.length === 0 ? t : reshape(t, []);
}

/**
 * A batch of vectors `[..., length]`, checked along its last axis only.
 *
 * @param op - the method, e.g. `Wall.image`.
 * @throws Error naming the method, the argument and its shape.
 * @internal
 */
export function batchOf(value: TensorLike, length: number, op: string, what: string): Tensor {
  const t = asTensor(value, op);
  if (t.ndim === 0 || t.shape[t.ndim - 1] !== length) {
    throw new Error(`${op}: ${what} must have shape [..., ${length}], got ${formatShape(t.shape)}`);
  }
  return t;
}

/**
 * The leading (batch) shape of a `[..., k]` tensor.
 *
 * @internal
 */
export function leadingShape(t: Tensor): number[] {
  return t.shape.slice(0, -1);
}

/**
 * The broadcast of the batch shapes of several `[..., k]` tensors.
 *
 * @throws Error naming the method and the shapes when they do not broadcast.
 * @internal
 */
export function batchShape(op: string, ...tensors: readonly Tensor[]): number[] {
  return broadcastShapes(op, ...tensors.map(leadingShape));
}
