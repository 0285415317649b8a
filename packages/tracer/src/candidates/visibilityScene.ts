/**
 * A scene's objects as candidate pruning sees them: which ones reflect as
 * plain specular walls (the only ones pruned), which ones stop rays as plain
 * segments (the only occluders), and their lines, in flat arrays.
 *
 * @module
 */
import { Wall, type Interactable } from '@differt2d/geometry';

/**
 * The objects laid out for pruning.
 *
 * @internal
 * @example
 * ```ts
 * const scene: VisibilityScene = visibilityScene([new Wall([[0, 0], [1, 0]])]);
 * scene.plain[0]; // 1
 * ```
 */
export interface VisibilityScene {
  /** Number of objects. */
  readonly count: number;
  /** Per object, 4 numbers: x0, y0, x1, y1 (metres); zeros for non-walls. */
  readonly ends: Float64Array;
  /** Per object, 2 numbers: the unit direction of its line (zeros for non-walls). */
  readonly directions: Float64Array;
  /** Per object, 2 numbers: a unit normal of its line (zeros for non-walls). */
  readonly normals: Float64Array;
  /** Per object, its length (0 for non-walls). */
  readonly lengths: Float64Array;
  /** 1 for a plain specular wall: image-traced, contained and blocked as `Wall` does it. */
  readonly plain: Uint8Array;
  /** 1 for an object that stops rays crossing its segment (a blocking `Wall` with `Wall`'s crossing test). */
  readonly occluder: Uint8Array;
  /** The largest absolute coordinate of the walls (metres), at least the smallest normal double. */
  readonly scale: number;
}

/**
 * Whether an object reflects exactly as the image method and the validity
 * tests treat a `Wall`: a specular wall whose containment test is `Wall`'s
 * (a subclass may accept points off its segment, which pruning cannot know).
 */
function isPlainSpecularWall(object: Interactable): object is Wall {
  return (
    object instanceof Wall &&
    object.kind === 'wall' &&
    object.contains === Wall.prototype.contains &&
    object.cartesianToParametric === Wall.prototype.cartesianToParametric
  );
}

/** Whether an object blocks rays exactly where its segment is crossed (the tracer's wall test). */
function isSegmentOccluder(object: Interactable): object is Wall {
  return object.blocksRays && object instanceof Wall && object.intersects === Wall.prototype.intersects;
}

/**
 * Lay out a scene's objects for pruning.
 *
 * @internal
 * @example
 * ```ts
 * visibilityScene([new Wall([[0, 0], [2, 0]])]).lengths[0]; // 2
 * ```
 */
export function visibilityScene(objects: readonly Interactable[]): VisibilityScene {
  const count = objects.length;
  const ends = new Float64Array(4 * count);
  const directions = new Float64Array(2 * count);
  const normals = new Float64Array(2 * count);
  const lengths = new Float64Array(count);
  const plain = new Uint8Array(count);
  const occluder = new Uint8Array(count);
  let scale = Number.MIN_VALUE;
  for (let o = 0; o < count; o++) {
    const object = objects[o]!;
    if (!(object instanceof Wall)) continue;
    const xys = object.xys.data;
    const x0 = xys[0]!;
    const y0 = xys[1]!;
    const x1 = xys[2]!;
    const y1 = xys[3]!;
    const length = Math.hypot(x1 - x0, y1 - y0);
    // Walls are finite and of non-zero length (their constructor checks it),
    // but a length that overflows would make every quantity below NaN.
    if (!(length > 0 && length < Infinity)) continue;
    ends[4 * o] = x0;
    ends[4 * o + 1] = y0;
    ends[4 * o + 2] = x1;
    ends[4 * o + 3] = y1;
    const tx = (x1 - x0) / length;
    const ty = (y1 - y0) / length;
    directions[2 * o] = tx;
    directions[2 * o + 1] = ty;
    normals[2 * o] = ty;
    normals[2 * o + 1] = -tx;
    lengths[o] = length;
    scale = Math.max(scale, Math.abs(x0), Math.abs(y0), Math.abs(x1), Math.abs(y1));
    if (isPlainSpecularWall(object)) plain[o] = 1;
    if (isSegmentOccluder(object)) occluder[o] = 1;
  }
  return { count, ends, directions, normals, lengths, plain, occluder, scale };
}
