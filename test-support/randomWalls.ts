/**
 * fast-check generators of walls in the unit square, shared by the pruning
 * and spatial-index tests: small axis-aligned boxes (four walls each) and
 * short free segments.
 *
 * Dev-only: imported by relative path from tests, never from a library
 * source file.
 *
 * @module
 */
import { Wall } from '@differt2d/geometry';
import fc from 'fast-check';

type Xy = [number, number];

/** An axis-aligned box: lower-left corner (x, y), width w, height h. */
export interface SmallBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * The four walls of a box, counter-clockwise from its lower-left corner.
 *
 * @example
 * ```ts
 * boxWalls({ x: 0, y: 0, w: 1, h: 2 }).length; // 4
 * ```
 */
export function boxWalls(box: SmallBox): Wall[] {
  const x0 = box.x;
  const y0 = box.y;
  const x1 = box.x + box.w;
  const y1 = box.y + box.h;
  return [new Wall([[x0, y0], [x1, y0]]), new Wall([[x1, y0], [x1, y1]]), new Wall([[x1, y1], [x0, y1]]), new Wall([[x0, y1], [x0, y0]])];
}

/**
 * Boxes in the unit square: corner in `[0, maxCorner]`, sides in
 * `[0.02, maxSide]`.
 *
 * @example
 * ```ts
 * fc.sample(smallBoxArb(0.8, 0.3), 1)[0]!.w <= 0.3; // true
 * ```
 */
export function smallBoxArb(maxCorner: number, maxSide: number): fc.Arbitrary<SmallBox> {
  return fc.record({
    x: fc.double({ min: 0, max: maxCorner, noNaN: true }),
    y: fc.double({ min: 0, max: maxCorner, noNaN: true }),
    w: fc.double({ min: 0.02, max: maxSide, noNaN: true }),
    h: fc.double({ min: 0.02, max: maxSide, noNaN: true }),
  });
}

/**
 * Segments from a point, in any direction, of length in `[0.02, maxLength]`.
 *
 * @example
 * ```ts
 * const [[x0, y0], [x1, y1]] = fc.sample(shortSegmentArb(unitPointArb, 0.25), 1)[0]!;
 * ```
 */
export function shortSegmentArb(point: fc.Arbitrary<Xy>, maxLength: number): fc.Arbitrary<[Xy, Xy]> {
  return fc
    .tuple(point, fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), fc.double({ min: 0.02, max: maxLength, noNaN: true }))
    .map(([[x, y], angle, length]): [Xy, Xy] => [
      [x, y],
      [x + length * Math.cos(angle), y + length * Math.sin(angle)],
    ]);
}

/**
 * Points of the unit square, mostly on a fine dyadic lattice (exact
 * arithmetic in the tests' sums), sometimes on the coarse 1/8 lattice
 * (walls sharing lines and ends).
 */
export const unitPointArb: fc.Arbitrary<Xy> = (() => {
  const coordinate = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 2 ** 30 }).map((i) => i / 2 ** 30) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 8 }).map((i) => i / 8) },
  );
  return fc.tuple(coordinate, coordinate) as fc.Arbitrary<Xy>;
})();
