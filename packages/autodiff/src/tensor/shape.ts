/**
 * Shapes of row-major tensors: sizes, strides, broadcasting and axis checks.
 *
 * @module
 */

/** A tensor shape: the length of each axis, outermost first (row-major). */
export type Shape = readonly number[];

/**
 * Number of elements of a shape (1 for a scalar shape `[]`).
 *
 * @example
 * ```ts
 * shapeSize([2, 3]); // 6
 * ```
 */
export function shapeSize(shape: Shape): number {
  let size = 1;
  for (let i = 0; i < shape.length; i++) size *= shape[i]!;
  return size;
}

/**
 * Row-major strides of a shape, in elements.
 *
 * @example
 * ```ts
 * stridesOf([2, 3, 4]); // [12, 4, 1]
 * ```
 */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i]!;
  }
  return strides;
}

/**
 * Whether two shapes are identical.
 *
 * @example
 * ```ts
 * shapesEqual([2, 3], [2, 3]); // true
 * ```
 */
export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A shape as text, for error messages: `[2, 3]`.
 *
 * @example
 * ```ts
 * formatShape([2, 3]); // "[2, 3]"
 * ```
 */
export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/**
 * The numpy broadcast of several shapes: axes are aligned on the right and an
 * axis of length 1 stretches to match the other.
 *
 * @param op - name of the operation, quoted in the error message.
 * @throws Error naming the op and the shapes when they do not broadcast.
 * @example
 * ```ts
 * broadcastShapes('add', [3, 1], [4]); // [3, 4]
 * ```
 */
export function broadcastShapes(op: string, ...shapes: Shape[]): number[] {
  let ndim = 0;
  for (const shape of shapes) ndim = Math.max(ndim, shape.length);
  const result = new Array<number>(ndim).fill(1);
  for (const shape of shapes) {
    const offset = ndim - shape.length;
    for (let i = 0; i < shape.length; i++) {
      const length = shape[i]!;
      const current = result[offset + i]!;
      if (length === current || length === 1) continue;
      if (current === 1) {
        result[offset + i] = length;
        continue;
      }
      throw new Error(
        `${op}: cannot broadcast shapes ${shapes.map(formatShape).join(' and ')} (axis ${i - shape.length}: ${current} vs ${length})`,
      );
    }
  }
  return result;
}

/**
 * Resolve a possibly negative axis against a number of dimensions.
 *
 * @throws Error naming the op when the axis is out of range.
 * @example
 * ```ts
 * normalizeAxis('sum', -1, 3); // 2
 * ```
 */
export function normalizeAxis(op: string, axis: number, ndim: number): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new Error(`${op}: axis ${axis} is out of range for a tensor with ${ndim} dimension(s)`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/**
 * Check that a shape is a list of non-negative integers.
 *
 * @throws Error naming the op and the offending length.
 * @example
 * ```ts
 * checkShape('zeros', [2, 3]); // ok
 * ```
 */
export function checkShape(op: string, shape: Shape): void {
  for (let i = 0; i < shape.length; i++) {
    const length = shape[i]!;
    if (!Number.isInteger(length) || length < 0) {
      throw new Error(`${op}: invalid shape ${formatShape(shape)}: axis ${i} has length ${length}`);
    }
  }
}
