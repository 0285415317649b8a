/**
 * Mirror images of points through walls, as one fused primitive.
 *
 * @module
 */
import { definePrimitive, Tensor, type TensorLike } from '@differt2d/autodiff';
import { pointsOperand, wallOperand } from './operands.js';
import { addWallNormalCotangent } from './vector2.js';
import { pointFrames } from './wallFrames.js';

/** Parameters of the primitive: 0 when one wall serves every point, 4 when each point has its wall. */
type WallStride = 0 | 4;

const imagesPrimitive = definePrimitive<WallStride>({
  name: 'geometry.imagesThroughWall',
  // image(p) = p - 2 s n, with s = (p - origin) . n.
  forward([points, walls], wallStride) {
    const p = points!.data;
    const count = points!.shape[0]!;
    const { frames, frameStride } = pointFrames(walls!.data, wallStride, count);
    const out = new Float64Array(2 * count);
    for (let i = 0; i < count; i++) {
      const f = i * frameStride;
      const nx = frames[f + 2]!;
      const ny = frames[f + 3]!;
      const px = p[2 * i]!;
      const py = p[2 * i + 1]!;
      const s = (px - frames[f]!) * nx + (py - frames[f + 1]!) * ny;
      out[2 * i] = px - 2 * s * nx;
      out[2 * i + 1] = py - 2 * s * ny;
    }
    return new Tensor(out, [count, 2]);
  },
  // With v = p - origin, s = v . n and cotangent g of the image:
  //   g p      = g - 2 (g . n) n                (the reflection is symmetric)
  //   g origin = 2 (g . n) n + (normal part)    (through s)
  //   g n      = -2 (s g + (g . n) v)           (then through normalize into t)
  backward([g], [points, walls], _outputs, wallStride, needed) {
    const p = points!.data;
    const count = points!.shape[0]!;
    const { frames, frameStride } = pointFrames(walls!.data, wallStride, count);
    const gPoints = needed[0] ? new Float64Array(2 * count) : null;
    const gWalls = needed[1] ? new Float64Array(walls!.size) : null;
    for (let i = 0; i < count; i++) {
      const gx = g![2 * i]!;
      const gy = g![2 * i + 1]!;
      if (gx === 0 && gy === 0) continue;
      const f = i * frameStride;
      const nx = frames[f + 2]!;
      const ny = frames[f + 3]!;
      const gDotN = gx * nx + gy * ny;
      if (gPoints !== null) {
        gPoints[2 * i] = gx - 2 * gDotN * nx;
        gPoints[2 * i + 1] = gy - 2 * gDotN * ny;
      }
      if (gWalls !== null) {
        const w = i * wallStride;
        const vx = p[2 * i]! - frames[f]!;
        const vy = p[2 * i + 1]! - frames[f + 1]!;
        const s = vx * nx + vy * ny;
        gWalls[w] = gWalls[w]! + 2 * gDotN * nx;
        gWalls[w + 1] = gWalls[w + 1]! + 2 * gDotN * ny;
        addWallNormalCotangent(gWalls, w, nx, ny, frames[f + 4]!, -2 * (s * gx + gDotN * vx), -2 * (s * gy + gDotN * vy));
      }
    }
    return [gPoints, gWalls];
  },
});

/**
 * Mirror images of points through walls (the image method's building block):
 * `image(p) = p - 2 ((p - origin) . n) n`, with `n` the wall's unit normal
 * `normalize((t.y, -t.x))`, `t = dest - origin`. A zero-length wall has a zero
 * normal and leaves its points unchanged.
 *
 * One tape record for the whole batch; differentiable with respect to the
 * points and the wall coordinates.
 *
 * @param points - shape `[N, 2]`: N points (x, y), in scene units.
 * @param wall - shape `[2, 2]` (origin, dest) shared by all points, or
 *   `[N, 2, 2]`: one wall per point.
 * @returns shape `[N, 2]`: the image of each point.
 * @throws Error naming the function and the shapes when they do not fit.
 * @example
 * ```ts
 * imagesThroughWall([[0.2, 0.3], [1, 2]], [[0, 0], [1, 0]]).toArray(); // [[0.2, -0.3], [1, -2]]
 * ```
 */
export function imagesThroughWall(points: TensorLike, wall: TensorLike): Tensor {
  const op = 'imagesThroughWall';
  const p = pointsOperand(op, 'points', points);
  const w = wallOperand(op, 'wall', wall, p.shape[0]!);
  return imagesPrimitive.apply([p, w.tensor], w.stride) as Tensor;
}
