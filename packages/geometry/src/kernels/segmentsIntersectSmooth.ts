/**
 * Smoothed segment-versus-walls intersection: "does any wall cross the
 * segment" as a number in [0, 1] with gradients, one fused primitive for all
 * segments and walls.
 *
 * @module
 */
import { definePrimitive, Tensor, type TensorLike } from '@differt2d/autodiff';
import { resolveApprox } from '../logic/settings.js';
import { checkSegments, type BlockingParams, type SegmentWallOptions } from './segmentOperands.js';
import { SEGMENT_WALL_SIZE, segmentWallTable } from './segmentWallTable.js';

/** The activations the fused kernel implements. */
export type KernelActivation = 'hardSigmoid' | 'sigmoid';

/** Options of {@link segmentsIntersectSmooth}. */
export interface SmoothSegmentWallOptions extends SegmentWallOptions {
  /** Slope of the activation: `x >= y` becomes `activation(alpha (x - y))`. Default: the current approx default (100). */
  alpha?: number;
  /** `hardSigmoid` (`relu6(x + 3) / 6`) or `sigmoid`. Default: the current approx default (`hardSigmoid`). */
  activation?: KernelActivation;
}

interface SmoothParams extends BlockingParams {
  readonly alpha: number;
  readonly hard: boolean;
}

// The four inequalities of a crossing, in this order (ties go to the first):
//   0: u >= -tol    margin u + tol          (u: along the segment)
//   1: u <= 1 + tol margin 1 + tol - u
//   2: s >= -tol    margin s + tol          (s: along the wall)
//   3: s <= 1 + tol margin 1 + tol - s
// The activation is increasing, so the min of the four activations is the
// activation of the smallest margin. The forward pass records, per segment,
// `4 w + k` (wall w giving the max, inequality k giving its min) or -1 in a
// second output, the witness, which the backward pass reads.

