import { norm, slice, sub, sum, asTensor, type Tensor, type TensorLike } from '@differt2d/autodiff';

/**
 * Total length of paths: the sum of the lengths of their segments.
 *
 * Unlike DiffeRT2d, no epsilon is added to the segments: `norm` already has
 * a finite (zero) gradient for a zero-length segment.
 *
 * @param points - `[..., K + 2, 2]`: TX, the K interaction points, RX (metres).
 * @returns `[...]` (metres).
 * @example
 * ```ts
 * pathLength([[0, 0], [3, 4], [3, 0]]).item(); // 9
 * ```
 */
export function pathLength(points: TensorLike): Tensor {
  const p = asTensor(points, 'pathLength');
  if (p.ndim < 2 || p.shape[p.ndim - 1] !== 2 || p.shape[p.ndim - 2]! < 2) {
    throw new Error(`pathLength: points must have shape [..., n >= 2, 2], got [${p.shape.join(', ')}]`);
  }
  const leading = p.shape.slice(0, -2).map(() => null);
  const starts = slice(p, [...leading, [0, -1]]);
  const ends = slice(p, [...leading, [1, null]]);
  return sum(norm(sub(ends, starts)), -1);
}
