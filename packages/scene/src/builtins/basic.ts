/**
 * The `basic` built-in scene.
 *
 * @module
 */
import { Wall } from '@differt2d/geometry';
import { Scene } from '../scene/scene.js';
import { unitSquareWalls } from './square.js';

/**
 * DiffeRT2d's `basic` scene: the unit square's four walls, then three inner
 * walls (0.4,0)-(0.4,0.4), (0.4,0.4)-(0.3,0.4), (0.1,0.4)-(0,0.4), in that
 * order (seven objects); transmitter `tx` at (0.1, 0.1), receiver `rx` at
 * (0.302, 0.2147).
 *
 * @example
 * ```ts
 * const scene = basicScene();
 * scene.objects.length; // 7
 * scene.receiver('rx').xy.toArray(); // [0.302, 0.2147]
 * ```
 */
export function basicScene(): Scene {
  return new Scene({
    transmitters: { tx: [0.1, 0.1] },
    receivers: { rx: [0.302, 0.2147] },
    objects: [
      ...unitSquareWalls(),
      new Wall([[0.4, 0], [0.4, 0.4]]),
      new Wall([[0.4, 0.4], [0.3, 0.4]]),
      new Wall([[0.1, 0.4], [0, 0.4]]),
    ],
  });
}
