/**
 * The image method as one fused autodiff primitive: the interaction points of
 * many paths (receivers and/or transmitters) through one ordered list of
 * walls, with the forward loop and its exact vector-Jacobian loop side by
 * side.
 *
 * @module
 */
import { asTensor, definePrimitive, formatShape, Tensor, type TensorLike } from '@differt2d/autodiff';

/** Numbers per wall in the frame table: origin x, origin y, unit normal x, y, and the length |t|. */
const FRAME_SIZE = 5;

// Per-call work space (wall frames, images, their cotangents), reused across
// calls: a Float64Array of more than 8 values lives outside V8's heap and
// costs ~0.2 us to allocate, as much as tracing a whole short path.
let workspace = new Float64Array(256);

/** The shared work space, grown to at least `size` values (contents undefined). */
function workspaceOf(size: number): Float64Array {
  if (workspace.length < size) workspace = new Float64Array(Math.max(size, 2 * workspace.length));
  return workspace;
}

/**
 * Write `[ox, oy, nx, ny, |t|]` per wall (walls stored `[ox, oy, dx, dy]`)
 * into `frames`, with `n = (t.y, -t.x) / |t|`, the zero vector for a
 * zero-length wall (whose images and intersections then leave points where
 * they are).
 */
function writeWallFrames(walls: Float64Array, count: number, frames: Float64Array): void {
  for (let w = 0; w < count; w++) {
    const ox = walls[4 * w]!;
    const oy = walls[4 * w + 1]!;
    const tx = walls[4 * w + 2]! - ox;
    const ty = walls[4 * w + 3]! - oy;
    const length = Math.sqrt(tx * tx + ty * ty);
    const f = FRAME_SIZE * w;
    frames[f] = ox;
    frames[f + 1] = oy;
    frames[f + 2] = length === 0 ? 0 : ty / length;
    frames[f + 3] = length === 0 ? 0 : -tx / length;
    frames[f + 4] = length;
  }
}

/**
 * Write the images `I_1 .. I_K` of the point `I_0 = (x, y)` through the
 * walls of `frames`, in order (`I_{k+1} = I_k - 2 ((I_k - o_k) . n_k) n_k`),
 * into `images` at `offset + 2 k` and `offset + 2 k + 1`.
 */
function writeImages(frames: Float64Array, wallCount: number, x: number, y: number, images: Float64Array, offset: number): void {
  let ix = x;
  let iy = y;
  for (let k = 0; k < wallCount; k++) {
    const f = FRAME_SIZE * k;
    const nx = frames[f + 2]!;
    const ny = frames[f + 3]!;
    const s = (ix - frames[f]!) * nx + (iy - frames[f + 1]!) * ny;
    ix -= 2 * s * nx;
    iy -= 2 * s * ny;
    images[offset + 2 * k] = ix;
    images[offset + 2 * k + 1] = iy;
  }
}

/** Parameters of the primitive, resolved at its boundary. */
interface ImageParams {
  /** Number of paths N. */
  readonly count: number;
  /** Number of walls K. */
  readonly wallCount: number;
  /** 0 when one TX serves every path, 2 when each path has its own. */
  readonly txStride: 0 | 2;
  /** 0 when one RX serves every path, 2 when each path has its own. */
  readonly rxStride: 0 | 2;
}

// Notation (one path; k = 0 .. K-1 indexes the walls, o_k origin, n_k unit normal):
//   images:        I_0 = tx,  s_k = (I_k - o_k) . n_k,  I_{k+1} = I_k - 2 s_k n_k
//   intersections: X_K = rx,  for k = K-1 .. 0, with P = X_{k+1}:
//                  u = P - I_{k+1},  v = o_k - P,  tau = (v . n_k) / (u . n_k),
//                  X_k = P + tau u   (X_k = P when u . n_k = 0 or tau is not finite)
//   output points: [tx, X_0, ..., X_{K-1}, rx]
// `tau` is not finite only when u . n_k underflows; keeping P then keeps every
// value and gradient finite (DiffeRT2d would give infinities or NaN).

