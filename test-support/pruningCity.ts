/**
 * A synthetic city for pruning tests and measurements: a grid of
 * rectangular buildings (four walls each) separated by streets, with
 * deterministic jitter.
 *
 * Dev-only: imported by relative path from tests, never from a library
 * source file.
 *
 * @module
 */
import { Wall } from '@differt2d/geometry';

/**
 * `columns x rows` buildings in `[0, columns] x [0, rows]` (metres, one
 * unit cell per building), buildings row by row, each a rectangle of 55-85%
 * of its cell along each axis, its four walls counter-clockwise. Every
 * building keeps at least 0.075 from its cell's edges, so the lines
 * `x = i` and `y = j` run along streets.
 *
 * @example
 * ```ts
 * pruningCity(25, 20).length; // 2000 walls
 * ```
 */
export function pruningCity(columns: number, rows: number, seed = 1): Wall[] {
  let state = seed >>> 0 || 1;
  const random = (): number => {
    // xorshift32: deterministic, good enough for jitter
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
  const walls: Wall[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < columns; i++) {
      const width = 0.55 + 0.3 * random();
      const height = 0.55 + 0.3 * random();
      const x0 = i + 0.075 + (1 - width - 0.15) * random();
      const y0 = j + 0.075 + (1 - height - 0.15) * random();
      const x1 = x0 + width;
      const y1 = y0 + height;
      walls.push(
        new Wall([[x0, y0], [x1, y0]]),
        new Wall([[x1, y0], [x1, y1]]),
        new Wall([[x1, y1], [x0, y1]]),
        new Wall([[x0, y1], [x0, y0]]),
      );
    }
  }
  return walls;
}