const smoothPrimitive = definePrimitive<SmoothParams>({
  name: 'geometry.segmentsIntersectSmooth',
  forward([starts, ends, walls], params) {
    const count = starts!.shape[0]!;
    const wallCount = walls!.shape[0]!;
    const p = starts!.data;
    const q = ends!.data;
    const table = segmentWallTable(walls!.data, wallCount, params.patch);
    const exclude = params.exclude;
    const tol = params.tolerance;
    const alpha = params.alpha;
    const hard = params.hard;
    // Hard sigmoid: a wall whose crossing has a coordinate outside
    // [-reach, 1 + reach] has a margin <= -3 / alpha, hence a value of exactly 0.
    const reach = tol + 3 / alpha;
    const values = new Float64Array(count);
    const witness = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const px = p[2 * i]!;
      const py = p[2 * i + 1]!;
      const rx = q[2 * i]! - px;
      const ry = q[2 * i + 1]! - py;
      const skip0 = exclude === null ? -1 : exclude[2 * i]!;
      const skip1 = exclude === null ? -1 : exclude[2 * i + 1]!;
      let best = 0;
      let bestCode = -1;
      for (let w = 0; w < wallCount; w++) {
        if (w === skip0 || w === skip1) continue;
        const k = SEGMENT_WALL_SIZE * w;
        const tx = table[k + 2]!;
        const ty = table[k + 3]!;
        const d = rx * ty - ry * tx;
        const wx = table[k]! - px;
        const wy = table[k + 1]! - py;
        const alongSegment = wx * ty - wy * tx;
        const alongWall = wx * ry - wy * rx;
        if (hard) {
          // Division-free, branch-free rejection of the walls whose value is
          // exactly 0: a coordinate outside (-reach, 1 + reach), or d = 0.
          const low = -reach * d;
          const high = (1 + reach) * d;
          const forward = +(d > 0) & +(alongSegment > low) & +(alongSegment < high) & +(alongWall > low) & +(alongWall < high);
          const backward = +(d < 0) & +(alongSegment < low) & +(alongSegment > high) & +(alongWall < low) & +(alongWall > high);
          if ((forward | backward) === 0) continue;
        } else if (d === 0) continue;
        const u = alongSegment / d;
        const s = alongWall / d;
        let margin = u + tol;
        let which = 0;
        const m1 = 1 + tol - u;
        if (m1 < margin) {
          margin = m1;
          which = 1;
        }
        const m2 = s + tol;
        if (m2 < margin) {
          margin = m2;
          which = 2;
        }
        const m3 = 1 + tol - s;
        if (m3 < margin) {
          margin = m3;
          which = 3;
        }
        const z = alpha * margin;
        const value = hard ? (z <= -3 ? 0 : z >= 3 ? 1 : (z + 3) / 6) : 1 / (1 + Math.exp(-z));
        if (value > best) {
          best = value;
          bestCode = 4 * w + which;
          if (value === 1) break; // nothing can beat 1: early exit
        }
      }
      values[i] = best;
      witness[i] = bestCode;
    }
    return [new Tensor(values, [count]), new Tensor(witness, [count])];
  },
  // Only the witness wall w and inequality k of each segment carry gradient:
  // value = act(alpha m), m = +-u or +-s plus a constant, with
  //   u = cross(w, t) / d, s = cross(w, r) / d, d = cross(r, t),
  //   w = origin' - p, r = q - p, t = dest' - origin' (patched wall),
  // and cross(a, b) = a.x b.y - a.y b.x, so d cross(a, b) = (b.y, -b.x) . da + (-a.y, a.x) . db.
  backward([g], [starts, ends, walls], [values, witness], params, needed) {
    if (g === null) return [null, null, null]; // only the witness was used: it has no gradient
    const count = starts!.shape[0]!;
    const wallCount = walls!.shape[0]!;
    const p = starts!.data;
    const q = ends!.data;
    const value = values!.data;
    const code = witness!.data;
    const table = segmentWallTable(walls!.data, wallCount, params.patch);
    const alpha = params.alpha;
    const hard = params.hard;
    const patch = params.patch;
    const gStarts = needed[0] ? new Float64Array(2 * count) : null;
    const gEnds = needed[1] ? new Float64Array(2 * count) : null;
    const gWalls = needed[2] ? new Float64Array(4 * wallCount) : null;
    for (let i = 0; i < count; i++) {
      // The activation's slope, from its value: 1/6 inside the hard sigmoid's
      // ramp (0 < v < 1), v (1 - v) for the sigmoid. Saturated segments (0 or
      // 1, most of them) are skipped before any geometry is recomputed.
      const v = value[i]!;
      const slope = hard ? (v > 0 && v < 1 ? 1 / 6 : 0) : v * (1 - v);
      const gi = g[i]!;
      const c = code[i]!;
      if (slope === 0 || gi === 0 || c < 0) continue;
      const w = c >> 2;
      const which = c & 3;
      const k = SEGMENT_WALL_SIZE * w;
      const px = p[2 * i]!;
      const py = p[2 * i + 1]!;
      const rx = q[2 * i]! - px;
      const ry = q[2 * i + 1]! - py;
      const tx = table[k + 2]!;
      const ty = table[k + 3]!;
      const wx = table[k]! - px;
      const wy = table[k + 1]! - py;
      const d = rx * ty - ry * tx;
      const onSegment = which < 2;
      const ratio = (onSegment ? wx * ty - wy * tx : wx * ry - wy * rx) / d;
      const gMargin = gi * alpha * slope;
      const gRatio = which === 0 || which === 2 ? gMargin : -gMargin;
      const gNumerator = gRatio / d;
      const gDenominator = -gRatio * ratio / d;
      // d = cross(r, t)
      let grx = gDenominator * ty;
      let gry = -gDenominator * tx;
      let gtx = -gDenominator * ry;
      let gty = gDenominator * rx;
      let gwx: number;
      let gwy: number;
      if (onSegment) {
        // numerator cross(w, t)
        gwx = gNumerator * ty;
        gwy = -gNumerator * tx;
        gtx -= gNumerator * wy;
        gty += gNumerator * wx;
      } else {
        // numerator cross(w, r)
        gwx = gNumerator * ry;
        gwy = -gNumerator * rx;
        grx -= gNumerator * wy;
        gry += gNumerator * wx;
      }
      // w = origin' - p, r = q - p
      if (gStarts !== null) {
        gStarts[2 * i] = -gwx - grx;
        gStarts[2 * i + 1] = -gwy - gry;
      }
      if (gEnds !== null) {
        gEnds[2 * i] = grx;
        gEnds[2 * i + 1] = gry;
      }
      if (gWalls !== null) {
        // t = dest' - origin'; origin' = (1 + patch) origin - patch dest, dest' = (1 + patch) dest - patch origin.
        const gox = gwx - gtx;
        const goy = gwy - gty;
        const k4 = 4 * w;
        gWalls[k4] = gWalls[k4]! + (1 + patch) * gox - patch * gtx;
        gWalls[k4 + 1] = gWalls[k4 + 1]! + (1 + patch) * goy - patch * gty;
        gWalls[k4 + 2] = gWalls[k4 + 2]! + (1 + patch) * gtx - patch * gox;
        gWalls[k4 + 3] = gWalls[k4 + 3]! + (1 + patch) * gty - patch * goy;
      }
    }
    return [gStarts, gEnds, gWalls];
  },
});

