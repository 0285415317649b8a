/**
 * DiffeRT2d's basic scene, for tests and benchmarks: the transmitter, the
 * receiver and the seven walls, in order (the library's `basicScene()` of
 * `@differt2d/scene` builds the same scene as a `Scene`).
 *
 * Dev-only: imported by relative path from tests and benches, never from a
 * library source file.
 *
 * @module
 */
import { Wall } from '@differt2d/geometry';

/** A point `[x, y]`. */
export type Xy = [number, number];

/** TX of the basic scene. */
export const BASIC_TX: Xy = [0.1, 0.1];

/** RX of the basic scene. */
export const BASIC_RX: Xy = [0.302, 0.2147];

/** Wall coordinates `[origin, dest]` of the basic scene, in order. */
export const BASIC_WALLS: readonly (readonly [Xy, Xy])[] = [
  [[0, 0], [1, 0]],
  [[1, 0], [1, 1]],
  [[1, 1], [0, 1]],
  [[0, 1], [0, 0]],
  [[0.4, 0], [0.4, 0.4]],
  [[0.4, 0.4], [0.3, 0.4]],
  [[0.1, 0.4], [0, 0.4]],
];

/**
 * The basic scene's walls as `Wall` objects named `walls[i]`, in order (new
 * objects at each call).
 *
 * @example
 * ```ts
 * basicWalls()[4].name; // 'walls[4]'
 * ```
 */
export function basicWalls(): Wall[] {
  return BASIC_WALLS.map((xys, i) => new Wall(xys, { name: `walls[${i}]` }));
}