const imagePathsPrimitive = definePrimitive<ImageParams>({
  name: 'tracer.imagePathPoints',
  forward([tx, walls, rx], params) {
    const { count, wallCount, txStride, rxStride } = params;
    const txData = tx!.data;
    const rxData = rx!.data;
    // frames at [0, 5 K), images at [5 K, 7 K): images[2 k], [2 k + 1] hold I_{k+1}.
    const frames = workspaceOf(7 * wallCount);
    writeWallFrames(walls!.data, wallCount, frames);
    const imageOffset = FRAME_SIZE * wallCount;
    const pathStride = 2 * (wallCount + 2);
    const out = new Float64Array(count * pathStride);
    for (let i = 0; i < count; i++) {
      const base = i * pathStride;
      const tx0 = txData[i * txStride]!;
      const ty0 = txData[i * txStride + 1]!;
      out[base] = tx0;
      out[base + 1] = ty0;
      writeImages(frames, wallCount, tx0, ty0, frames, imageOffset);
      let px = rxData[i * rxStride]!;
      let py = rxData[i * rxStride + 1]!;
      out[base + pathStride - 2] = px;
      out[base + pathStride - 1] = py;
      for (let k = wallCount - 1; k >= 0; k--) {
        const f = FRAME_SIZE * k;
        const nx = frames[f + 2]!;
        const ny = frames[f + 3]!;
        const ux = px - frames[imageOffset + 2 * k]!;
        const uy = py - frames[imageOffset + 2 * k + 1]!;
        const un = ux * nx + uy * ny;
        if (un !== 0) {
          const tau = ((frames[f]! - px) * nx + (frames[f + 1]! - py) * ny) / un;
          if (tau - tau === 0) {
            px += tau * ux;
            py += tau * uy;
          }
        }
        out[base + 2 * (k + 1)] = px;
        out[base + 2 * (k + 1) + 1] = py;
      }
    }
    return new Tensor(out, [count, wallCount + 2, 2]);
  },
  // Reverse of the intersections (k = 0 .. K-1), with cotangent gX of X_k:
  //   g tau = gX . u,  g(v.n) = g tau / un,  g(u.n) = -g tau tau / un,
  //   gu = tau gX + g(u.n) n,  gv = g(v.n) n,  gn += g(u.n) u + g(v.n) v,
  //   gP = gX + gu - gv,  gI_{k+1} -= gu,  g o_k += gv;
  // then reverse of the images (k = K-1 .. 0), with cotangent gI of I_{k+1}:
  //   g s = -2 gI . n,  gn += -2 s gI + g s (I_k - o_k),  g o_k -= g s n,
  //   gI_k = gI + g s n.
  // The normals' cotangents are summed over all paths, then taken through
  // n = normalize((t.y, -t.x)) once per wall.
  backward([g], [tx, walls, rx], [points], params, needed) {
    const { count, wallCount, txStride, rxStride } = params;
    const txData = tx!.data;
    const pts = points!.data;
    // frames [0, 5 K), images [5 K, 7 K), their cotangents [7 K, 9 K), the
    // normals' cotangents summed over paths [9 K, 11 K).
    const frames = workspaceOf(11 * wallCount);
    writeWallFrames(walls!.data, wallCount, frames);
    const images = frames.subarray(FRAME_SIZE * wallCount, 7 * wallCount);
    const gImages = frames.subarray(7 * wallCount, 9 * wallCount);
    const gNormals = frames.subarray(9 * wallCount, 11 * wallCount);
    gNormals.fill(0);
    const pathStride = 2 * (wallCount + 2);
    const gTx = needed[0] ? new Float64Array(tx!.size) : null;
    const gWalls = needed[1] ? new Float64Array(walls!.size) : null;
    const gRx = needed[2] ? new Float64Array(rx!.size) : null;
    const cotangent = g!;
    for (let i = 0; i < count; i++) {
      const base = i * pathStride;
      let zero = true;
      for (let j = 0; j < pathStride; j++) {
        if (cotangent[base + j] !== 0) {
          zero = false;
          break;
        }
      }
      if (zero) continue;
      const tx0 = txData[i * txStride]!;
      const ty0 = txData[i * txStride + 1]!;
      writeImages(frames, wallCount, tx0, ty0, images, 0);
      for (let k = 0; k < 2 * wallCount; k++) gImages[k] = 0;
      // Cotangent of the running point, starting with X_0 (or rx when K = 0).
      let gx = cotangent[base + 2]!;
      let gy = cotangent[base + 3]!;
      for (let k = 0; k < wallCount; k++) {
        const f = FRAME_SIZE * k;
        const nx = frames[f + 2]!;
        const ny = frames[f + 3]!;
        const px = pts[base + 2 * (k + 2)]!;
        const py = pts[base + 2 * (k + 2) + 1]!;
        const ux = px - images[2 * k]!;
        const uy = py - images[2 * k + 1]!;
        const un = ux * nx + uy * ny;
        let gpx = gx;
        let gpy = gy;
        if (un !== 0) {
          const vx = frames[f]! - px;
          const vy = frames[f + 1]! - py;
          const tau = (vx * nx + vy * ny) / un;
          if (tau - tau === 0) {
            const gTau = gx * ux + gy * uy;
            const gVn = gTau / un;
            const gUn = (-gTau * tau) / un;
            const gux = tau * gx + gUn * nx;
            const guy = tau * gy + gUn * ny;
            const gvx = gVn * nx;
            const gvy = gVn * ny;
            gNormals[2 * k] = gNormals[2 * k]! + gUn * ux + gVn * vx;
            gNormals[2 * k + 1] = gNormals[2 * k + 1]! + gUn * uy + gVn * vy;
            gpx += gux - gvx;
            gpy += guy - gvy;
            gImages[2 * k] = gImages[2 * k]! - gux;
            gImages[2 * k + 1] = gImages[2 * k + 1]! - guy;
            if (gWalls !== null) {
              gWalls[4 * k] = gWalls[4 * k]! + gvx;
              gWalls[4 * k + 1] = gWalls[4 * k + 1]! + gvy;
            }
          }
        }
        gx = gpx + cotangent[base + 2 * (k + 2)]!;
        gy = gpy + cotangent[base + 2 * (k + 2) + 1]!;
      }
      if (gRx !== null) {
        gRx[i * rxStride] = gRx[i * rxStride]! + gx;
        gRx[i * rxStride + 1] = gRx[i * rxStride + 1]! + gy;
      }
      // Cotangent of I_{k+1}, starting with I_K (tx when K = 0).
      let gix = wallCount > 0 ? gImages[2 * (wallCount - 1)]! : 0;
      let giy = wallCount > 0 ? gImages[2 * (wallCount - 1) + 1]! : 0;
      for (let k = wallCount - 1; k >= 0; k--) {
        const f = FRAME_SIZE * k;
        const nx = frames[f + 2]!;
        const ny = frames[f + 3]!;
        const previousX = k === 0 ? tx0 : images[2 * (k - 1)]!;
        const previousY = k === 0 ? ty0 : images[2 * (k - 1) + 1]!;
        const wx = previousX - frames[f]!;
        const wy = previousY - frames[f + 1]!;
        const s = wx * nx + wy * ny;
        const gS = -2 * (gix * nx + giy * ny);
        gNormals[2 * k] = gNormals[2 * k]! - 2 * s * gix + gS * wx;
        gNormals[2 * k + 1] = gNormals[2 * k + 1]! - 2 * s * giy + gS * wy;
        if (gWalls !== null) {
          gWalls[4 * k] = gWalls[4 * k]! - gS * nx;
          gWalls[4 * k + 1] = gWalls[4 * k + 1]! - gS * ny;
        }
        gix += gS * nx;
        giy += gS * ny;
        if (k > 0) {
          gix += gImages[2 * (k - 1)]!;
          giy += gImages[2 * (k - 1) + 1]!;
        }
      }
      if (gTx !== null) {
        gTx[i * txStride] = gTx[i * txStride]! + gix + cotangent[base]!;
        gTx[i * txStride + 1] = gTx[i * txStride + 1]! + giy + cotangent[base + 1]!;
      }
    }
    if (gWalls !== null) {
      // n = m / |m| with m = (t.y, -t.x): gm = (gn - n (n . gn)) / |m|,
      // gt = (-gm.y, gm.x), g origin -= gt, g dest += gt.
      for (let k = 0; k < wallCount; k++) {
        const f = FRAME_SIZE * k;
        const length = frames[f + 4]!;
        if (length === 0) continue;
        const nx = frames[f + 2]!;
        const ny = frames[f + 3]!;
        const gnx = gNormals[2 * k]!;
        const gny = gNormals[2 * k + 1]!;
        const along = gnx * nx + gny * ny;
        const gmx = (gnx - nx * along) / length;
        const gmy = (gny - ny * along) / length;
        gWalls[4 * k] = gWalls[4 * k]! + gmy;
        gWalls[4 * k + 1] = gWalls[4 * k + 1]! - gmx;
        gWalls[4 * k + 2] = gWalls[4 * k + 2]! - gmy;
        gWalls[4 * k + 3] = gWalls[4 * k + 3]! + gmx;
      }
    }
    return [gTx, gWalls, gRx];
  },
});

