/**
 * The `square-with-obstacle` built-in scene.
 *
 * @module
 */
import { Wall } from '@differt2d/geometry';
import { Scene } from '../scene/scene.js';
import { ratioOption } from './options.js';
import { squareScene } from './square.js';

/**
 * Options of `squareSceneWithObstacle`.
 *
 * @example
 * ```ts
 * const options: SquareSceneWithObstacleOptions = { ratio: 0.2 };
 * squareSceneWithObstacle(options).objects[4].xys.toArray(); // [[0.4, 0.4], [0.6, 0.4]]
 * ```
 */
export interface SquareSceneWithObstacleOptions {
  /** The obstacle's side as a fraction of the square's side, in (0, 1); default 0.1. */
  ratio?: number | undefined;
}

/**
 * DiffeRT2d's `square-with-obstacle` scene: the `square` scene (its walls,
 * `tx` at (0.2, 0.2), `rx` at (0.5, 0.6)) plus a square obstacle of side
 * `ratio` centred at (0.5, 0.5): with `x0 = y0 = 0.5 - ratio / 2` and
 * `x1 = y1 = 0.5 + ratio / 2`, the walls (x0,y0)-(x1,y0), (x1,y0)-(x1,y1),
 * (x1,y1)-(x0,y1), (x0,y1)-(x0,y0), in that order.
 *
 * @throws Error naming the value when `ratio` is not in (0, 1), or so small
 *   (below ~1e-16) that the walls would have zero length.
 * @example
 * ```ts
 * squareSceneWithObstacle().objects[4].xys.toArray(); // [[0.45, 0.45], [0.55, 0.45]]
 * ```
 */
export function squareSceneWithObstacle(options: SquareSceneWithObstacleOptions = {}): Scene {
  const op = 'squareSceneWithObstacle';
  const ratio = ratioOption(op, options.ratio ?? 0.1, false);
  const half = 0.5 * ratio;
  const [x0, x1] = [0.5 - half, 0.5 + half];
  if (x0 === x1) throw new Error(`${op}: ratio ${ratio} is too small: the obstacle's walls would have zero length`);
  const [y0, y1] = [x0, x1];
  return squareScene().addObjects(
    new Wall([[x0, y0], [x1, y0]]),
    new Wall([[x1, y0], [x1, y1]]),
    new Wall([[x1, y1], [x0, y1]]),
    new Wall([[x0, y1], [x0, y0]]),
  );
}
