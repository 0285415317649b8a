/**
 * Specular-reflection interaction losses of many triplets on walls, as one
 * fused primitive.
 *
 * @module
 */
import { definePrimitive, Tensor, type TensorLike } from '@differt2d/autodiff';
import { tripletOperands } from './operands.js';
import { addWallNormalCotangent, vectorLength } from './vector2.js';
import { pointFrames } from './wallFrames.js';

/** Parameters of the primitive: 0 when one wall serves every triplet, 4 when each has its wall. */
type WallStride = 0 | 4;

const lossesPrimitive = definePrimitive<WallStride>({
  name: 'geometry.interactionLosses',
  // i = normalize(b - a), r = normalize(c - b), e = r - i + 2 (i . n) n, loss = e . e.
  forward([a, b, c, walls], wallStride) {
    const count = a!.shape[0]!;
    const { frames, frameStride } = pointFrames(walls!.data, wallStride, count);
    const ad = a!.data;
    const bd = b!.data;
    const cd = c!.data;
    const out = new Float64Array(count);
    for (let j = 0; j < count; j++) {
      const f = j * frameStride;
      const nx = frames[f + 2]!;
      const ny = frames[f + 3]!;
      const bx = bd[2 * j]!;
      const by = bd[2 * j + 1]!;
      let ix = bx - ad[2 * j]!;
      let iy = by - ad[2 * j + 1]!;
      const li = vectorLength(ix, iy);
      if (li === 0) ix = iy = 0;
      else {
        ix /= li;
        iy /= li;
      }
      let rx = cd[2 * j]! - bx;
      let ry = cd[2 * j + 1]! - by;
      const lr = vectorLength(rx, ry);
      if (lr === 0) rx = ry = 0;
      else {
        rx /= lr;
        ry /= lr;
      }
      const twiceAlong = 2 * (ix * nx + iy * ny);
      const ex = rx - ix + twiceAlong * nx;
      const ey = ry - iy + twiceAlong * ny;
      out[j] = ex * ex + ey * ey;
    }
    return new Tensor(out, [count]);
  },
  // With ge = 2 g e:  g r = ge,  g i = -ge + 2 (ge . n) n,  g n = 2 ((i . n) ge + (ge . n) i);
  // each unit vector y = x / |x| then gives g x = (g y - y (y . g y)) / |x| (0 at x = 0).
  backward([g], [a, b, c, walls], _outputs, wallStride, needed) {
    const count = a!.shape[0]!;
    const { frames, frameStride } = pointFrames(walls!.data, wallStride, count);
    const ad = a!.data;
    const bd = b!.data;
    const cd = c!.data;
    const ga = needed[0] ? new Float64Array(2 * count) : null;
    const gb = needed[1] ? new Float64Array(2 * count) : null;
    const gc = needed[2] ? new Float64Array(2 * count) : null;
    const gWalls = needed[3] ? new Float64Array(walls!.size) : null;
    for (let j = 0; j < count; j++) {
      const gj = g![j]!;
      if (gj === 0) continue;
      const f = j * frameStride;
      const nx = frames[f + 2]!;
      const ny = frames[f + 3]!;
      const bx = bd[2 * j]!;
      const by = bd[2 * j + 1]!;
      let ix = bx - ad[2 * j]!;
      let iy = by - ad[2 * j + 1]!;
      const li = vectorLength(ix, iy);
      if (li === 0) ix = iy = 0;
      else {
        ix /= li;
        iy /= li;
      }
      let rx = cd[2 * j]! - bx;
      let ry = cd[2 * j + 1]! - by;
      const lr = vectorLength(rx, ry);
      if (lr === 0) rx = ry = 0;
      else {
        rx /= lr;
        ry /= lr;
      }
      const iDotN = ix * nx + iy * ny;
      const gex = 2 * gj * (rx - ix + 2 * iDotN * nx);
      const gey = 2 * gj * (ry - iy + 2 * iDotN * ny);
      const geDotN = gex * nx + gey * ny;
      // Through the incident direction i.
      let gx1 = 0;
      let gy1 = 0;
      if (li !== 0) {
        const gix = -gex + 2 * geDotN * nx;
        const giy = -gey + 2 * geDotN * ny;
        const along = gix * ix + giy * iy;
        gx1 = (gix - ix * along) / li;
        gy1 = (giy - iy * along) / li;
      }
      // Through the reflected direction r.
      let gx2 = 0;
      let gy2 = 0;
      if (lr !== 0) {
        const along = gex * rx + gey * ry;
        gx2 = (gex - rx * along) / lr;
        gy2 = (gey - ry * along) / lr;
      }
      if (ga !== null) {
        ga[2 * j] = -gx1;
        ga[2 * j + 1] = -gy1;
      }
      if (gb !== null) {
        gb[2 * j] = gx1 - gx2;
        gb[2 * j + 1] = gy1 - gy2;
      }
      if (gc !== null) {
        gc[2 * j] = gx2;
        gc[2 * j + 1] = gy2;
      }
      if (gWalls !== null) {
        addWallNormalCotangent(
          gWalls,
          j * wallStride,
          nx,
          ny,
          frames[f + 4]!,
          2 * (iDotN * gex + geDotN * ix),
          2 * (iDotN * gey + geDotN * iy),
        );
      }
    }
    return [ga, gb, gc, gWalls];
  },
});

/**
 * Interaction losses of specular reflections on walls (0 for a perfect
 * reflection): for each triplet `(a, b, c)` with `b` on the wall,
 * `i = normalize(b - a)`, `r = normalize(c - b)`, `e = r - (i - 2 (i . n) n)`
 * (`n` the wall's unit normal), `loss = e . e`, a number in [0, 4]. A
 * zero-length segment (`a == b` or `b == c`) has a zero direction (finite
 * loss, zero gradient through that direction), as `normalize` of
 * `@differt2d/autodiff`.
 *
 * One tape record; differentiable with respect to `a`, `b`, `c` and the wall.
 *
 * @param a - shape `[N, 2]`: the previous point of each path (e.g. TX).
 * @param b - shape `[N, 2]`: the interaction point on the wall.
 * @param c - shape `[N, 2]`: the next point (e.g. RX).
 * @param wall - shape `[2, 2]` (origin, dest) shared by all triplets, or `[N, 2, 2]`.
 * @returns shape `[N]`: the loss of each triplet (dimensionless).
 * @throws Error naming the function and the shapes when they do not fit.
 * @example
 * ```ts
 * const wall = [[0, 0], [1, 0]];
 * interactionLosses([[0, 1]], [[0.5, 0]], [[1, 1]], wall).toArray(); // [0]: a mirror reflection
 * interactionLosses([[0, 1]], [[0.5, 0]], [[1, -1]], wall).toArray(); // [3.2]: straight through the wall
 * ```
 */
export function interactionLosses(a: TensorLike, b: TensorLike, c: TensorLike, wall: TensorLike): Tensor {
  const t = tripletOperands('interactionLosses', a, b, c, wall);
  return lossesPrimitive.apply([t.a, t.b, t.c, t.wall.tensor], t.wall.stride) as Tensor;
}