/**
 * The points of image-method paths as a tensor: many paths (one per pair of
 * TX and RX rows) through one ordered list of walls, computed by one fused
 * primitive (one tape record for the whole batch), differentiable with
 * respect to the TX, the walls and the RX.
 *
 * Images of the TX are taken through the walls in order; then, from the RX
 * back, each interaction point is where the line from the current point to
 * the matching image crosses the wall's line. When that line is parallel to
 * the wall (`u . n = 0`), the point stays where it is (no step). Whether the
 * points fall on the walls (segments) is not checked here: that is validity.
 *
 * This is the kernel under {@link imagePaths}, for callers that hold the
 * walls' coordinates as one tensor and need no loss.
 *
 * @param tx - `[N, 2]` or `[2]` (one TX shared by all paths), metres.
 * @param walls - `[K, 2, 2]`: origin and dest of each wall, in interaction order (metres).
 * @param rx - `[N, 2]` or `[2]` (one RX shared by all paths), metres.
 * @returns `[N, K + 2, 2]`: TX, the K interaction points, RX (metres); N is 1
 *   when both TX and RX are `[2]`.
 * @throws Error naming the argument when a shape does not fit.
 * @example
 * ```ts
 * imagePathPoints([0, 1], [[[-1, 0], [1, 0]]], [[1, 1], [2, 1]]).toArray();
 * // [[[0, 1], [0.5, 0], [1, 1]], [[0, 1], [1, 0], [2, 1]]]
 * ```
 */
