/**
 * The operands shared by the segment-versus-walls kernels (hard and smooth):
 * segments as `[N, 2]` starts and ends, walls `[W, 2, 2]`, and their options.
 *
 * @module
 */
import type { Tensor, TensorLike } from '@differt2d/autodiff';
import { exclusionOperand, finiteOption, pointsOperand, samePointCount, wallsOperand } from './operands.js';
import { DEFAULT_INTERSECTION_TOLERANCE } from './segmentWallTable.js';

/** Options of the segment-versus-walls tests. */
export interface SegmentWallOptions {
  /**
   * Two wall indices per segment to skip (`[2 i]`, `[2 i + 1]` for segment
   * i; -1 = none): the objects at the segment's two ends. Length 2N.
   */
  exclude?: Int32Array;
  /**
   * Both parametric coordinates of a crossing (along the segment and along
   * the wall) are accepted in `[-tolerance, 1 + tolerance]`, bounds included.
   * Default 0.005 (DiffeRT2d's).
   */
  tolerance?: number;
  /**
   * Grow each wall by `patch * t` at both ends before testing (negative
   * shrinks, e.g. so that a path ending on a wall is not blocked by its
   * neighbour). Must be above -0.5 (as `Wall.intersects`). Default 0.
   */
  patch?: number;
}

/** The resolved options of a segment-versus-walls test. */
export interface BlockingParams {
  /** Two wall indices per segment to skip, or null. */
  readonly exclude: Int32Array | null;
  /** Tolerance on both parametric coordinates. */
  readonly tolerance: number;
  /** Growth ratio of the walls at both ends. */
  readonly patch: number;
}

/** Checked operands of a segment-versus-walls test. */
export interface CheckedSegments {
  /** Shape [N, 2]. */
  readonly starts: Tensor;
  /** Shape [N, 2]. */
  readonly ends: Tensor;
  /** Shape [W, 2, 2]. */
  readonly walls: Tensor;
  /** The resolved options. */
  readonly params: BlockingParams;
}

/**
 * Check the segments, walls and options of a segment-versus-walls test.
 *
 * @throws Error naming the function `op` and the shapes when they do not
 *   fit, or the option when `tolerance` is not finite or `patch` not above -0.5.
 * @example
 * ```ts
 * checkSegments('segmentsBlocked', [[0, 0]], [[1, 1]], [[[0, 1], [1, 0]]], {}).params.tolerance; // 0.005
 * ```
 */
export function checkSegments(op: string, starts: TensorLike, ends: TensorLike, walls: TensorLike, options: SegmentWallOptions): CheckedSegments {
  const s = pointsOperand(op, 'starts', starts);
  const e = pointsOperand(op, 'ends', ends);
  const count = samePointCount(op, { starts: s, ends: e });
  const w = wallsOperand(op, walls);
  const patch = finiteOption(op, 'patch', options.patch, 0);
  if (!(patch > -0.5)) throw new Error(`${op}: patch must be a finite number above -0.5, got ${patch}`);
  const params: BlockingParams = {
    exclude: exclusionOperand(op, options.exclude, count),
    tolerance: finiteOption(op, 'tolerance', options.tolerance, DEFAULT_INTERSECTION_TOLERANCE),
    patch,
  };
  return { starts: s, ends: e, walls: w, params };
}

