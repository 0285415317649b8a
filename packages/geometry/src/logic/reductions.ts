/**
 * "All" and "any" over axes: exact on 0/1 masks, or `min` / `max` of smoothed
 * booleans under approximation.
 *
 * @module
 */
import { asTensor, full, max, min, normalizeAxis, notEqual, type Tensor, type TensorLike } from '@differt2d/autodiff';
import { resolveApprox, type ApproxOptions } from './settings.js';

/**
 * Options of `logicalAll` and `logicalAny`: the axes to reduce, and the smoothing.
 *
 * @example
 * ```ts
 * const options: LogicalReduceOptions = { axis: -1, keepdims: true, approx: true };
 * logicalAll([[0.9, 0.7]], options).toArray(); // [[0.7]]
 * ```
 */
export interface LogicalReduceOptions extends ApproxOptions {
  /** Axis or axes to reduce (negative counts from the end); all axes when omitted. */
  axis?: number | readonly number[];
  /** Keep the reduced axes with length 1 (default false). */
  keepdims?: boolean;
}

/**
 * The reduction of a tensor with no values: every output element (if any)
 * reduces an empty set, whose result is the identity (1 for "all", 0 for
 * "any"); `min` / `max` have no identity and would throw.
 */
function emptyReduction(op: string, x: Tensor, options: LogicalReduceOptions, identity: number): Tensor {
  const axes =
    options.axis === undefined
      ? x.shape.map((_, i) => i)
      : (typeof options.axis === 'number' ? [options.axis] : options.axis).map((axis) => normalizeAxis(op, axis, x.ndim));
  const shape = x.shape.flatMap((length, i) => (axes.includes(i) ? (options.keepdims ? [1] : []) : [length]));
  return full(shape, identity);
}

/**
 * Whether all values are true along some axes (all by default): exact (any
 * non-zero value is true; 0/1, no gradient), or `min` under approximation.
 * An empty set is all true.
 *
 * @example
 * ```ts
 * logicalAll([[1, 1], [1, 0]], { axis: 1 }).toArray(); // [1, 0]
 * logicalAll([0.9, 0.7], { approx: true }).item(); // 0.7
 * ```
 */
export function logicalAll(x: TensorLike, options: LogicalReduceOptions = {}): Tensor {
  const t = asTensor(x, 'logicalAll');
  if (t.size === 0) return emptyReduction('logicalAll', t, options, 1);
  const reduce = { axis: options.axis, keepdims: options.keepdims ?? false };
  return resolveApprox(options, 'logicalAll').approx ? min(t, reduce) : min(notEqual(t, 0), reduce);
}

/**
 * Whether any value is true along some axes (all by default): exact (any
 * non-zero value is true; 0/1, no gradient), or `max` under approximation.
 * An empty set has none true.
 *
 * @example
 * ```ts
 * logicalAny([[0, 0], [1, 0]], { axis: 1 }).toArray(); // [0, 1]
 * logicalAny([0.1, 0.3], { approx: true }).item(); // 0.3
 * ```
 */
export function logicalAny(x: TensorLike, options: LogicalReduceOptions = {}): Tensor {
  const t = asTensor(x, 'logicalAny');
  if (t.size === 0) return emptyReduction('logicalAny', t, options, 0);
  const reduce = { axis: options.axis, keepdims: options.keepdims ?? false };
  return resolveApprox(options, 'logicalAny').approx ? max(t, reduce) : max(notEqual(t, 0), reduce);
}
