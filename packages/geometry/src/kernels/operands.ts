/**
 * Checking and unpacking the operands of the fused geometry kernels: points
 * `[N, 2]`, one wall `[2, 2]` or one wall per point `[N, 2, 2]`, triplets of
 * points with their walls, a list of walls `[W, 2, 2]`, and the per-segment
 * exclusion lists. Shapes are checked
 * once, at the kernel's boundary, with errors naming the kernel and the
 * shapes; the loops behind never check again.
 *
 * @module
 */
import { asTensor, formatShape, type Tensor, type TensorLike } from '@differt2d/autodiff';

/**
 * A tensor of points, shape `[N, 2]`.
 *
 * @param op - the kernel asking, quoted in the error.
 * @param name - the argument's name, quoted in the error.
 * @throws Error naming the kernel, the argument and its shape when it is not `[N, 2]`.
 * @example
 * ```ts
 * pointsOperand('imagesThroughWall', 'points', [[0, 1]]).shape; // [1, 2]
 * ```
 */
export function pointsOperand(op: string, name: string, value: TensorLike): Tensor {
  const t = asTensor(value, op);
  if (t.ndim !== 2 || t.shape[1] !== 2) {
    throw new Error(`${op}: ${name} must have shape [N, 2] (N points (x, y)), got ${formatShape(t.shape)}`);
  }
  return t;
}

/**
 * Check that several `[N, 2]` point tensors have the same N.
 *
 * @throws Error naming the kernel and every shape when they differ.
 * @example
 * ```ts
 * samePointCount('interactionLosses', { a, b, c }); // N
 * ```
 */
export function samePointCount(op: string, operands: Readonly<Record<string, Tensor>>): number {
  const entries = Object.entries(operands);
  const count = entries[0]![1].shape[0]!;
  for (const [, t] of entries) {
    if (t.shape[0] !== count) {
      const shapes = entries.map(([name, u]) => `${name} ${formatShape(u.shape)}`).join(', ');
      throw new Error(`${op}: the point arrays must all have the same length N, got ${shapes}`);
    }
  }
  return count;
}

/** A wall operand: either one wall shared by every point, or one wall per point. */
export interface WallOperand {
  /** The walls as a tensor of shape `[2, 2]`, `[1, 2, 2]` or `[N, 2, 2]`. */
  readonly tensor: Tensor;
  /** 4 (one wall per point) or 0 (one wall shared by all): the stride of a point's wall in the data. */
  readonly stride: 0 | 4;
}

/**
 * One wall `[2, 2]` (origin, dest) shared by all `count` points, or one wall
 * per point `[count, 2, 2]` (`[1, 2, 2]` is shared too).
 *
 * @throws Error naming the kernel, the shapes and the expected N.
 * @example
 * ```ts
 * wallOperand('imagesThroughWall', 'wall', [[0, 0], [1, 0]], 5).stride; // 0
 * ```
 */
export function wallOperand(op: string, name: string, value: TensorLike, count: number): WallOperand {
  const t = asTensor(value, op);
  const shape = t.shape;
  if (shape.length === 2 && shape[0] === 2 && shape[1] === 2) return { tensor: t, stride: 0 };
  if (shape.length === 3 && shape[1] === 2 && shape[2] === 2) {
    if (shape[0] === count) return { tensor: t, stride: count === 1 ? 0 : 4 };
    if (shape[0] === 1) return { tensor: t, stride: 0 };
  }
  throw new Error(
    `${op}: ${name} must have shape [2, 2] (origin, dest) or [N, 2, 2] with N = ${count} (one wall per point), got ${formatShape(shape)}`,
  );
}

/** The operands of an interaction-loss kernel: triplets of points `(a, b, c)`, each `[N, 2]`, and the wall of each. */
export interface TripletOperands {
  readonly a: Tensor;
  readonly b: Tensor;
  readonly c: Tensor;
  /** The number N of triplets. */
  readonly count: number;
  readonly wall: WallOperand;
}

/**
 * Points `a`, `b`, `c` of shape `[N, 2]` with the same N, and one wall
 * `[2, 2]` shared by the N triplets or one per triplet `[N, 2, 2]`.
 *
 * @throws Error naming the kernel, the argument and the shapes when they do not fit.
 * @example
 * ```ts
 * tripletOperands('interactionLosses', [[0, 1]], [[0.5, 0]], [[1, 1]], [[0, 0], [1, 0]]).count; // 1
 * ```
 */
export function tripletOperands(op: string, a: TensorLike, b: TensorLike, c: TensorLike, wall: TensorLike): TripletOperands {
  const ta = pointsOperand(op, 'a', a);
  const tb = pointsOperand(op, 'b', b);
  const tc = pointsOperand(op, 'c', c);
  const count = samePointCount(op, { a: ta, b: tb, c: tc });
  return { a: ta, b: tb, c: tc, count, wall: wallOperand(op, 'wall', wall, count) };
}

/**
 * A list of walls, shape `[W, 2, 2]` (origin, dest of each wall).
 *
 * @throws Error naming the kernel and the shape when it is not `[W, 2, 2]`.
 * @example
 * ```ts
 * wallsOperand('segmentsBlocked', [[[0, 0], [1, 0]]]).shape; // [1, 2, 2]
 * ```
 */
export function wallsOperand(op: string, value: TensorLike): Tensor {
  const t = asTensor(value, op);
  const shape = t.shape;
  if (shape.length !== 3 || shape[1] !== 2 || shape[2] !== 2) {
    throw new Error(`${op}: walls must have shape [W, 2, 2] (origin, dest of each wall), got ${formatShape(shape)}`);
  }
  return t;
}

/**
 * The per-segment exclusion list: two wall indices per segment (the objects
 * at the segment's two ends), -1 for none. `undefined` excludes nothing.
 *
 * @throws Error naming the kernel when it is not an Int32Array of length 2N.
 * @example
 * ```ts
 * exclusionOperand('segmentsBlocked', Int32Array.of(-1, 3), 1);
 * ```
 */
export function exclusionOperand(op: string, exclude: Int32Array | undefined, count: number): Int32Array | null {
  if (exclude === undefined) return null;
  if (!(exclude instanceof Int32Array) || exclude.length !== 2 * count) {
    const got = exclude instanceof Int32Array ? `an Int32Array of length ${exclude.length}` : String(exclude);
    throw new Error(`${op}: exclude must be an Int32Array of length 2N = ${2 * count} (two wall indices per segment, -1 = none), got ${got}`);
  }
  return exclude;
}

/**
 * A finite number option, or its default.
 *
 * @throws Error naming the kernel and the option when it is not finite.
 * @example
 * ```ts
 * finiteOption('segmentsBlocked', 'tolerance', undefined, 0.005); // 0.005
 * ```
 */
export function finiteOption(op: string, name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${op}: ${name} must be a finite number, got ${String(value)}`);
  return value;
}
