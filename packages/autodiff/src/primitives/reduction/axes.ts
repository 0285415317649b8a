/**
 * Shared by the reductions: which axes to reduce, and how a single-axis
 * reduction walks memory.
 *
 * @module
 */
import { normalizeAxis, type Shape } from '../../tensor/shape.js';

/** The axes argument of a reduction: one axis, several, or all (undefined). */
export type Axes = number | readonly number[] | undefined;

/** Options of a reduction. */
export interface ReduceOptions {
  /** Axis or axes to reduce; all axes when omitted. Negative axes count from the end. */
  axis?: number | readonly number[];
  /** Keep the reduced axes with length 1 (default false). */
  keepdims?: boolean;
}

/**
 * Split a second argument that may be the axes or an options object.
 *
 * @internal
 * @example
 * ```ts
 * reduceOptions(1, true); // { axis: 1, keepdims: true }
 * reduceOptions({ axis: [0, 1] }); // { axis: [0, 1] }
 * ```
 */
export function reduceOptions(axisOrOptions: Axes | ReduceOptions, keepdims?: boolean): ReduceOptions {
  if (axisOrOptions === undefined || typeof axisOrOptions === 'number' || Array.isArray(axisOrOptions)) {
    return { axis: axisOrOptions as number | readonly number[] | undefined, keepdims: keepdims ?? false };
  }
  return axisOrOptions as ReduceOptions;
}

/**
 * The axes to reduce, normalised, unique and sorted in decreasing order (so
 * reducing them one at a time keeps the remaining indices valid).
 *
 * @internal
 * @example
 * ```ts
 * resolveAxes('sum', [2, 3, 4], [0, -1]); // [2, 0]
 * resolveAxes('sum', [2, 3], undefined); // [1, 0]
 * ```
 */
export function resolveAxes(op: string, shape: Shape, axis: Axes): number[] {
  if (axis === undefined) {
    // Every axis: unique and in range by construction.
    const all: number[] = [];
    for (let a = shape.length - 1; a >= 0; a--) all.push(a);
    return all;
  }
  const list = typeof axis === 'number' ? [axis] : [...axis];
  const resolved = list.map((a) => normalizeAxis(op, a, shape.length));
  if (new Set(resolved).size !== resolved.length) throw new Error(`${op}: repeated axis in ${JSON.stringify(list)}`);
  return resolved.sort((a, b) => b - a);
}

/** How a reduction over one axis walks a row-major array: `x[(o * length + j) * inner + k]`. */
export interface AxisWalk {
  /** Product of the lengths before the axis. */
  readonly outer: number;
  /** Length of the reduced axis. */
  readonly length: number;
  /** Product of the lengths after the axis. */
  readonly inner: number;
  /** The shape without the axis. */
  readonly reducedShape: number[];
}

/**
 * The walk of a reduction over `axis` of `shape`.
 *
 * @internal
 * @example
 * ```ts
 * axisWalk([2, 3, 4], 1); // { outer: 2, length: 3, inner: 4, reducedShape: [2, 4] }
 * ```
 */
export function axisWalk(shape: Shape, axis: number): AxisWalk {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i]!;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i]!;
  const reducedShape = shape.filter((_, i) => i !== axis);
  return { outer, length: shape[axis]!, inner, reducedShape };
}

/**
 * The output shape with reduced axes kept as length 1.
 *
 * @internal
 * @example
 * ```ts
 * keptShape([2, 3, 4], [0, 2]); // [1, 3, 1]
 * ```
 */
export function keptShape(shape: Shape, axes: readonly number[]): number[] {
  return shape.map((n, i) => (axes.includes(i) ? 1 : n));
}
