/**
 * The `square` built-in scene.
 *
 * @module
 */
import { Wall } from '@differt2d/geometry';
import { Scene } from '../scene/scene.js';

/**
 * The four walls of the unit square, in DiffeRT2d's order: bottom
 * (0,0)-(1,0), right (1,0)-(1,1), top (1,1)-(0,1), left (0,1)-(0,0).
 *
 * @example
 * ```ts
 * unitSquareWalls()[2].xys.toArray(); // [[1, 1], [0, 1]]
 * ```
 * @internal
 */
export function unitSquareWalls(): Wall[] {
  return [
    new Wall([[0, 0], [1, 0]]),
    new Wall([[1, 0], [1, 1]]),
    new Wall([[1, 1], [0, 1]]),
    new Wall([[0, 1], [0, 0]]),
  ];
}

/**
 * DiffeRT2d's `square` scene: the four walls of the unit square (bottom,
 * right, top, left), transmitter `tx` at (0.2, 0.2), receiver `rx` at
 * (0.5, 0.6).
 *
 * @example
 * ```ts
 * const scene = squareScene();
 * scene.objects.length; // 4
 * scene.transmitter('tx').xy.toArray(); // [0.2, 0.2]
 * ```
 */
export function squareScene(): Scene {
  return new Scene({ transmitters: { tx: [0.2, 0.2] }, receivers: { rx: [0.5, 0.6] }, objects: unitSquareWalls() });
}
