/**
 * The `Tensor` type: a Float64Array with a row-major shape.
 *
 * @module
 */
import { formatShape, shapeSize, type Shape } from './shape.js';
import type { Tape } from '../tape/tape.js';

/** Numbers nested in arrays, as many levels deep as the tensor has axes. */
export type NestedNumbers = number | readonly NestedNumbers[];

/**
 * A dense array of float64 values with a row-major shape.
 *
 * Tensors are immutable by convention: operations never write into their
 * inputs, so a tensor may share its `data` with another one (a reshape does).
 *
 * @example
 * ```ts
 * const t = new Tensor(new Float64Array([1, 2, 3, 4]), [2, 2]);
 * t.toArray(); // [[1, 2], [3, 4]]
 * ```
 */
export class Tensor {
  /** The values, row-major. Do not write into it. */
  readonly data: Float64Array;
  /** The length of each axis. */
  readonly shape: Shape;
  /** Number of elements. */
  readonly size: number;
  /** @internal The tape that recorded this tensor as an output, if any. */
  _tape: Tape | null = null;
  /** @internal Position of this tensor on `_tape` (-1 when untracked). */
  _id = -1;
  /** @internal Name of the primitive that produced it (debug mode only). */
  _producer: string | undefined = undefined;

  /**
   * @param data - the values, row-major; length must match the shape.
   * @param shape - the length of each axis (`[]` for a scalar).
   */
  constructor(data: Float64Array, shape: Shape) {
    const size = shapeSize(shape);
    if (data.length !== size) {
      throw new Error(`Tensor: data has ${data.length} values but shape ${formatShape(shape)} needs ${size}`);
    }
    this.data = data;
    this.shape = shape;
    this.size = size;
  }

  /** Number of axes. */
  get ndim(): number {
    return this.shape.length;
  }

  /**
   * The single value of a size-1 tensor.
   *
   * @example
   * ```ts
   * scalar(3).item(); // 3
   * ```
   */
  item(): number {
    if (this.size !== 1) throw new Error(`item: tensor of shape ${formatShape(this.shape)} has ${this.size} values, expected 1`);
    return this.data[0]!;
  }

  /**
   * The values as plain nested arrays (a number for a scalar).
   *
   * @example
   * ```ts
   * tensor([[1, 2], [3, 4]]).toArray(); // [[1, 2], [3, 4]]
   * ```
   */
  toArray(): NestedNumbers {
    if (this.shape.length === 0) return this.data[0]!;
    return nest(this.data, this.shape, 0, 0);
  }

  /** Text form, e.g. `Tensor([2, 2]) [[1,2],[3,4]]`. */
  toString(): string {
    return `Tensor(${formatShape(this.shape)}) ${JSON.stringify(this.toArray())}`;
  }
}

function nest(data: Float64Array, shape: Shape, axis: number, offset: number): NestedNumbers[] {
  const length = shape[axis]!;
  const result = new Array<NestedNumbers>(length);
  if (axis === shape.length - 1) {
    for (let i = 0; i < length; i++) result[i] = data[offset + i]!;
    return result;
  }
  let inner = 1;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i]!;
  for (let i = 0; i < length; i++) result[i] = nest(data, shape, axis + 1, offset + i * inner);
  return result;
}
