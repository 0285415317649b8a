/**
 * The machinery shared by elementwise primitives: conversion of arguments,
 * broadcasting, and the reduction of cotangents back to each input's shape.
 * Each elementwise primitive only writes its two loops (forward and
 * backward) over flat Float64Arrays.
 *
 * @module
 */
import { sumToShape } from '../tensor/broadcast.js';
import { asTensor, type TensorLike } from '../tensor/create.js';
import { shapeSize } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { definePrimitive, type Primitive } from '../tape/primitive.js';
import { broadcastPairShape, operandData, operandStep } from './broadcastOperands.js';

/** The loops of a one-input elementwise primitive. */
export interface UnaryKernels {
  /** Name of the primitive. */
  readonly name: string;
  /** Write `out[i] = f(x[i])` for every i. */
  forward(x: Float64Array, out: Float64Array): void;
  /**
   * Write `gx[i] = g[i] * f'(x[i])` (the output `y` is given too). A zero
   * `g[i]` must give a zero `gx[i]`, even where `f'` is infinite.
   */
  backward(g: Float64Array, x: Float64Array, y: Float64Array, gx: Float64Array): void;
}

/** A unary elementwise op: a function on tensor-likes, and its primitive. */
export type UnaryOp = ((x: TensorLike) => Tensor) & { readonly primitive: Primitive<void> };

/**
 * Define a one-input elementwise primitive from its two loops.
 *
 * @example
 * ```ts
 * const double = defineUnary({
 *   name: 'double',
 *   forward(x, out) { for (let i = 0; i < x.length; i++) out[i] = 2 * x[i]!; },
 *   backward(g, _x, _y, gx) { for (let i = 0; i < g.length; i++) gx[i] = 2 * g[i]!; },
 * });
 * double([1, 2]).toArray(); // [2, 4]
 * ```
 */
export function defineUnary(kernels: UnaryKernels): UnaryOp {
  const primitive = definePrimitive<void>({
    name: kernels.name,
    forward([x]) {
      const out = new Float64Array(x!.size);
      kernels.forward(x!.data, out);
      return new Tensor(out, x!.shape);
    },
    backward([g], [x], [y]) {
      const gx = new Float64Array(x!.size);
      kernels.backward(g!, x!.data, y!.data, gx);
      return [gx];
    },
  });
  const op = (x: TensorLike): Tensor => primitive.apply([asTensor(x, kernels.name)], undefined) as Tensor;
  return Object.assign(op, { primitive });
}

/**
 * The loops of a two-input elementwise primitive. The inputs come either with
 * the output's length (step 1) or as a single broadcast value (step 0): read
 * them as `a[i * aStep]`.
 */
export interface BinaryKernels {
  /** Name of the primitive. */
  readonly name: string;
  /** Write `out[i] = f(a[i * aStep], b[i * bStep])` for every i of `out`. */
  forward(a: Float64Array, aStep: number, b: Float64Array, bStep: number, out: Float64Array): void;
  /**
   * Write the cotangents at full output length into `ga` and `gb` (each null
   * when not needed). A zero `g[i]` must give zeros.
   */
  backward(
    g: Float64Array,
    a: Float64Array,
    aStep: number,
    b: Float64Array,
    bStep: number,
    out: Float64Array,
    ga: Float64Array | null,
    gb: Float64Array | null,
  ): void;
}

/** A binary elementwise op with numpy broadcasting: a function on tensor-likes, and its primitive. */
export type BinaryOp = ((a: TensorLike, b: TensorLike) => Tensor) & { readonly primitive: Primitive<void> };

/**
 * Define a two-input elementwise primitive with numpy broadcasting from its
 * two loops.
 *
 * @example
 * ```ts
 * const hypot = defineBinary({
 *   name: 'hypot',
 *   forward(a, as, b, bs, out) { for (let i = 0; i < out.length; i++) out[i] = Math.hypot(a[i * as]!, b[i * bs]!); },
 *   backward(g, a, as, b, bs, out, ga, gb) { ... },
 * });
 * ```
 */
export function defineBinary(kernels: BinaryKernels): BinaryOp {
  const primitive = definePrimitive<void>({
    name: kernels.name,
    forward([a, b]) {
      const shape = broadcastPairShape(kernels.name, a!, b!);
      const out = new Float64Array(shapeSize(shape));
      kernels.forward(operandData(a!, shape), operandStep(a!), operandData(b!, shape), operandStep(b!), out);
      return new Tensor(out, shape);
    },
    backward([g], [a, b], [out], _params, needed) {
      const shape = out!.shape;
      const ga = needed[0] ? new Float64Array(out!.size) : null;
      const gb = needed[1] ? new Float64Array(out!.size) : null;
      kernels.backward(g!, operandData(a!, shape), operandStep(a!), operandData(b!, shape), operandStep(b!), out!.data, ga, gb);
      return [ga && sumToShape(ga, shape, a!.shape), gb && sumToShape(gb, shape, b!.shape)];
    },
  });
  const op = (a: TensorLike, b: TensorLike): Tensor =>
    primitive.apply([asTensor(a, kernels.name), asTensor(b, kernels.name)], undefined) as Tensor;
  return Object.assign(op, { primitive });
}
