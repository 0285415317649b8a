/**
 * The `square-with-wall` built-in scene.
 *
 * @module
 */
import { Wall } from '@differt2d/geometry';
import { Scene } from '../scene/scene.js';
import { ratioOption } from './options.js';
import { unitSquareWalls } from './square.js';

/**
 * Options of `squareSceneWithWall`.
 *
 * @example
 * ```ts
 * const options: SquareSceneWithWallOptions = { ratio: 0.5 };
 * squareSceneWithWall(options).objects[4].xys.toArray(); // [[0.5, 0.25], [0.5, 0.75]]
 * ```
 */
export interface SquareSceneWithWallOptions {
  /** The inner wall's length as a fraction of the square's side, in (0, 1]; default 0.6. */
  ratio?: number | undefined;
}

/**
 * DiffeRT2d's `square-with-wall` scene: the unit square's four walls, then
 * the vertical wall (0.5, 0.5 (1 - ratio))-(0.5, 0.5 (1 + ratio)) in the
 * middle; transmitter `tx` at (0.2, 0.5), receiver `rx` at (0.8, 0.5), on
 * either side of it.
 *
 * @throws Error naming the value when `ratio` is not in (0, 1], or so small
 *   (below ~1e-16) that the wall would have zero length.
 * @example
 * ```ts
 * squareSceneWithWall().objects[4].xys.toArray(); // [[0.5, 0.2], [0.5, 0.8]]
 * ```
 */
export function squareSceneWithWall(options: SquareSceneWithWallOptions = {}): Scene {
  const op = 'squareSceneWithWall';
  const ratio = ratioOption(op, options.ratio ?? 0.6, true);
  const [y0, y1] = [0.5 * (1 - ratio), 0.5 * (1 + ratio)];
  if (y0 === y1) throw new Error(`${op}: ratio ${ratio} is too small: the wall would have zero length`);
  return new Scene({
    transmitters: { tx: [0.2, 0.5] },
    receivers: { rx: [0.8, 0.5] },
    objects: [...unitSquareWalls(), new Wall([[0.5, y0], [0.5, y1]])],
  });
}
