/**
 * Making tensors: from nested arrays, constants, ranges.
 *
 * @module
 */
import { checkShape, formatShape, shapeSize, type Shape } from './shape.js';
import { Tensor, type NestedNumbers } from './tensor.js';

/**
 * Anything accepted where a tensor is expected: a `Tensor`, a number, a
 * Float64Array (1-D), or numbers nested in arrays.
 */
export type TensorLike = Tensor | number | Float64Array | NestedNumbers;

/**
 * Convert a tensor-like value to a `Tensor` (no copy for a `Tensor`).
 *
 * @param op - the operation asking, quoted in error messages.
 * @throws Error naming the op and the place of a ragged or non-numeric entry.
 * @example
 * ```ts
 * asTensor([[1, 2], [3, 4]]).shape; // [2, 2]
 * ```
 */
export function asTensor(value: TensorLike, op = 'tensor'): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value === 'number') return scalar(value);
  if (value instanceof Float64Array) return new Tensor(value, [value.length]);
  if (Array.isArray(value)) return fromNested(value, op);
  throw new Error(`${op}: expected a number, an array of numbers or a Tensor, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  return typeof value;
}

function fromNested(value: readonly NestedNumbers[], op: string): Tensor {
  const shape: number[] = [];
  let level: unknown = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  const data = new Float64Array(shapeSize(shape));
  let offset = 0;
  const fill = (node: unknown, axis: number, path: string): void => {
    if (axis === shape.length) {
      if (typeof node !== 'number') throw new Error(`${op}: value at ${path || '[]'} is ${describe(node)}, expected a number`);
      data[offset++] = node;
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[axis]) {
      const got = Array.isArray(node) ? `an array of length ${node.length}` : describe(node);
      throw new Error(`${op}: ragged nested array at ${path || '[]'}: expected an array of length ${shape[axis]}, got ${got}`);
    }
    for (let i = 0; i < node.length; i++) fill(node[i], axis + 1, `${path}[${i}]`);
  };
  fill(value, 0, '');
  return new Tensor(data, shape);
}

/**
 * A tensor from nested arrays (or a number, Float64Array, or Tensor: copied).
 *
 * @example
 * ```ts
 * tensor([[1, 2], [3, 4]]).shape; // [2, 2]
 * ```
 */
export function tensor(value: TensorLike): Tensor {
  const t = asTensor(value, 'tensor');
  return value instanceof Tensor || value instanceof Float64Array ? new Tensor(t.data.slice(), t.shape) : t;
}

/**
 * A 0-dimensional tensor holding one value.
 *
 * @example
 * ```ts
 * scalar(2.5).shape; // []
 * ```
 */
export function scalar(value: number): Tensor {
  // Cheaper than Float64Array.of(value): constants in arithmetic go through here.
  const data = new Float64Array(1);
  data[0] = value;
  return new Tensor(data, []);
}

/**
 * A tensor filled with one value.
 *
 * @example
 * ```ts
 * full([2, 2], 7).toArray(); // [[7, 7], [7, 7]]
 * ```
 */
export function full(shape: Shape, value: number): Tensor {
  checkShape('full', shape);
  const t = new Tensor(new Float64Array(shapeSize(shape)), [...shape]);
  if (value !== 0) t.data.fill(value);
  return t;
}

/**
 * A tensor of zeros.
 *
 * @example
 * ```ts
 * zeros([3]).toArray(); // [0, 0, 0]
 * ```
 */
export function zeros(shape: Shape): Tensor {
  return full(shape, 0);
}

/**
 * A tensor of ones.
 *
 * @example
 * ```ts
 * ones([2]).toArray(); // [1, 1]
 * ```
 */
export function ones(shape: Shape): Tensor {
  return full(shape, 1);
}

/**
 * Evenly spaced values in `[start, stop)` (numpy's `arange`). With one
 * argument, the range is `[0, start)`.
 *
 * @example
 * ```ts
 * arange(4).toArray(); // [0, 1, 2, 3]
 * arange(1, 2, 0.25).toArray(); // [1, 1.25, 1.5, 1.75]
 * ```
 */
export function arange(start: number, stop?: number, step = 1): Tensor {
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  if (!Number.isFinite(start) || !Number.isFinite(stop) || !Number.isFinite(step) || step === 0) {
    throw new Error(`arange: start, stop and step must be finite and step non-zero, got (${start}, ${stop}, ${step})`);
  }
  const length = Math.max(0, Math.ceil((stop - start) / step));
  const data = new Float64Array(length);
  for (let i = 0; i < length; i++) data[i] = start + i * step;
  return new Tensor(data, [length]);
}

/**
 * `num` evenly spaced values from `start` to `stop`, both included.
 *
 * @example
 * ```ts
 * linspace(0, 1, 5).toArray(); // [0, 0.25, 0.5, 0.75, 1]
 * ```
 */
export function linspace(start: number, stop: number, num: number): Tensor {
  if (!Number.isInteger(num) || num < 0) throw new Error(`linspace: num must be a non-negative integer, got ${num}`);
  if (!Number.isFinite(start) || !Number.isFinite(stop)) {
    throw new Error(`linspace: start and stop must be finite, got (${start}, ${stop})`);
  }
  const data = new Float64Array(num);
  if (num === 1) data[0] = start;
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) data[i] = start + i * step;
  if (num > 1) data[num - 1] = stop;
  return new Tensor(data, [num]);
}

/**
 * Check that a tensor has the given shape.
 *
 * @throws Error naming the op, the argument and both shapes.
 * @example
 * ```ts
 * expectShape('image', 'point', tensor([1, 2]), [2]);
 * ```
 */
export function expectShape(op: string, name: string, t: Tensor, shape: Shape): void {
  if (t.shape.length !== shape.length || t.shape.some((length, i) => length !== shape[i])) {
    throw new Error(`${op}: ${name} must have shape ${formatShape(shape)}, got ${formatShape(t.shape)}`);
  }
}
