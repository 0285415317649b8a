/**
 * The machinery shared by comparisons: elementwise, broadcasting like binary
 * ops, giving 0/1 masks and no gradient (a mask is piecewise constant).
 *
 * @module
 */
import { asTensor, type TensorLike } from '../../tensor/create.js';
import { shapeSize } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { definePrimitive, type Primitive } from '../../tape/primitive.js';
import { broadcastPairShape, operandData, operandStep } from '../broadcastOperands.js';

/** The loop of a comparison primitive. */
export interface ComparisonKernel {
  /** Name of the primitive. */
  readonly name: string;
  /**
   * Write `out[i] = test(a[i * aStep], b[i * bStep]) ? 1 : 0` for every i of
   * `out` (steps are 1, or 0 for a single broadcast value).
   */
  forward(a: Float64Array, aStep: number, b: Float64Array, bStep: number, out: Float64Array): void;
}

/** A comparison: a function on tensor-likes giving a 0/1 mask, and its primitive. */
export type ComparisonOp = ((a: TensorLike, b: TensorLike) => Tensor) & { readonly primitive: Primitive<void> };

/**
 * Define a comparison primitive (no backward: nothing is recorded, and the
 * mask is a constant for any gradient) from its loop.
 *
 * @example
 * ```ts
 * const closeToEachOther = defineComparison({
 *   name: 'closeToEachOther',
 *   forward(a, as, b, bs, out) { for (let i = 0; i < out.length; i++) out[i] = Math.abs(a[i * as]! - b[i * bs]!) < 1e-9 ? 1 : 0; },
 * });
 * closeToEachOther([1, 2], 1).toArray(); // [1, 0]
 * ```
 */
export function defineComparison(kernel: ComparisonKernel): ComparisonOp {
  const primitive = definePrimitive<void>({
    name: kernel.name,
    forward([a, b]) {
      const shape = broadcastPairShape(kernel.name, a!, b!);
      const out = new Float64Array(shapeSize(shape));
      kernel.forward(operandData(a!, shape), operandStep(a!), operandData(b!, shape), operandStep(b!), out);
      return new Tensor(out, shape);
    },
  });
  const op = (a: TensorLike, b: TensorLike): Tensor =>
    primitive.apply([asTensor(a, kernel.name), asTensor(b, kernel.name)], undefined) as Tensor;
  return Object.assign(op, { primitive });
}
