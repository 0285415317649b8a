/**
 * Interaction losses of many triplets on reconfigurable intelligent surfaces
 * (RIS), as one fused primitive.
 *
 * @module
 */
import { asTensor, definePrimitive, formatShape, Tensor, type TensorLike } from '@differt2d/autodiff';
import { tripletOperands } from './operands.js';
import { addWallNormalCotangent, vectorLength } from './vector2.js';
import { pointFrames } from './wallFrames.js';

/** Default angle of a RIS's reflected ray to its normal (pi / 4, as DiffeRT2d). */
export const DEFAULT_RIS_ANGLE = Math.PI / 4;

interface RisParams {
  /** 0 when one wall serves every triplet, 4 when each has its wall. */
  readonly wallStride: 0 | 4;
  /** 0 when one angle serves every triplet, 1 when each has its angle. */
  readonly phiStride: 0 | 1;
}

const risPrimitive = definePrimitive<RisParams>({
  name: 'geometry.risInteractionLosses',
  // r = normalize(c - b), sin_a = cross(-r, n), cos_a = -r . n,
  // loss = (sin_a - sin phi)^2 + (cos_a - cos phi)^2. `a` is not used (incidence is ignored).
  forward([a, b, c, walls, phi], params) {
    const count = a!.shape[0]!;
    const { frames, frameStride } = pointFrames(walls!.data, params.wallStride, count);
    const bd = b!.data;
    const cd = c!.data;
    const angles = phi!.data;
    const out = new Float64Array(count);
    for (let j = 0; j < count; j++) {
      const f = j * frameStride;
      const nx = frames[f + 2]!;
      const ny = frames[f + 3]!;
      let rx = cd[2 * j]! - bd[2 * j]!;
      let ry = cd[2 * j + 1]! - bd[2 * j + 1]!;
      const lr = vectorLength(rx, ry);
      if (lr === 0) rx = ry = 0;
      else {
        rx /= lr;
        ry /= lr;
      }
      const angle = angles[j * params.phiStride]!;
      const sinError = ry * nx - rx * ny - Math.sin(angle);
      const cosError = -(rx * nx + ry * ny) - Math.cos(angle);
      out[j] = sinError * sinError + cosError * cosError;
    }
    return new Tensor(out, [count]);
  },
  // With gs = 2 g (sin_a - sin phi), gc = 2 g (cos_a - cos phi):
  //   g r   = gs (-n.y, n.x) - gc n,   g n = gs (r.y, -r.x) - gc r,
  //   g phi = -gs cos phi + gc sin phi; r then through normalize into b and c.
  backward([g], [a, b, c, walls, phi], _outputs, params, needed) {
    const count = a!.shape[0]!;
    const { frames, frameStride } = pointFrames(walls!.data, params.wallStride, count);
    const bd = b!.data;
    const cd = c!.data;
    const angles = phi!.data;
    const gb = needed[1] ? new Float64Array(2 * count) : null;
    const gc = needed[2] ? new Float64Array(2 * count) : null;
    const gWalls = needed[3] ? new Float64Array(walls!.size) : null;
    const gPhi = needed[4] ? new Float64Array(phi!.size) : null;
    for (let j = 0; j < count; j++) {
      const gj = g![j]!;
      if (gj === 0) continue;
      const f = j * frameStride;
      const nx = frames[f + 2]!;
      const ny = frames[f + 3]!;
      let rx = cd[2 * j]! - bd[2 * j]!;
      let ry = cd[2 * j + 1]! - bd[2 * j + 1]!;
      const lr = vectorLength(rx, ry);
      if (lr === 0) rx = ry = 0;
      else {
        rx /= lr;
        ry /= lr;
      }
      const angle = angles[j * params.phiStride]!;
      const sinPhi = Math.sin(angle);
      const cosPhi = Math.cos(angle);
      const gSin = 2 * gj * (ry * nx - rx * ny - sinPhi);
      const gCos = 2 * gj * (-(rx * nx + ry * ny) - cosPhi);
      if (lr !== 0 && (gb !== null || gc !== null)) {
        const grx = -gSin * ny - gCos * nx;
        const gry = gSin * nx - gCos * ny;
        const along = grx * rx + gry * ry;
        const gx = (grx - rx * along) / lr;
        const gy = (gry - ry * along) / lr;
        if (gb !== null) {
          gb[2 * j] = -gx;
          gb[2 * j + 1] = -gy;
        }
        if (gc !== null) {
          gc[2 * j] = gx;
          gc[2 * j + 1] = gy;
        }
      }
      if (gWalls !== null) {
        addWallNormalCotangent(gWalls, j * params.wallStride, nx, ny, frames[f + 4]!, gSin * ry - gCos * rx, -gSin * rx - gCos * ry);
      }
      if (gPhi !== null) {
        const at = j * params.phiStride;
        gPhi[at] = gPhi[at]! - gSin * cosPhi + gCos * sinPhi;
      }
    }
    return [null, gb, gc, gWalls, gPhi]; // a: no dependence, zero gradient
  },
});

/**
 * Interaction losses on a RIS (a metasurface that sends every ray out at the
 * angle `phi` to its normal, whatever the incidence; 0 for a perfect
 * interaction): for each triplet `(a, b, c)`, `r = normalize(c - b)`,
 * `sin_a = cross(-r, n)`, `cos_a = dot(-r, n)` (`n` the RIS's unit normal,
 * `cross(u, v) = u.x v.y - u.y v.x`),
 * `loss = (sin_a - sin phi)^2 + (cos_a - cos phi)^2`. The incident point `a`
 * is ignored (its gradient is 0). `b == c` gives `r = 0`: loss 1, zero
 * gradient through `r`.
 *
 * One tape record; differentiable with respect to `a`, `b`, `c`, the RIS's
 * coordinates and `phi`.
 *
 * @param a - shape `[N, 2]`: the previous point of each path (unused, kept for a uniform signature).
 * @param b - shape `[N, 2]`: the interaction point on the RIS.
 * @param c - shape `[N, 2]`: the next point.
 * @param wall - shape `[2, 2]` (origin, dest of the RIS) shared by all triplets, or `[N, 2, 2]`.
 * @param phi - the reflection angle in radians: a number / scalar tensor, or shape `[N]`. Default pi/4.
 * @returns shape `[N]`: the loss of each triplet (dimensionless, in [0, 4]).
 * @throws Error naming the function and the shapes when they do not fit.
 * @example
 * ```ts
 * // RIS along the y axis (normal (1, 0)): a ray leaving towards the up-left at 45 degrees is perfect
 * const ris = [[0.5, 0.3], [0.5, 0.7]];
 * risInteractionLosses([[0, 0]], [[0.5, 0.5]], [[0, 1]], ris).toArray(); // [~0] (1e-32)
 * ```
 */
export function risInteractionLosses(
  a: TensorLike,
  b: TensorLike,
  c: TensorLike,
  wall: TensorLike,
  phi: TensorLike = DEFAULT_RIS_ANGLE,
): Tensor {
  const op = 'risInteractionLosses';
  const t = tripletOperands(op, a, b, c, wall);
  const angles = asTensor(phi, op);
  let phiStride: 0 | 1;
  if (angles.size === 1 && angles.ndim <= 1) phiStride = 0;
  else if (angles.ndim === 1 && angles.shape[0] === t.count) phiStride = 1;
  else throw new Error(`${op}: phi must be a number, a scalar or of shape [N] with N = ${t.count}, got ${formatShape(angles.shape)}`);
  return risPrimitive.apply([t.a, t.b, t.c, t.wall.tensor, angles], { wallStride: t.wall.stride, phiStride }) as Tensor;
}