export function imagePathPoints(tx: TensorLike, walls: TensorLike, rx: TensorLike): Tensor {
  const op = 'imagePathPoints';
  const txTensor = asTensor(tx, op);
  const rxTensor = asTensor(rx, op);
  const wallTensor = asTensor(walls, op);
  if (wallTensor.ndim !== 3 || wallTensor.shape[1] !== 2 || wallTensor.shape[2] !== 2) {
    throw new Error(`${op}: walls must have shape [K, 2, 2] (origin, dest of each wall), got ${formatShape(wallTensor.shape)}`);
  }
  const txCount = pointCount(op, 'tx', txTensor);
  const rxCount = pointCount(op, 'rx', rxTensor);
  if (txCount !== 1 && rxCount !== 1 && txCount !== rxCount) {
    throw new Error(`${op}: tx and rx must hold the same number of points N (or one of them a single point), got ${txCount} and ${rxCount}`);
  }
  const params: ImageParams = {
    count: txCount === 1 ? rxCount : txCount,
    wallCount: wallTensor.shape[0]!,
    txStride: txCount === 1 ? 0 : 2,
    rxStride: rxCount === 1 ? 0 : 2,
  };
  return imagePathsPrimitive.apply([txTensor, wallTensor, rxTensor], params) as Tensor;
}

/** Number of points of a `[2]` (one point) or `[N, 2]` operand. */
function pointCount(op: string, name: string, t: Tensor): number {
  if (t.ndim === 1 && t.shape[0] === 2) return 1;
  if (t.ndim === 2 && t.shape[1] === 2) return t.shape[0]!;
  throw new Error(`${op}: ${name} must have shape [2] or [N, 2], got ${formatShape(t.shape)}`);
}
