/**
 * Checks shared by the operands of every tracer (image method, Fermat,
 * min-path): positions `[..., 2]` with finite coordinates, and what a value
 * is, for error messages.
 *
 * @module
 */
import { asTensor, formatShape, type Tensor, type TensorLike } from '@differt2d/autodiff';

/**
 * Positions `[..., 2]` (metres), checked: convertible to a tensor, a last
 * axis of length 2 and every coordinate finite.
 *
 * @param op - the function asking, quoted in errors.
 * @param name - the argument, quoted in errors (e.g. `tx`).
 * @param notPositions - what the message says when `value` is not a tensor at all (e.g. `is not an array of positions`).
 * @throws Error such as `imagePaths: rx[1, 0] has a NaN y coordinate`.
 * @example
 * ```ts
 * checkedPositionTensor('imagePaths', 'tx', [[0, 0], [1, 1]], 'is not an array of positions').shape; // [2, 2]
 * checkedPositionTensor('imagePaths', 'tx', [0, NaN], 'is not an array of positions'); // throws "imagePaths: tx has a NaN y coordinate"
 * ```
 */
export function checkedPositionTensor(op: string, name: string, value: TensorLike, notPositions: string): Tensor {
  let t: Tensor;
  try {
    t = asTensor(value, op);
  } catch (error) {
    throw new Error(`${op}: ${name} ${notPositions}: ${(error as Error).message}`);
  }
  if (t.ndim === 0 || t.shape[t.ndim - 1] !== 2) {
    throw new Error(`${op}: ${name} must have shape [..., 2] (positions (x, y)), got ${formatShape(t.shape)}`);
  }
  const data = t.data;
  for (let e = 0; e < data.length; e++) {
    const v = data[e]!;
    // v - v is NaN for NaN and for +-Infinity
    if (v - v !== 0) {
      const what = Number.isNaN(v) ? 'a NaN' : `an infinite (${v})`;
      throw new Error(`${op}: ${positionLabel(name, t.shape, e >> 1)} has ${what} ${e % 2 === 0 ? 'x' : 'y'} coordinate`);
    }
  }
  return t;
}

/** `tx`, `tx[3]` or `tx[1, 2]`: the position of flat index `point` in a `[..., 2]` tensor. */
function positionLabel(name: string, shape: readonly number[], point: number): string {
  const leading = shape.slice(0, -1);
  if (leading.length === 0) return name;
  const index = new Array<number>(leading.length);
  let rest = point;
  for (let axis = leading.length - 1; axis >= 0; axis--) {
    index[axis] = rest % leading[axis]!;
    rest = Math.floor(rest / leading[axis]!);
  }
  return `${name}[${index.join(', ')}]`;
}

/**
 * What a value is, for error messages: `a number`, `null`, `an object of class Point`.
 *
 * @example
 * ```ts
 * describeValue(3); // 'a number'
 * describeValue(new Map()); // 'an object of class Map'
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'object') return `an object of class ${(value as object).constructor?.name ?? 'Object'}`;
  return `a ${typeof value}`;
}