/**
 * Smoothed "the segment intersects some wall", a number in [0, 1] with
 * gradients: the max over walls of the min of the activations of the four
 * inequalities of a crossing (`-tol <= u <= 1 + tol` along the segment,
 * `-tol <= s <= 1 + tol` along the wall), where `x >= y` becomes
 * `activation(alpha (x - y))` (DiffeRT2d's `approx` logic: `and` is min,
 * `any` is max). Parallel segments (including zero-length segments and walls)
 * give 0 for that wall, with a zero gradient; excluded walls are skipped.
 *
 * Fused: one loop over segments and walls, one tape record. The gradient (with
 * respect to starts, ends and walls) flows through the wall giving the max
 * and the inequality giving its min (the first one on ties, where a naive
 * composition of `minimum` / `max` would split it). With the hard sigmoid,
 * walls far from a segment (value exactly 0) cost a few multiplies and no
 * division, the scan of a segment stops at a wall giving exactly 1, and the
 * backward pass skips saturated segments. Gradients are finite for parallel,
 * collinear, zero-length and touching segments; their size grows like
 * `1 / cross(r, t)^2` for nearly parallel pairs.
 *
 * @param starts - shape `[N, 2]`: first end of each segment.
 * @param ends - shape `[N, 2]`: second end of each segment.
 * @param walls - shape `[W, 2, 2]`: origin and dest of each wall.
 * @param options - `exclude`, `tolerance`, `patch` as {@link segmentsBlocked};
 *   `alpha` and `activation` (defaults: the current approx settings, see
 *   `withApprox`).
 * @returns shape `[N]`: the smoothed intersection of each segment, in [0, 1].
 * @throws Error naming the function and the shapes when they do not fit, an
 *   invalid option, or an activation that is not one of the built-in ones.
 * @example
 * ```ts
 * const walls = [[[0.5, 0], [0.5, 1]]];
 * segmentsIntersectSmooth([[0, 0.5], [0, 0.5]], [[1, 0.5], [0.499, 0.5]], walls, { alpha: 100 }).toArray();
 * // [1, 0.5499...]: the second one stops 0.001 short of the wall (u = 1.002 <= 1.005, margin 0.003)
 * ```
 */
export function segmentsIntersectSmooth(
  starts: TensorLike,
  ends: TensorLike,
  walls: TensorLike,
  options: SmoothSegmentWallOptions = {},
): Tensor {
  const op = 'segmentsIntersectSmooth';
  const checked = checkSegments(op, starts, ends, walls, options);
  const approx = resolveApprox(
    { approx: true, ...(options.alpha === undefined ? {} : { alpha: options.alpha }), ...(options.activation === undefined ? {} : { activation: options.activation }) },
    op,
  );
  if (approx.activation !== 'hardSigmoid' && approx.activation !== 'sigmoid') {
    throw new Error(`${op}: the fused kernel implements the 'hardSigmoid' and 'sigmoid' activations only, got a user function`);
  }
  const params: SmoothParams = { ...checked.params, alpha: approx.alpha, hard: approx.activation === 'hardSigmoid' };
  const outputs = smoothPrimitive.apply([checked.starts, checked.ends, checked.walls], params) as Tensor[];
  return outputs[0]!;
}
