/**
 * Options shared by the validity criteria, and the checks of their operands
 * (path points, candidates) done once at each function's boundary.
 *
 * @module
 */
import { asTensor, formatShape, type Tensor, type TensorLike } from '@differt2d/autodiff';
import { resolveApprox, type ApproxOptions, type ResolvedApprox } from '@differt2d/geometry';

/**
 * Default tolerance on a path's loss: valid when `loss < 1e-2` (DiffeRT2d's).
 *
 * @example
 * ```ts
 * pathLossBelowTolerance(0.5 * DEFAULT_LOSS_TOLERANCE).item(); // 1
 * ```
 */
export const DEFAULT_LOSS_TOLERANCE = 1e-2;

/**
 * Default tolerance on both parametric coordinates of a blocking crossing
 * (DiffeRT2d's 0.005): a segment passing within 0.005 wall lengths of a
 * wall's end is blocked by it.
 *
 * @example
 * ```ts
 * pathValidity(paths, objects, candidate, { intersectTolerance: DEFAULT_INTERSECT_TOLERANCE });
 * ```
 */
export const DEFAULT_INTERSECT_TOLERANCE = 0.005;

/**
 * Options of {@link pathValidity}: the smoothing (`approx`, `alpha`,
 * `activation`, over the global defaults of `@differt2d/geometry`) and the
 * reference's tolerances.
 *
 * @example
 * ```ts
 * const options: ValidityOptions = { approx: true, alpha: 100, lossTolerance: 1e-2, intersectTolerance: 0.005 };
 * pathValidity(paths, objects, [0], options);
 * ```
 */
export interface ValidityOptions extends ApproxOptions {
  /** A path is valid when its loss is below this (default 1e-2). */
  lossTolerance?: number;
  /**
   * How far outside [0, 1] each parametric coordinate of a crossing (along
   * the segment, along the object) may be and still block, as a fraction of
   * the length (default 0.005): a ray grazing a wall's end is blocked.
   */
  intersectTolerance?: number;
  /**
   * Test blocking through a spatial index over the walls (default `true`):
   * a uniform grid (`SegmentGrid` of `@differt2d/geometry`), built once per
   * scene when it has at least `SPATIAL_INDEX_MIN_WALLS` (16) walls; only the
   * walls near a segment are tested, with the same arithmetic, so the answer
   * is the same as testing every wall. `false` tests every wall, for
   * comparison. Exact validity only: smoothed validity weighs every wall.
   */
  spatialIndex?: boolean;
}

/**
 * Validity options with every field set.
 *
 * @example
 * ```ts
 * const resolved: ResolvedValidityOptions = resolveValidityOptions({}, 'pathValidity');
 * resolved.approx.approx; // false (the global default)
 * ```
 */
export interface ResolvedValidityOptions {
  /** The smoothing in force. */
  readonly approx: ResolvedApprox;
  /** Loss tolerance. */
  readonly lossTolerance: number;
  /** Crossing tolerance. */
  readonly intersectTolerance: number;
}

/**
 * The options in force for a call: its options over the defaults.
 *
 * @param op - the function asking, quoted in errors.
 * @throws Error naming the option when a tolerance is not a finite number
 *   (the loss tolerance must also be positive), or the smoothing is invalid.
 * @example
 * ```ts
 * resolveValidityOptions({ approx: true }, 'pathValidity').lossTolerance; // 0.01
 * ```
 */
export function resolveValidityOptions(options: ValidityOptions, op: string): ResolvedValidityOptions {
  const lossTolerance = options.lossTolerance ?? DEFAULT_LOSS_TOLERANCE;
  const intersectTolerance = options.intersectTolerance ?? DEFAULT_INTERSECT_TOLERANCE;
  if (!(typeof lossTolerance === 'number' && Number.isFinite(lossTolerance) && lossTolerance > 0)) {
    throw new Error(`${op}: lossTolerance must be a finite positive number, got ${String(lossTolerance)}`);
  }
  if (!(typeof intersectTolerance === 'number' && Number.isFinite(intersectTolerance))) {
    throw new Error(`${op}: intersectTolerance must be a finite number, got ${String(intersectTolerance)}`);
  }
  return { approx: resolveApprox(options, op), lossTolerance, intersectTolerance };
}

/**
 * The layout of a batch of paths: `[..., K + 2, 2]` points.
 *
 * @example
 * ```ts
 * const layout: PathsLayout = pathsLayout('pathValidity', zeros([4, 5, 3, 2]));
 * layout.count; // 20
 * ```
 */
export interface PathsLayout {
  /** The points, as a tensor. */
  readonly points: Tensor;
  /** The batch axes `...`. */
  readonly batch: readonly number[];
  /** Number of paths (product of the batch axes). */
  readonly count: number;
  /** Number of interactions K. */
  readonly interactions: number;
}

/**
 * Check path points `[..., K + 2, 2]` and read their layout.
 *
 * @throws Error naming the function and the shape when it does not fit.
 * @example
 * ```ts
 * pathsLayout('pathValidity', [[[0, 0], [1, 0], [1, 1]]]).interactions; // 1
 * ```
 */
export function pathsLayout(op: string, points: TensorLike): PathsLayout {
  const p = asTensor(points, op);
  if (p.ndim < 2 || p.shape[p.ndim - 1] !== 2 || p.shape[p.ndim - 2]! < 2) {
    throw new Error(`${op}: path points must have shape [..., K + 2, 2] (TX, K interaction points, RX), got ${formatShape(p.shape)}`);
  }
  const batch = p.shape.slice(0, -2);
  let count = 1;
  for (const length of batch) count *= length;
  return { points: p, batch, count, interactions: p.shape[p.ndim - 2]! - 2 };
}

/**
 * Check a path candidate against the objects and the paths: an array of K
 * integer object indices, in range.
 *
 * @param interactions - K, the number of interaction points of the paths.
 * @throws Error such as `pathValidity: candidate[1] = 9 is out of range for 7 objects`.
 * @example
 * ```ts
 * checkCandidate('pathValidity', [0, 2], 7, 2); // ok
 * ```
 */
export function checkCandidate(op: string, candidate: readonly number[], objectCount: number, interactions: number): void {
  if (!Array.isArray(candidate)) throw new Error(`${op}: the candidate must be an array of object indices, got ${String(candidate)}`);
  if (candidate.length !== interactions) {
    throw new Error(`${op}: the candidate [${candidate.join(', ')}] has ${candidate.length} objects but the paths have ${interactions} interaction points`);
  }
  for (let k = 0; k < candidate.length; k++) {
    const index = candidate[k]!;
    if (!Number.isInteger(index) || index < 0 || index >= objectCount) {
      throw new Error(`${op}: candidate[${k}] = ${index} is out of range for ${objectCount} objects`);
    }
  }
}
