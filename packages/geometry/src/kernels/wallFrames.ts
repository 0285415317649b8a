/**
 * Per-wall data computed once before a kernel's loop: origin, unit normal
 * and the normal's unnormalised length, five numbers per wall.
 *
 * @module
 */
import { vectorLength } from './vector2.js';

/** Numbers per wall in a frame table: origin x, origin y, normal x, normal y, length of t. */
export const FRAME_SIZE = 5;

/**
 * The frames of `count` walls stored as `[origin x, origin y, dest x, dest y]`
 * in `walls`: `[ox, oy, nx, ny, |t|]` per wall, with `t = dest - origin` and
 * `n = (t.y, -t.x) / |t|` (the zero vector for a zero-length wall).
 *
 * @example
 * ```ts
 * Array.from(wallFrames(Float64Array.of(0, 0, 2, 0), 1)); // [0, 0, 0, -1, 2]
 * ```
 */
export function wallFrames(walls: Float64Array, count: number): Float64Array {
  const frames = new Float64Array(FRAME_SIZE * count);
  for (let w = 0; w < count; w++) {
    const ox = walls[4 * w]!;
    const oy = walls[4 * w + 1]!;
    const tx = walls[4 * w + 2]! - ox;
    const ty = walls[4 * w + 3]! - oy;
    const length = vectorLength(ty, tx);
    const f = FRAME_SIZE * w;
    frames[f] = ox;
    frames[f + 1] = oy;
    if (length !== 0) {
      frames[f + 2] = ty / length;
      frames[f + 3] = -tx / length;
    }
    frames[f + 4] = length;
  }
  return frames;
}

/**
 * The frames a kernel's loop reads, for `count` points and a wall operand of
 * stride `wallStride` (see `WallOperand`): the frame of point `j` starts at
 * `j * frameStride` in `frames`, one frame shared by all (`frameStride` 0)
 * or one per point (`FRAME_SIZE`).
 *
 * @example
 * ```ts
 * const { frames, frameStride } = pointFrames(Float64Array.of(0, 0, 2, 0), 0, 3); // one frame, frameStride 0
 * ```
 */
export function pointFrames(walls: Float64Array, wallStride: 0 | 4, count: number): { frames: Float64Array; frameStride: number } {
  return wallStride === 0 ? { frames: wallFrames(walls, 1), frameStride: 0 } : { frames: wallFrames(walls, count), frameStride: FRAME_SIZE };
}
